package conclab.grader.starter;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files of the starter repository as the grader's build bundled them under
 * {@value #BUNDLE}: path in the repository to content.
 */
public final class StarterBundle {

    static final String BUNDLE = "conclab/grader/starter-files";

    private StarterBundle() {
    }

    /** Reads the bundle from the grader's jar (or its classes folder, in the grader's own tests). */
    public static Map<String, byte[]> read() throws IOException {
        Path source;
        try {
            source = Path.of(StarterBundle.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the grader's own code", e);
        }
        Map<String, byte[]> files = Files.isDirectory(source) ? fromFolder(source.resolve(BUNDLE)) : fromJar(source);
        if (files.isEmpty()) {
            throw new IllegalStateException("the grader was built without the starter repository: rebuild it with ./mvnw package");
        }
        return files;
    }

    private static Map<String, byte[]> fromJar(Path jarPath) throws IOException {
        String prefix = BUNDLE + "/";
        Map<String, byte[]> files = new TreeMap<>();
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                if (entry.getName().startsWith(prefix) && !entry.isDirectory()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(entry.getName().substring(prefix.length()), in.readAllBytes());
                    }
                }
            }
        }
        return files;
    }

    private static Map<String, byte[]> fromFolder(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
