package conclab.grader.summary;

import static conclab.grader.summary.Reports.exercise;
import static conclab.grader.summary.Reports.graded;
import static conclab.grader.summary.Reports.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.Report;
import conclab.grader.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassReportsTest {

    private static Report report(String folder, String studentId, String startedAt, int score) {
        return Report.graded(graded(folder, studentId, null, startedAt),
                List.of(exercise("udp", 1, test("u", score > 0 ? "passed" : "failed", 1, null, Map.of()))),
                List.of(), List.of());
    }

    @Test
    void readsEveryReportAndNamesWhatIsNotOne(@TempDir Path dir) throws IOException {
        ReportWriter.write(report("/shard1/bob", null, "2026-11-01T10:00:00Z", 1), dir.resolve("bob.json"));
        ReportWriter.write(report("/shard2/amy", null, "2026-11-01T10:00:00Z", 0), dir.resolve("amy.json"));
        Files.writeString(dir.resolve("notes.txt"), "not json");
        Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
        Files.writeString(dir.resolve("partial.json"), "{\"schemaVersion\": 1, \"status\": \"graded\","
                + " \"exercises\": [{\"id\": \"udp\", \"tests\": [{\"id\": \"t\"}]}]}");
        Files.writeString(dir.resolve(".bob.json.123.tmp"), "half");
        List<String> warnings = new ArrayList<>();
        List<Submission> submissions = ClassReports.load(dir, warnings::add);
        assertEquals(List.of("amy", "bob"), submissions.stream().map(Submission::name).toList());
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("notes.txt") && warnings.get(1).contains("other.json")
                && warnings.get(2).contains("partial.json"), warnings.toString());
    }

    @Test
    void ofTwoReportsOfOneStudentTheLaterCounts(@TempDir Path dir) throws IOException {
        ReportWriter.write(report("/shard1/s1", "2026001", "2026-11-01T10:00:00Z", 0), dir.resolve("a.json"));
        ReportWriter.write(report("/shard2/s1-again", "2026001", "2026-11-02T10:00:00Z", 1), dir.resolve("b.json"));
        ReportWriter.write(report("/shard2/s2", "2026002", "2026-11-01T10:00:00Z", 0), dir.resolve("c.json"));
        List<String> warnings = new ArrayList<>();
        List<Submission> submissions = ClassReports.load(dir, warnings::add);
        assertEquals(List.of("b.json", "c.json"), submissions.stream().map(Submission::file).sorted().toList());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("a.json left out") && warnings.get(0).contains("b.json"), warnings.get(0));
    }

    @Test
    void aFolderWithoutReportsIsAnError(@TempDir Path dir) throws IOException {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> ClassReports.load(dir, w -> { }));
        assertTrue(empty.getMessage().contains("holds no report"), empty.getMessage());
        Files.writeString(dir.resolve("x.txt"), "x");
        assertThrows(IllegalArgumentException.class, () -> ClassReports.load(dir, w -> { }));
        assertThrows(IllegalArgumentException.class, () -> ClassReports.load(dir.resolve("none"), w -> { }));
    }

    @Test
    void reportsGradedWithDifferentExercisesAreNamedAsNotComparable() {
        Submission states = Reports.submission("a.json", Reports.graded("/c/a", null, null, "t"),
                Reports.exercise("states", 1, Reports.test("conclab.states.T#a", "passed", 11, null, java.util.Map.of())));
        Submission udp = Reports.submission("b.json", Reports.graded("/c/b", null, null, "t"),
                Reports.exercise("udp", 1, Reports.test("conclab.udp.T#a", "passed", 31, null, java.util.Map.of())));
        Submission udp2 = Reports.submission("c.json", Reports.graded("/c/c", null, null, "t"),
                Reports.exercise("udp", 1, Reports.test("conclab.udp.T#a", "failed", 31, "no", java.util.Map.of())));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(),
                ClassReports.mixedOptions(java.util.List.of(udp, udp2)), "the same options: nothing to say");
        java.util.List<String> lines = ClassReports.mixedOptions(java.util.List.of(states, udp, udp2));
        org.junit.jupiter.api.Assertions.assertEquals(3, lines.size(), lines::toString);
        org.junit.jupiter.api.Assertions.assertTrue(lines.get(0).contains("2 different ways"), lines::toString);
        org.junit.jupiter.api.Assertions.assertTrue(lines.get(1).contains("1 report with exercises states,"), lines::toString);
        org.junit.jupiter.api.Assertions.assertTrue(lines.get(2).contains("2 reports with exercises udp,"), lines::toString);
    }
}
