package conclab.grader.it;

import static conclab.grader.it.GraderProcess.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test JVMs' class-data-sharing archive is made once, reused, and never costs a point: a
 * damaged archive or a cache folder that cannot be written only costs the speed-up.
 */
class ForkArchiveIT {

    private static GraderProcess.Result grade(Path cache, Path dir) {
        Path report = dir.resolve("report.json");
        return GraderProcess.run(Map.of("XDG_CACHE_HOME", cache.toString()), report, "grade",
                GraderProcess.ROOT.resolve("solutions").toString(), "--out", report.toString(),
                "--exercises", "states");
    }

    private static void assertFullMarks(GraderProcess.Result result) {
        Report report = result.report();
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(report.maxScore(), report.score(), () -> describe(report));
        assertTrue(report.events().isEmpty(), () -> "events: " + report.events());
        assertFalse((result.stdout() + result.stderr()).toLowerCase().contains("cds"),
                () -> "the archive made itself heard: " + result.stdout() + result.stderr());
    }

    private static List<Path> archives(Path folder) throws IOException {
        return files(folder).stream().filter(f -> f.toString().endsWith(".jsa")).toList();
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.sorted().toList();
        }
    }

    @Test
    void madeOnceThenReusedAndADamagedOneIsIgnored(@TempDir Path dir) throws IOException {
        Path cache = dir.resolve("cache");
        assertFullMarks(grade(cache, dir));
        // the test JVMs' archive, the grading JVM's (Relaunch), which its first run writes at exit,
        // and the grader's jar without its suite, which the test JVMs run from (JudgeJar)
        List<Path> made = archives(cache.resolve("conclab"));
        assertEquals(2, made.size(), made::toString);
        assertTrue(made.get(0).getFileName().toString().matches("fork-[0-9a-f]{16}\\.jsa"), made::toString);
        assertTrue(made.get(1).getFileName().toString().matches("grader-[0-9a-f]{16}\\.jsa"), made::toString);
        assertEquals(1, files(cache.resolve("conclab")).stream()
                .filter(f -> f.getFileName().toString().matches("judge-[0-9a-f]{16}\\.jar")).count());
        List<FileTime> madeAt = List.of(Files.getLastModifiedTime(made.get(0)), Files.getLastModifiedTime(made.get(1)));

        assertFullMarks(grade(cache, dir));
        assertEquals(made, archives(cache.resolve("conclab")), "the archives are reused, not made again");
        assertEquals(madeAt, List.of(Files.getLastModifiedTime(made.get(0)), Files.getLastModifiedTime(made.get(1))));

        for (Path archive : made) {
            archive.toFile().setWritable(true);
            Files.write(archive, new byte[] {'n', 'o', 't', ' ', 'a', 'n', ' ', 'a', 'r', 'c', 'h', 'i', 'v', 'e'});
        }
        assertFullMarks(grade(cache, dir));
    }

    @Test
    void aCacheFolderThatCannotBeMadeCostsNothing(@TempDir Path dir) throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("cache"), "a file where the cache folder would go");
        assertFullMarks(grade(notAFolder, dir));
    }

    @Test
    void anArchiveTheSubmissionRewroteIsReportedAndMadeAfresh(@TempDir Path dir) throws IOException {
        Path cache = dir.resolve("cache");
        assertFullMarks(grade(cache, dir));
        List<Path> archives = archives(cache.resolve("conclab"));
        Path archive = archives.get(0); // the test JVMs'

        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, "conclab.states.ProcessStateMachine",
                "try (var files = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("
                        + "System.getenv(\"XDG_CACHE_HOME\"), \"conclab\"), \"*.jsa\")) {"
                        + " for (var file : files) { file.toFile().setWritable(true);"
                        + " java.nio.file.Files.write(file, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND); } }"
                        + " catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }");
        Path report = dir.resolve("sabotaged.json");
        // without a sandbox, where the submission can reach the cache (in one, it sees no cache)
        GraderProcess.Result result = GraderProcess.run(Map.of("XDG_CACHE_HOME", cache.toString()), report,
                "grade", submission.toString(), "--out", report.toString(), "--exercises", "states",
                "--sandbox", "off");
        Report sabotaged = result.report();
        assertTrue(sabotaged.events().stream().anyMatch(e -> e.type().equals("files_modified")
                && e.detail().contains(archive.getFileName().toString())), () -> "events: " + sabotaged.events());
        // the grading JVM's archive is sealed too
        assertTrue(sabotaged.events().stream().anyMatch(e -> e.type().equals("files_modified")
                && e.detail().contains(archives.get(1).getFileName().toString())), () -> "events: " + sabotaged.events());
        assertTrue(archives.stream().noneMatch(Files::exists), "a rewritten archive is not used again");

        assertFullMarks(grade(cache, dir));
        assertEquals(2, archives(cache.resolve("conclab")).size(), "the next run made fresh archives");
    }
}
