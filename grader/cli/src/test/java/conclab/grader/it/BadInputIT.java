package conclab.grader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line on standard error that names the problem, and exit code 2. */
class BadInputIT {

    private static void assertBadInput(GraderProcess.Result result, String... phrases) {
        assertEquals(2, result.exitCode(), () -> "stdout: " + result.stdout() + "\nstderr: " + result.stderr());
        String firstLine = result.stderr().lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith("conclab-grader: "), result.stderr());
        for (String phrase : phrases) {
            assertTrue(result.stderr().contains(phrase), () -> "'" + phrase + "' not in: " + result.stderr());
        }
    }

    @Test
    void missingFolder(@TempDir Path dir) {
        assertBadInput(GraderProcess.grade(dir.resolve("nowhere"), dir), "does not exist", "nowhere");
    }

    @Test
    void fileInsteadOfFolder(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("Main.java"), "class Main {}");
        assertBadInput(GraderProcess.grade(file, dir), "is a file, not a folder");
    }

    @Test
    void folderWithoutJavaSourcesStillGetsAReport(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty/src/main/java"));
        Files.writeString(empty.resolve("notes.txt"), "no code here");
        GraderProcess.Result result = GraderProcess.grade(dir.resolve("empty"), dir);
        assertBadInput(result, "no Java sources");
        Report report = result.report();
        assertEquals("invalid_submission", report.status());
        assertEquals(0, report.score());
    }

    @Test
    void unwritableOut(@TempDir Path dir) {
        Path out = dir.resolve("no-such-folder/report.json");
        GraderProcess.Result result = GraderProcess.run(out, "grade",
                GraderProcess.ROOT.resolve("solutions").toString(), "--out", out.toString());
        assertBadInput(result, "cannot write the report", "no-such-folder");
        assertFalse(Files.exists(out));
    }

    @Test
    void outInAFolderThatIsAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("FILE"), "not a folder");
        GraderProcess.Result result = GraderProcess.run(dir, "grade",
                GraderProcess.ROOT.resolve("solutions").toString(), "--out", file.resolve("x.json").toString());
        assertBadInput(result, "cannot write the report", "FILE is a file, not a folder");
    }

    @Test
    void aLanguageWithoutTextsIsRefused(@TempDir Path dir) {
        assertBadInput(GraderProcess.grade(GraderProcess.ROOT.resolve("solutions"), dir, "--locale", "fr"),
                "--locale 'fr'", "en or zh_CN");
    }

    @Test
    void gradeAllPointedAtOneSubmissionSaysSo(@TempDir Path dir) {
        assertBadInput(GraderProcess.run(dir, "grade-all", GraderProcess.ROOT.resolve("solutions").toString(),
                "--out", dir.resolve("reports").toString()), "is one submission", "grade-all the folder whose subfolders");
    }

    @Test
    void gradeAllOnAFolderAnotherGradeAllIsWritingIsRefused(@TempDir Path dir) throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Path classFolder = Files.createDirectories(dir.resolve("class/alice/src/main/java"));
        try (conclab.grader.batch.BatchLock held = conclab.grader.batch.BatchLock.take(reports,
                conclab.grader.batch.Shard.ALL)) {
            assertBadInput(GraderProcess.run(dir, "grade-all", dir.resolve("class").toString(),
                    "--out", reports.toString(), "--exercises", "states"),
                    "another grade-all (pid " + ProcessHandle.current().pid() + ")", "is grading into");
        }
        assertFalse(Files.exists(reports.resolve("alice.json")), "nothing was graded");
    }

    @Test
    void outIsAFolder(@TempDir Path dir) {
        GraderProcess.Result result = GraderProcess.run(dir, "grade",
                GraderProcess.ROOT.resolve("solutions").toString(), "--out", dir.toString());
        assertBadInput(result, "cannot write the report");
    }

    @Test
    void unknownExercise(@TempDir Path dir) {
        assertBadInput(GraderProcess.grade(GraderProcess.ROOT.resolve("solutions"), dir,
                "--exercises", "udp,quantum"), "unknown exercise quantum", "udp");
    }

    @Test
    void badCourseFile(@TempDir Path dir) throws IOException {
        Path solutions = GraderProcess.ROOT.resolve("solutions");
        assertBadInput(GraderProcess.grade(solutions, dir, "--course", dir.resolve("none.json").toString()),
                "course file", "none.json: no such file");
        Path negative = Files.writeString(dir.resolve("negative.json"),
                "{\"course\": \"C\", \"exercises\": {\"udp\": -2}}");
        assertBadInput(GraderProcess.grade(solutions, dir, "--course", negative.toString()),
                "weight of udp must be a number from 0 to 1000");
        Path course = Files.writeString(dir.resolve("course.json"),
                "{\"course\": \"C\", \"exercises\": {\"udp\": 1, \"tcp\": 2}}");
        assertBadInput(GraderProcess.grade(solutions, dir, "--course", course.toString(), "--exercises", "udp,ipc"),
                "'ipc'", "does not include", "narrows");
        Files.createDirectories(dir.resolve("class/alice/src/main/java"));
        assertBadInput(GraderProcess.run(dir, "grade-all", dir.resolve("class").toString(), "--out",
                dir.resolve("reports").toString(), "--course", course.toString(), "--exercises", "ipc"),
                "'ipc'", "does not include");
        Path unknown = Files.writeString(dir.resolve("unknown.json"),
                "{\"course\": \"C\", \"exercises\": {\"quantum\": 1}}");
        assertBadInput(GraderProcess.grade(solutions, dir, "--course", unknown.toString()),
                "unknown exercise quantum", "see the course file");
    }

    @Test
    void badOptionValues(@TempDir Path dir) {
        Path solutions = GraderProcess.ROOT.resolve("solutions");
        assertBadInput(GraderProcess.grade(solutions, dir, "--test-timeout", "soon"), "not a duration");
        assertBadInput(GraderProcess.grade(solutions, dir, "--fail-below", "lots"), "not a score threshold");
        assertBadInput(GraderProcess.grade(solutions, dir, "--timing-scale", "0.5"), "--timing-scale");
    }

    @Test
    void noCommandOrUnknownOption(@TempDir Path dir) {
        assertBadInput(GraderProcess.run(dir.resolve("r.json")), "a command is missing");
        assertBadInput(GraderProcess.run(dir.resolve("r.json"), "grade", "x", "--frobnicate"), "--frobnicate");
    }

    @Test
    void versionAndHelp(@TempDir Path dir) {
        GraderProcess.Result version = GraderProcess.run(dir.resolve("r.json"), "--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.stdout().startsWith("conclab-grader "), version.stdout());
        GraderProcess.Result help = GraderProcess.run(dir.resolve("r.json"), "grade", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("--fail-below"), help.stdout());
    }
}
