package conclab.grader.fork;

import conclab.grader.io.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * The grader's jar without the test suite it bundles: what the test JVM runs from. The suite's
 * jars (the hidden tests among them) reach the test JVM on its standard input, so no file the test
 * JVM can read holds them, and no test can be tricked into reading them back out for a
 * submission. Made once per grader jar in the cache folder (see {@link ForkArchive}), stored
 * uncompressed, which loads faster.
 */
public final class JudgeJar {

    /** What the test JVM never needs: the bundled suite and the students' starter files (not the classes beside them). */
    private static final List<String> LEFT_OUT = List.of("conclab/grader/suite/", "conclab/grader/starter-files/");

    private JudgeJar() {
    }

    /**
     * The test JVM's class path for a grader that runs from {@code graderPath}: the grader's jar
     * without the suite (in the cache, else in {@code runFolder}), or the class path as it is when
     * the grader does not run from a jar (in a maintainer's IDE).
     */
    public static List<Path> classpath(List<Path> graderPath, Path runFolder) throws IOException {
        if (graderPath.size() != 1 || !Files.isRegularFile(graderPath.get(0))) {
            return graderPath;
        }
        Path grader = graderPath.get(0);
        try {
            return List.of(made(grader, ForkArchive.cacheFolder().resolve("judge-" + ForkArchive.keyOf(grader) + ".jar")));
        } catch (IOException e) {
            // a cache folder that cannot be written costs only the time to make it each run
            return List.of(made(grader, runFolder.resolve("judge.jar")));
        }
    }

    private static Path made(Path grader, Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            Files.createDirectories(jar.getParent());
            Path partial = jar.resolveSibling(jar.getFileName() + "." + Tokens.random() + ".tmp");
            try {
                write(grader, partial);
                ForkArchive.keepUnlessThere(partial, jar);
                ForkArchive.prune(jar);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        return jar;
    }

    private static void write(Path grader, Path to) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (JarFile in = new JarFile(grader.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(to))) {
            out.setMethod(ZipEntry.STORED);
            for (JarEntry entry : in.stream().toList()) {
                if (!entry.getName().endsWith(".class") && LEFT_OUT.stream().anyMatch(entry.getName()::startsWith)) {
                    continue;
                }
                byte[] bytes;
                try (InputStream data = in.getInputStream(entry)) {
                    bytes = data.readAllBytes();
                }
                JarEntry copy = new JarEntry(entry.getName());
                copy.setMethod(ZipEntry.STORED);
                copy.setSize(bytes.length);
                copy.setCompressedSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                copy.setCrc(crc.getValue());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
