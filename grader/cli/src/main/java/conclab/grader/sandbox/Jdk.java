package conclab.grader.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What of the running JDK lies outside {@code /usr}, which every sandbox has: the JDK itself if
 * it is installed elsewhere, and the folders its links point to (Debian's JDK keeps its
 * configuration in {@code /etc/java-17-openjdk}).
 */
final class Jdk {

    private static List<Path> outside;

    private Jdk() {
    }

    static synchronized List<Path> outsideUsr() {
        if (outside == null) {
            outside = find(Path.of(System.getProperty("java.home")));
        }
        return outside;
    }

    static List<Path> find(Path javaHome) {
        Set<Path> extras = new LinkedHashSet<>();
        try {
            Path home = javaHome.toRealPath();
            if (!home.startsWith("/usr")) {
                extras.add(home);
            }
            try (Stream<Path> walk = Files.walk(home)) {
                walk.filter(Files::isSymbolicLink).forEach(link -> {
                    try {
                        Path target = link.toRealPath();
                        if (!target.startsWith(home) && !target.startsWith("/usr")) {
                            extras.add(Files.isDirectory(target) ? target : target.getParent());
                        }
                    } catch (IOException e) {
                        // a dangling link needs nothing
                    }
                });
            }
        } catch (IOException | UncheckedIOException e) {
            // the sandbox then lacks what cannot be found; the trial run says so
        }
        return List.copyOf(extras);
    }
}
