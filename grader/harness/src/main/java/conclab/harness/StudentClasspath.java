package conclab.harness;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the students' code compiles and runs against, as the grader has it: the JDK, the lab
 * helper and Jackson, nothing else (not the harness, not JUnit). Found in the class path of the
 * build step that asks (Maven's {@code exec:java}, whose class loader holds the test class path).
 */
final class StudentClasspath {

    /** One class of each library the students' code may use. */
    private static final List<String> LIBRARIES = List.of(
            "conclab/lab/ChildJvm.class",
            "com/fasterxml/jackson/databind/ObjectMapper.class",
            "com/fasterxml/jackson/core/JsonParser.class",
            "com/fasterxml/jackson/annotation/JsonProperty.class");

    private StudentClasspath() {
    }

    /** The lab helper's and Jackson's jars or class folders. */
    static List<Path> libraries() {
        ClassLoader loader = loader();
        Set<Path> roots = new LinkedHashSet<>();
        for (String resource : LIBRARIES) {
            URL url = loader.getResource(resource);
            if (url == null) {
                throw new IllegalStateException(Messages.get("run.noLibrary", resource));
            }
            roots.add(root(url, resource));
        }
        return List.copyOf(roots);
    }

    /** Every entry of the build step's class path (the test class path, under exec:java). */
    static List<Path> whole() {
        List<Path> entries = new ArrayList<>();
        if (loader() instanceof URLClassLoader urls) {
            for (URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file: nothing javac could read
                }
            }
        }
        if (entries.isEmpty()) {
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : StudentClasspath.class.getClassLoader();
    }

    private static Path root(URL url, String resource) {
        String text = url.toString();
        try {
            if (text.startsWith("jar:")) {
                return Path.of(new URL(text.substring(4, text.indexOf("!/"))).toURI());
            }
            Path file = Path.of(url.toURI());
            for (int i = resource.split("/").length; i > 0; i--) {
                file = file.getParent();
            }
            return file;
        } catch (URISyntaxException | java.net.MalformedURLException e) {
            throw new IllegalStateException("cannot read the class path entry of " + url, e);
        }
    }
}
