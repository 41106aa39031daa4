package conclab.grader.summary;

import static conclab.grader.summary.Reports.exercise;
import static conclab.grader.summary.Reports.graded;
import static conclab.grader.summary.Reports.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import conclab.grader.submission.CompilerMessage;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DashboardTest {

    static final String PAYLOAD = "</pre></svg></details><script>document.title='pwned'</script><img src=x onerror=alert(1)>\"'";

    /** A report whose every string a submission (or a careless roster) could set is hostile. */
    static Report hostile() {
        TestResult failed = new TestResult("conclab.join.JoinTest#x" + PAYLOAD, "name" + PAYLOAD, "visible", 2, 0,
                "failed", 5, 3, "message" + PAYLOAD, false, "hint" + PAYLOAD, "output" + PAYLOAD, 40, false,
                Map.of("key" + PAYLOAD + "Ms", "12" + PAYLOAD,
                        "gantt", PAYLOAD + " 0-3, B" + PAYLOAD + " 3-5",
                        "concurrentIntervals", "1" + PAYLOAD + ":0-100;parent:0-200"));
        ExerciseResult broken = new ExerciseResult("scheduling", "compile_error", 0, 3, 1,
                List.of(new CompilerMessage("Scheduler" + PAYLOAD + ".java", 3, 4, "ERROR", "expected ;" + PAYLOAD)),
                List.of(test("conclab.scheduling.T#y", "not_run", 3, "not run", Map.of())));
        return new Report(1, "graded", "message" + PAYLOAD, 0, 5, 0, 5,
                graded("/class/evil" + PAYLOAD, "id" + PAYLOAD, "name" + PAYLOAD, "t"),
                List.of(new ExerciseResult("join", "failed", 0, 2, 1, List.of(), List.of(failed)), broken),
                List.of("warning" + PAYLOAD), List.of(new Report.RunEventRecord("fork_exited", "detail" + PAYLOAD)));
    }

    @Test
    void nothingFromAReportBecomesMarkup() {
        String html = Dashboard.html(List.of(new Submission("evil.json", hostile())), List.of("w" + PAYLOAD));
        assertEquals(1, count(html, "<script"), "only the page's own script");
        assertEquals(0, count(html, "<img"));
        assertEquals(count(html, "<svg"), count(html, "</svg>"), "every chart closed by itself only");
        assertEquals(count(html, "<pre"), count(html, "</pre>"));
        assertEquals(count(html, "<details"), count(html, "</details>"));
        assertFalse(html.contains("onerror=alert(1)>\"'"), "quotes escaped: no attribute can be injected");
        assertTrue(html.contains("onerror=alert(1)&gt;&quot;&#39;"));
        assertTrue(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"), "shown as text");
    }

    @Test
    void theSectionsShowWhatWentWrong() {
        Report ok = Report.graded(graded("/class/good", "1", "李娜", "t"),
                List.of(exercise("join", 1, test("conclab.join.JoinTest#a", "passed", 2, null, Map.of()))),
                List.of(), List.of());
        String html = Dashboard.html(List.of(new Submission("evil.json", hostile()), new Submission("good.json", ok)),
                List.of());
        assertEquals(2, count(html, "<tr class=\"submission-row\""));
        assertEquals(10, count(html, "<rect class=\"bar\" x=\"\\d+\" y=\"\\d+\" width=\"44\""), "ten score bands");
        assertEquals(1, count(html, "<tr class=\"retry-row\""), "the test with 3 attempts");
        assertEquals(1, count(html, "<tr class=\"compile-row\""));
        assertEquals(1, count(html, "<tr class=\"crash-row\""), "the fork_exited event");
        assertEquals(0, count(html, "<tr class=\"hung-row\""));
        assertTrue(html.contains("expected ;"));
        assertTrue(html.contains("李娜"));
        assertEquals(1, count(html, "<svg class=\"chart gantt\""));
        assertEquals(1, count(html, "<svg class=\"chart timeline\""));
        assertTrue(html.contains("href=\"#sub-1\""));
    }

    @Test
    void anyPublishedIntervalsAreDrawnAsATimelineColouredByWhoseTheyAre() {
        TestResult start = test("conclab.process.JvmProcessTest#start", "passed", 3, null, Map.of(
                "startMs", "12", "startBoundMs", "750",
                "childIntervals", "parent start():0-12;child lived:0-640;child held at the gate:300-560;"
                        + "parent join(200 ms):320-522;parent join():560-640"));
        TestResult producers = test("conclab.ipc.ProcessQueueTest#producers", "failed", 3, "lost", Map.of(
                "childIntervals", "child_A lived:0-700;child_B lived (unfinished):5-900;parent gets (3 messages):710-720"));
        TestResult other = test("conclab.other.T#x", "passed", 1, null, Map.of("stepsIntervals", "a one:0-1;b two:1-2"));
        Report report = Report.graded(graded("/class/s", null, null, "t"), List.of(exercise("process", 1, start),
                exercise("ipc", 1, producers), exercise("other", 1, other)), List.of(), List.of());

        String html = Dashboard.html(List.of(new Submission("s.json", report)), List.of());

        List<String> charts = List.of(html.split("<svg class=\"chart timeline\"")).subList(1, 4);
        List<String> process = intervals(charts.get(0));
        assertEquals(5, process.size(), charts.get(0));
        assertTrue(process.get(0).contains("<title>parent start(): 0–12 ms</title>"), process.get(0));
        assertEquals(fill(process.get(1)), fill(process.get(2)), "the child's intervals share a colour");
        assertEquals(fill(process.get(0)), fill(process.get(3)), "so do the parent's");
        assertFalse(fill(process.get(0)).equals(fill(process.get(1))), "the parent's and the child's differ");
        assertEquals(0, count(charts.get(0), "interval unfinished"));

        List<String> ipc = intervals(charts.get(1));
        assertEquals(3, ipc.size());
        assertTrue(ipc.get(1).startsWith("<rect class=\"interval unfinished\""), ipc.get(1));
        assertEquals(1, count(charts.get(1), "interval unfinished"));
        assertEquals(2, intervals(charts.get(2)).size(), "a key no test kit of ours uses is drawn all the same");

        assertTrue(html.contains("childIntervals (as the parent saw them, in ms)"));
        assertFalse(html.contains("<td>childIntervals</td>"), "intervals are drawn, not listed");
        assertEquals(1, count(html, "<td>startMs</td>"), "the measured value stays a row with its gauge");
    }

    private static List<String> intervals(String chart) {
        return Pattern.compile("<rect class=\"interval[^>]*>.*?</rect>").matcher(chart.substring(0, chart.indexOf("</svg>")))
                .results().map(m -> m.group()).toList();
    }

    private static String fill(String rect) {
        return rect.replaceAll(".* fill=\"([^\"]*)\".*", "$1");
    }

    private static int count(String html, String regex) {
        return (int) Pattern.compile(regex).matcher(html).results().count();
    }
}
