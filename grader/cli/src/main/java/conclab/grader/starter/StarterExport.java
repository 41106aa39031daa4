package conclab.grader.starter;

import conclab.grader.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the students' repository for some exercises into a new folder: all of it or nothing,
 * since it is written into a hidden sibling folder that is renamed into place at the end.
 */
public final class StarterExport {

    static final String HIDDEN_POINTS = "exercises/src/test/resources/conclab-hidden-points.properties";
    static final String EXERCISES_POM = "exercises/pom.xml";

    // a file of one exercise: exercises/src/{main,test}/{java,resources}/conclab/ID/...
    private static final Pattern EXERCISE_FILE =
            Pattern.compile("exercises/src/(?:main|test)/(?:java|resources)/conclab/([a-z][a-z0-9_]*)/.*");
    private static final Pattern STUB = Pattern.compile("exercises/src/main/java/conclab/([a-z][a-z0-9_]*)/.*");
    private static final String EXERCISE_LIST = "%EXERCISES%";
    // a README's list of the exercises, one per line, in the suggested order: "1. `udp`: ..."
    private static final String LIST_BEGIN = "<!-- exercises: begin -->";
    private static final String LIST_END = "<!-- exercises: end -->";
    private static final Pattern LIST_ITEM = Pattern.compile("\\d+\\. `([a-z][a-z0-9_]*)`.*");

    private final Map<String, byte[]> bundle;

    public StarterExport(Map<String, byte[]> bundle) {
        this.bundle = bundle;
    }

    /** The exercises the bundle holds, by id. */
    public Set<String> exercises() {
        return bundle.keySet().stream().map(STUB::matcher).filter(Matcher::matches)
                .map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Writes the repository with {@code selected} exercises (all when empty) into {@code target},
     * which must not exist or be an empty folder.
     *
     * @throws InvalidExport when the target or an exercise id is not usable, before anything is written
     */
    public void write(Path target, Collection<String> selected) throws InvalidExport, IOException {
        Set<String> known = exercises();
        Set<String> chosen = new TreeSet<>(selected.isEmpty() ? known : selected);
        for (String id : chosen) {
            if (!known.contains(id)) {
                throw new InvalidExport("unknown exercise '" + id + "': the exercises are " + String.join(", ", known));
            }
        }
        Path dir = target.toAbsolutePath().normalize();
        if (Files.isRegularFile(dir)) {
            throw new InvalidExport(target + " is a file: give export-starter a new folder");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new InvalidExport(target + " is not empty: give export-starter a new or empty folder");
        }
        Files.createDirectories(dir.getParent());
        Path temp = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".export-");
        try {
            for (var file : bundle.entrySet()) {
                Optional<byte[]> content = content(file.getKey(), file.getValue(), chosen);
                if (content.isPresent()) {
                    Path out = temp.resolve(outputName(file.getKey()));
                    Files.createDirectories(out.getParent());
                    Files.write(out, content.get());
                }
            }
            executable(temp.resolve("mvnw"));
            executable(temp); // a temporary folder is private (0700); the repository is not
            Files.deleteIfExists(dir); // an empty folder only, checked above
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileTrees.delete(temp);
        }
    }

    /** What the repository holds at {@code path}, for the chosen exercises; empty to leave it out. */
    private static Optional<byte[]> content(String path, byte[] bytes, Set<String> chosen) {
        Matcher exercise = EXERCISE_FILE.matcher(path);
        if (exercise.matches()) {
            return chosen.contains(exercise.group(1)) ? Optional.of(bytes) : Optional.empty();
        }
        if (path.equals(EXERCISES_POM)) {
            return Optional.of(StarterPom.of(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        }
        if (path.equals(HIDDEN_POINTS)) {
            return Optional.of(hiddenPoints(new String(bytes, StandardCharsets.UTF_8), chosen)
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (path.endsWith(".md") && !path.startsWith("exercises/")) {
            String list = chosen.stream().map(id -> "- `" + id + "`").collect(Collectors.joining("\n"));
            String text = exerciseList(new String(bytes, StandardCharsets.UTF_8), chosen);
            return Optional.of(text.replace(EXERCISE_LIST, list).getBytes(StandardCharsets.UTF_8));
        }
        return Optional.of(bytes);
    }

    /**
     * A README with its list of exercises (the lines from {@value #LIST_BEGIN} to
     * {@value #LIST_END}, one {@code 1. `id`: ...} per exercise, in the suggested order) cut
     * to the chosen exercises; a chosen exercise the list does not name is added at its end, so
     * that none is ever left out. Markdown numbers a list of {@code 1.} items itself.
     */
    static String exerciseList(String markdown, Set<String> chosen) {
        int begin = markdown.indexOf(LIST_BEGIN);
        int end = markdown.indexOf(LIST_END);
        if (begin < 0 || end < begin) {
            return markdown;
        }
        Set<String> named = new TreeSet<>();
        StringBuilder list = new StringBuilder();
        for (String line : markdown.substring(begin + LIST_BEGIN.length(), end).strip().split("\n")) {
            Matcher item = LIST_ITEM.matcher(line.strip());
            if (item.matches()) {
                named.add(item.group(1));
                if (chosen.contains(item.group(1))) {
                    list.append(line.strip()).append('\n');
                }
            }
        }
        chosen.stream().filter(id -> !named.contains(id)).forEach(id -> list.append("1. `").append(id).append("`\n"));
        return markdown.substring(0, begin) + list.toString().stripTrailing()
                + markdown.substring(end + LIST_END.length());
    }

    /** The hidden points of the chosen exercises only, without the maintainers' comments. */
    static String hiddenPoints(String properties, Set<String> chosen) {
        return Stream.concat(
                        Stream.of("# Points held by the hidden tests, per exercise (shown under the score table)."),
                        properties.lines().map(String::strip)
                                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                                .filter(line -> chosen.contains(line.split("[=:]", 2)[0].strip())))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Dot files are bundled without their dot, which Maven's resource copying would skip. */
    private static String outputName(String path) {
        return path.equals("gitignore") ? ".gitignore" : path;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** rwxr-xr-x: the wrapper script, and folders. */
    private static void executable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: git on Windows keeps no such bit anyway
        }
    }

    /** A target folder or an exercise that cannot be exported, said in one line. */
    public static final class InvalidExport extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidExport(String message) {
            super(message);
        }
    }
}
