package conclab.grader.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's choices and its all-or-nothing writing, on a small bundle. */
class StarterExportTest {

    @TempDir
    Path dir;

    private static Map<String, byte[]> bundle(String... pathsAndContents) {
        Map<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    private static final Map<String, byte[]> SMALL = bundle(
            "exercises/src/main/java/conclab/udp/UdpClient.java", "udp stub",
            "exercises/src/main/java/conclab/tcp/TcpEchoClient.java", "tcp stub",
            "exercises/src/test/resources/conclab/tcp/TcpEchoClientTest_zh_CN.properties", "k=提示",
            StarterExport.HIDDEN_POINTS, "# maintainers: keep in step with solutions/src/test\nudp=13\ntcp = 7\n",
            "README.md", "Exercises:\n%EXERCISES%\n",
            "gitignore", "target/\n",
            "mvnw", "#!/bin/sh\n");

    @Test
    void writesTheChosenExercisesOnly() throws Exception {
        Path repo = dir.resolve("repo");
        new StarterExport(SMALL).write(repo, List.of("udp"));
        assertTrue(Files.exists(repo.resolve("exercises/src/main/java/conclab/udp/UdpClient.java")));
        assertFalse(Files.exists(repo.resolve("exercises/src/main/java/conclab/tcp")));
        assertFalse(Files.exists(repo.resolve("exercises/src/test/resources/conclab/tcp")));
        assertEquals("# Points held by the hidden tests, per exercise (shown under the score table).\nudp=13\n",
                Files.readString(repo.resolve(StarterExport.HIDDEN_POINTS)));
        assertEquals("Exercises:\n- `udp`\n", Files.readString(repo.resolve("README.md")));
        assertTrue(Files.exists(repo.resolve(".gitignore")));
        assertTrue(Files.isExecutable(repo.resolve("mvnw")));
    }

    @Test
    void allExercisesWhenNoneIsChosen() throws Exception {
        new StarterExport(SMALL).write(dir.resolve("repo"), List.of());
        assertTrue(Files.readString(dir.resolve("repo").resolve(StarterExport.HIDDEN_POINTS)).contains("tcp = 7"));
        assertEquals(Set.of("tcp", "udp"), new StarterExport(SMALL).exercises());
    }

    @Test
    void aFailureHalfWayLeavesNothing() throws IOException {
        // "mvnw" is a file, so "mvnw/x" cannot be written: the export fails after some files
        Map<String, byte[]> broken = new TreeMap<>(SMALL);
        broken.put("mvnw/x", new byte[0]);
        Path repo = dir.resolve("repo");
        assertThrows(IOException.class, () -> new StarterExport(broken).write(repo, List.of()));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void refusesAFolderThatIsNotEmptyAndAnUnknownExercise() throws IOException {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("mine.txt"), "mine");
        StarterExport export = new StarterExport(SMALL);
        StarterExport.InvalidExport notEmpty = assertThrows(StarterExport.InvalidExport.class,
                () -> export.write(full, List.of()));
        assertTrue(notEmpty.getMessage().contains("is not empty"), notEmpty.getMessage());
        StarterExport.InvalidExport unknown = assertThrows(StarterExport.InvalidExport.class,
                () -> export.write(dir.resolve("new"), List.of("ipc")));
        assertEquals("unknown exercise 'ipc': the exercises are tcp, udp", unknown.getMessage());
        assertFalse(Files.exists(dir.resolve("new")));
    }
}
