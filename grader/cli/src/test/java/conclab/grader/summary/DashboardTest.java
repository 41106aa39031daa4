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
        Submission evil = new Submission("evil.json", hostile());
        for (String page : List.of(StudentPage.instructors(evil, hostile(), "../dashboard.html"),
                StudentPage.feedback(evil, hostile()))) {
            assertEquals(0, count(page, "<script"), "a submission's page runs nothing");
            assertEquals(0, count(page, "<img"));
            assertEquals(count(page, "<svg"), count(page, "</svg>"));
            assertEquals(count(page, "<pre"), count(page, "</pre>"));
            assertEquals(count(page, "<details"), count(page, "</details>"));
            assertFalse(page.contains("onerror=alert(1)>\"'"));
            assertTrue(page.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"), "shown as text");
        }
        String html = Dashboard.html(List.of(evil), List.of("w" + PAYLOAD));
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
        String page = StudentPage.instructors(new Submission("evil.json", hostile()), hostile(), "../dashboard.html");
        assertEquals(2, count(html, "<tr class=\"submission-row\""));
        assertEquals(10, count(html, "<rect class=\"bar\" x=\"\\d+\" y=\"\\d+\" width=\"44\""), "ten score bands");
        assertEquals(1, count(html, "<tr class=\"retry-row\""), "the test with 3 attempts");
        assertEquals(1, count(html, "<tr class=\"compile-row\""));
        assertEquals(1, count(html, "<tr class=\"crash-row\""), "the fork_exited event");
        assertEquals(0, count(html, "<tr class=\"hung-row\""));
        assertTrue(html.contains("expected ;"));
        assertTrue(html.contains("李娜"));
        assertEquals(0, count(html, "<svg class=\"chart gantt\""), "the charts are on the submission's page");
        assertEquals(1, count(page, "<svg class=\"chart gantt\""));
        assertEquals(1, count(page, "<svg class=\"chart timeline\""));
        assertTrue(page.contains("href=\"../dashboard.html\""));
        assertTrue(html.contains("href=\"students/good.html\""));
        assertTrue(html.contains("href=\"feedback/good.html\""));
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

        String html = StudentPage.instructors(new Submission("s.json", report), report, null);

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

    private static Report student(String folder, String id, ExerciseResult... exercises) {
        return Report.graded(graded("/class/" + folder, id, "Student " + id, "t"), List.of(exercises), List.of(), List.of());
    }

    private static ExerciseResult stub(String exercise, String... tests) {
        TestResult[] results = new TestResult[tests.length];
        for (int i = 0; i < tests.length; i++) {
            results[i] = test(tests[i], "failed", 1, "java.lang.UnsupportedOperationException: TODO: write it", Map.of());
        }
        return exercise(exercise, 1, results);
    }

    @Test
    void theMatrixShowsWhoFailedWhatAndEachTestDrillsDownToTheStudentsAndTheirMessages() {
        String a = "conclab.udp.UdpTest#a";
        String b = "conclab.udp.UdpTest#b";
        List<Submission> subs = List.of(
                new Submission("ann.json", student("ann", "1", exercise("udp", 1, test(a, "passed", 1, null, Map.of()),
                        test(b, "failed", 1, "expected 2 replies, got 1", Map.of())))),
                new Submission("bob.json", student("bob", "2", exercise("udp", 1, test(a, "timeout", 1, "hung", Map.of()),
                        test(b, "failed", 1, "expected 2 replies, got 1", Map.of())))),
                new Submission("cat.json", student("cat", "3", stub("udp", a, b))));
        String html = Dashboard.html(subs, List.of());
        String matrix = html.substring(html.indexOf("<table class=\"matrix\""), html.indexOf("</table>", html.indexOf("<table class=\"matrix\"")));
        assertEquals(3, count(matrix, "<tr data-key="));
        assertTrue(matrix.contains("<tr data-key=\"0\"><th><a href=\"students/ann.html\">ann</a></th><td class=\"p x0\"><td class=\"f\">"), matrix);
        assertTrue(matrix.contains("<td class=\"e x0\"><td class=\"f\">"), matrix);
        assertTrue(matrix.contains("<td class=\"u x0\"><td class=\"u\">"), "the untouched stub: " + matrix);

        String rates = html.substring(html.indexOf("id=\"tests\""));
        // b: 0 of 2 attempted (the stub left out), a: 1 of 2
        assertTrue(rates.indexOf("UdpTest#b") < rates.indexOf("UdpTest#a"), "hardest first");
        String drill = rates.substring(rates.indexOf("UdpTest#b") - 40, rates.indexOf("</details>", rates.indexOf("UdpTest#b")));
        assertTrue(drill.contains("<pre>expected 2 replies, got 1</pre>2 students: <a href=\"students/ann.html\">ann</a>, <a href=\"students/bob.html\">bob</a>"), drill);
        assertFalse(drill.contains("cat"), "an untouched stub is counted, not listed: " + drill);
        assertTrue(html.contains("<tr class=\"exercise-row\"><td>udp</td><td>1</td><td class=\"num\">3</td><td class=\"num\">1</td>"), html);
    }

    @Test
    void aRostersStudentsWithoutAReportAreListedAsNotSubmitted() throws Exception {
        List<Submission> subs = List.of(new Submission("ann.json", student("ann", "1", exercise("udp", 2,
                test("conclab.udp.UdpTest#a", "passed", 3, null, Map.of())))));
        conclab.grader.batch.Roster roster = conclab.grader.batch.Roster.parse(java.nio.file.Path.of("roster.csv"),
                "folder,id,name\nann,1,Ann\nzoe,9,\"Zoé, Z\"\n");
        List<Submission> all = ClassReports.withRoster(subs, roster);
        assertEquals(2, all.size());
        Submission zoe = all.get(1);
        assertFalse(zoe.submitted());
        assertEquals(6.0, zoe.report().weightedMaxScore(), "out of the class's usual maximum");
        String html = Dashboard.html(all, List.of());
        assertTrue(html.contains("1 students on the roster without one"), html);
        assertTrue(html.contains("data-status=\"not_submitted\""), html);
        assertTrue(Gradebook.text(all).contains("zoe,9,\"Zoé, Z\",not_submitted,,0,6,,0.0"), Gradebook.text(all));
    }

    @Test
    void aStubsPageShowsARepeatedMessageOnceAndTheFeedbackPageNamesNoHiddenTest() {
        TestResult hidden = new TestResult("conclab.udp.UdpHiddenTest#secretZebra", "secretZebra()", "hidden", 2, 0, "failed",
                3, 1, "Zebra expected", false, "Zebra hint", "", 0, false, Map.of());
        ExerciseResult udp = new ExerciseResult("udp", "failed", 0, 5, 1, List.of(), List.of(
                test("conclab.udp.UdpTest#a", "failed", 1, "java.lang.UnsupportedOperationException: TODO: write it", Map.of()),
                test("conclab.udp.UdpTest#b", "failed", 1, "java.lang.UnsupportedOperationException: TODO: write it", Map.of()),
                test("conclab.udp.UdpTest#c", "failed", 1, "java.lang.UnsupportedOperationException: TODO: write it", Map.of()),
                hidden));
        Report report = student("cat", "3", udp);
        Submission cat = new Submission("cat.json", report);
        String page = StudentPage.instructors(cat, report, null);
        assertEquals(1, count(page, "TODO: write it"), "the stub's message once");
        assertEquals(2, count(page, "the same message as"));
        assertTrue(page.contains("Zebra"), "instructors see the hidden test");
        String feedback = StudentPage.feedback(cat, report);
        assertFalse(feedback.contains("Zebra"), feedback);
        assertTrue(feedback.contains("hidden tests"), feedback);
        assertTrue(feedback.contains("Feedback for Student 3"), feedback);
        assertFalse(feedback.contains("cat.json"), "no grader's file named");
        assertTrue(feedback.contains("0/5"), feedback);
    }
}
