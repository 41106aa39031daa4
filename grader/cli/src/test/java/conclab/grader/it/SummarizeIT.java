package conclab.grader.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.ReportWriter;
import conclab.grader.report.TestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summarize} on reports the real grader wrote in this run (the reference, the stubs, a
 * submission whose scheduling code does not compile, one with three wrong-implementation fixtures:
 * serial children for concurrent ones, FCFS by id, and a process join that ignores its timeout,
 * graded on process too), plus one made hostile from the reference's, and the dashboard opened in
 * a real headless Chromium.
 */
class SummarizeIT {

    private static final String HOSTILE = "</pre></svg><script>document.title='pwned'</script><img src=x onerror=alert(1)>";

    @TempDir
    static Path dir;
    static Path reports;
    static Path out;
    static GraderProcess.Result summary;

    @BeforeAll
    static void gradeAFewAndSummarize() throws IOException {
        reports = Files.createDirectories(dir.resolve("reports"));
        grade(submission("reference", null, null), "scheduling,join");
        grade(GraderProcess.ROOT.resolve("exercises"), "scheduling,join", "stubs.json");
        grade(submission("broken", "conclab/scheduling/Broken.java",
                "package conclab.scheduling;\nclass Broken { int x = ; }\n"),
                "scheduling,join");
        grade(submission("wrong", null, null, "join-serial-as-concurrent", "scheduling-fcfs-by-id",
                "process-join-ignores-timeout"), "scheduling,join,process");

        Report reference = ReportWriter.read(reports.resolve("reference.json"));
        ReportWriter.write(hostile(reference), reports.resolve("hostile.json"));
        Files.writeString(reports.resolve("notes.txt"), "not a report");

        out = dir.resolve("summary");
        summary = GraderProcess.run(out.resolve("gradebook.csv"), "summarize", reports.toString(),
                "--out", out.toString());
    }

    @Test
    void writesAGradebookRowPerSubmissionAndWarnsOfTheRest() throws IOException {
        assertEquals(0, summary.exitCode(), summary.stderr());
        assertTrue(summary.stderr().contains("notes.txt"), summary.stderr());
        byte[] bytes = Files.readAllBytes(out.resolve("gradebook.csv"));
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        List<String> rows = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertEquals("submission,student_id,student_name,status,commit,score,max_score,join,process,scheduling,percent",
                rows.get(0));
        assertEquals(6, rows.size(), rows.toString());
        assertTrue(rows.contains("reference,,,graded,,86,86,18,,68,100.0"), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("broken,,,graded,,18,86,18,,0,20.9")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("exercises,,,graded,,0,86,0,,0,0.0")), rows.toString());
    }

    @Test
    void theDashboardShowsTheClassInABrowser() throws IOException {
        String dom = HeadlessBrowser.dumpDom(out.resolve("dashboard.html"), dir.resolve("chromium-profile"));

        assertTrue(dom.contains("data-sortable=\"yes\""), "the page's own script ran");
        assertTrue(dom.contains("<title>conclab class dashboard</title>"), "no report's script ran");
        assertEquals(0, count(dom, "<img"), "no element from a report");
        assertTrue(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"), "shown as text");
        for (String page : List.of("students/hostile.html", "feedback/hostile.html")) {
            String dump = HeadlessBrowser.dumpDom(out.resolve(page), dir.resolve("chromium-" + page.replace('/', '-')));
            assertEquals(0, count(dump, "<img"), page);
            assertTrue(dump.contains("<title>"), page);
            assertFalse(dump.contains("pwned</title>"), page);
        }

        assertEquals(5, count(dom, "<tr class=\"submission-row\""));
        String histogram = element(dom, "<svg class=\"chart histogram\"");
        assertEquals(10, count(histogram, "<rect class=\"bar\""));
        assertEquals(bands(), attributes(histogram, "data-count"), "the gradebook's percentages, in bands of 10");

        String compileRow = element(dom, "<tr class=\"compile-row\"");
        assertTrue(compileRow.contains("broken") && compileRow.contains("Broken.java")
                && compileRow.contains("illegal start of expression"), compileRow);

        // the wrong submission's page: its Gantt charts beside the expected ones, its children's timelines
        String wrong = Files.readString(out.resolve("students/wrong.html"));
        assertTrue(dom.contains("href=\"students/wrong.html\""), "the dashboard links to it");
        assertTrue(wrong.contains("Gantt chart (the submission's)") && wrong.contains("Gantt chart (expected)"));
        String gantt = element(wrong, "<svg class=\"chart gantt\"");
        assertTrue(count(gantt, "<rect class=\"segment") >= 2, gantt);
        String timeline = element(wrong, "<svg class=\"chart timeline\"");
        assertEquals(7, count(timeline, "<rect class=\"interval\""), "3 children's lives and work, the parent's wait");

        // the process test whose join(200 ms) never returned: the child's life as the test saw it
        // (its id is in the events too: the call that never returned replaced the test JVM)
        String start = wrong.substring(wrong.lastIndexOf("<div class=\"test\">",
                wrong.indexOf("<span class=\"muted\">JvmProcessTest#startReturnsAtOnceWhileTheChildRuns")));
        int next = start.indexOf("<div class=\"test\">", 1);
        start = next < 0 ? start : start.substring(0, next);
        assertTrue(start.startsWith("<div class=\"test\"><span class=\"timeout\">"), start);
        String lives = element(start, "<svg class=\"chart timeline\"");
        assertEquals(List.of("parent start()", "child lived (unfinished)", "child held at the gate (unfinished)",
                "parent join(200 ms) (unfinished)"), titles(lives));
        assertEquals(3, count(lives, "<rect class=\"interval unfinished\""), lives);
        assertTrue(wrong.contains("childIntervals (as the parent saw them, in ms)"));
    }

    /** The labels of a timeline's intervals, from their tooltips ({@code LABEL: START–END ms}). */
    private static List<String> titles(String timeline) {
        Matcher m = Pattern.compile("<rect class=\"interval[^>]*><title>(.*?): -?\\d+–-?\\d+ ms</title>").matcher(timeline);
        List<String> labels = new ArrayList<>();
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }

    @Test
    void aFolderWithoutReportsIsBadInput() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        GraderProcess.Result result = GraderProcess.run(empty.resolve("gradebook.csv"), "summarize",
                empty.toString(), "--out", empty.toString());
        assertEquals(2, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("holds no report"), result.stderr());
        assertFalse(Files.exists(empty.resolve("gradebook.csv")));
    }

    /** A copy of the reference named {@code name}, with one file replaced or a fixture laid over it. */
    private static Path submission(String name, String file, String content, String... fixture) {
        Path submission = dir.resolve(name);
        GraderProcess.copyTree(GraderProcess.ROOT.resolve("solutions/src/main/java"), submission.resolve("src/main/java"));
        if (file != null) {
            GraderProcess.write(submission.resolve("src/main/java").resolve(file), content);
        }
        for (String f : fixture) {
            GraderProcess.copyTree(GraderProcess.FIXTURES.resolve(f).resolve("src/main/java"), submission.resolve("src/main/java"));
        }
        return submission;
    }

    private static void grade(Path submission, String exercises, String... reportName) {
        Path report = reports.resolve(reportName.length > 0 ? reportName[0] : submission.getFileName() + ".json");
        GraderProcess.Result result = GraderProcess.run(report, "grade", submission.toString(), "--out",
                report.toString(), "--exercises", exercises);
        assertEquals(0, result.exitCode(), result.stderr());
    }

    /** The reference's report with hostile text wherever a submission or a roster could put some. */
    private static Report hostile(Report reference) {
        List<ExerciseResult> exercises = new ArrayList<>();
        for (ExerciseResult e : reference.exercises()) {
            List<TestResult> tests = new ArrayList<>();
            for (TestResult t : e.tests()) {
                tests.add(new TestResult(t.id(), t.name() + HOSTILE, t.visibility(), t.points(), 0, "failed",
                        t.durationMs(), t.attempts(), "expected 1 but was 2" + HOSTILE, false, "try" + HOSTILE,
                        "printed" + HOSTILE, 100, false,
                        t.measurements().isEmpty() ? Map.of() : Map.of("gantt", "A" + HOSTILE + " 0-3")));
            }
            exercises.add(new ExerciseResult(e.id(), "failed", 0, e.maxScore(), e.weight(), e.diagnostics(), tests));
        }
        Report.GradedWith graded = reference.graded().withOrigin("/class/hostile" + HOSTILE,
                new Report.StudentRef("id" + HOSTILE, "name" + HOSTILE), null);
        return Report.graded(graded, exercises, List.of("warning" + HOSTILE), List.of());
    }

    /** How many of the gradebook's rows fall in each band of ten percent (100 with 90-99). */
    private static List<String> bands() throws IOException {
        int[] counts = new int[10];
        List<String> rows = Files.readAllLines(out.resolve("gradebook.csv"), StandardCharsets.UTF_8);
        for (String row : rows.subList(1, rows.size())) {
            double percent = Double.parseDouble(row.substring(row.lastIndexOf(',') + 1));
            counts[Math.min(9, (int) (percent / 10))]++;
        }
        return Arrays.stream(counts).mapToObj(String::valueOf).toList();
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    /** The element that starts at the first {@code start}, up to the end of its tag's name's first close. */
    private static String element(String dom, String start) {
        int from = dom.indexOf(start);
        assertTrue(from >= 0, "no " + start + " in the page");
        String tag = start.substring(1, start.indexOf(' '));
        int to = dom.indexOf("</" + tag + ">", from);
        return dom.substring(from, to);
    }

    private static List<String> attributes(String text, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(text);
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
