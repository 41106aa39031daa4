package conclab.grader.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import conclab.grader.io.FileSeal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.platform.engine.discovery.ClassNameFilter;

/**
 * The bundled suite, unpacked into a folder of the run.
 *
 * @param publicJar    the public tests, {@code visible} by default
 * @param hiddenJar    the hidden tests, {@code hidden} by default
 * @param stubsJar     the stubs of every exercise
 * @param compileJars  what a submission compiles against
 * @param standInsJar  the trusted side's copy of the exercises' API: stand-ins that forward to the
 *                     submission's JVM, and the grader's own given types
 * @param tasksJar     the public test classes that run beside the submission
 * @param executorJars the submission's side of the boundary
 */
public record TestSuite(Path publicJar, Path hiddenJar, Path stubsJar, List<Path> compileJars, Path standInsJar,
                        Path tasksJar, List<Path> executorJars) {

    private static final String BUNDLE = "conclab/grader/suite";

    /**
     * The names of the suite's test classes: JUnit's standard pattern (a name that begins with
     * Test, or ends with Test or Tests), which Maven's Surefire runs too. Discovery looks at these
     * alone instead of loading every helper class of the jars; SuiteConventionsTest checks that
     * no test class is named otherwise.
     */
    public static final String TEST_CLASS_NAMES = ClassNameFilter.STANDARD_INCLUDE_PATTERN;

    /** Unpacks the suite bundled with this grader into {@code target}. */
    public static TestSuite unpack(Path target) throws IOException {
        Path source = bundleLocation();
        if (Files.isDirectory(source)) {
            copyTree(source.resolve(BUNDLE), target);
        } else {
            copyFromJar(source, target);
        }
        Path publicJar = single(target.resolve("public"));
        Path hiddenJar = single(target.resolve("hidden"));
        Path stubsJar = single(target.resolve("stubs"));
        return new TestSuite(publicJar, hiddenJar, stubsJar, jars(target.resolve("compile")),
                single(target.resolve("standins")), single(target.resolve("tasks")), jars(target.resolve("executor")));
    }

    private static List<Path> jars(Path folder) throws IOException {
        try (Stream<Path> jars = Files.list(folder)) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** The exercises the suite knows: the packages {@code conclab.ID} of the stubs. */
    public Set<String> exercises() throws IOException {
        return exercisesIn(stubsJar);
    }

    /** The exercises whose stubs {@code stubsJar} holds. */
    public static Set<String> exercisesIn(Path stubsJar) throws IOException {
        Set<String> ids = new TreeSet<>();
        try (JarFile jar = new JarFile(stubsJar.toFile())) {
            jar.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith("conclab/") && name.endsWith(".class"))
                    .map(name -> name.split("/"))
                    .filter(parts -> parts.length > 2)
                    .forEach(parts -> ids.add(parts[1]));
        }
        return ids;
    }

    /** The names of every class in the test jars, which a submission may never shadow. */
    public Set<String> testClassNames() throws IOException {
        return classNames(List.of(publicJar, hiddenJar));
    }

    /** The names of every class in {@code jars}. */
    public static Set<String> classNames(List<Path> jars) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path jarPath : jars) {
            try (JarFile jar = new JarFile(jarPath.toFile())) {
                jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class"))
                        .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                        .forEach(names::add);
            }
        }
        return names;
    }

    /**
     * A SHA-256 of the tests' jars, which tells which suite graded a submission: made of the two
     * jars' own hashes.
     */
    public String hash() throws IOException {
        MessageDigest digest = FileSeal.digest();
        for (Path jar : List.of(publicJar, hiddenJar)) {
            digest.update(FileSeal.sha256(jar).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Path bundleLocation() {
        try {
            return Path.of(TestSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the grader's own code", e);
        }
    }

    private static Path single(Path folder) throws IOException {
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> list = Files.list(folder)) {
                list.filter(p -> p.toString().endsWith(".jar")).forEach(jars::add);
            }
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("the grader was built without its test suite ("
                    + folder.getFileName() + " holds " + jars.size() + " jars): rebuild it with ./mvnw package");
        }
        return jars.get(0);
    }

    /** Copies the bundle out of the grader's jar (JarFile shares the class loader's open jar). */
    private static void copyFromJar(Path graderJar, Path to) throws IOException {
        String prefix = BUNDLE + "/";
        boolean found = false;
        try (JarFile jar = new JarFile(graderJar.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                // the jars, and the reference's test times (TestTimeouts)
                if (!entry.getName().startsWith(prefix) || entry.isDirectory()
                        || !(entry.getName().endsWith(".jar") || entry.getName().endsWith(".xml"))) {
                    continue;
                }
                Path out = to.resolve(entry.getName().substring(prefix.length()));
                Files.createDirectories(out.getParent());
                try (java.io.InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("the grader was built without its test suite: rebuild"
                    + " it with ./mvnw package");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IllegalStateException("the grader was built without its test suite: rebuild"
                    + " it with ./mvnw package");
        }
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(path -> {
                Path out = to.resolve(from.relativize(path).toString());
                try {
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(out);
                    } else {
                        Files.copy(path, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
