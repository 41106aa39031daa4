package conclab.grader.summary;

import static conclab.grader.summary.Html.escape;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import conclab.grader.submission.CompilerMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The class dashboard: one self-contained HTML page (inline CSS, inline SVG charts, no fonts,
 * images or scripts from anywhere) with the class's overview and a section per submission.
 * Every string from a report is escaped. A small inline script sorts the submissions table by
 * a column when its header is clicked; the page shows everything without it.
 */
public final class Dashboard {

    /** Events that mean a test JVM died or had to be killed. */
    private static final Set<String> CRASH_EVENTS = Set.of("fork_exited", "fork_killed",
            "protocol_error", "time_limit", "files_modified", "no_progress");

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:1200px}
            h1{font-size:1.5em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
            th{background:#f4f4f4}th.sortable{cursor:pointer}td.num{text-align:right}
            pre{background:#f8f8f8;padding:.5em;white-space:pre-wrap;word-break:break-word;max-height:20em;overflow:auto;margin:.2em 0}
            .passed{color:#2a7a2a}.failed,.error,.timeout,.compile_error{color:#b00}.not_run,.missing,.skipped{color:#888}
            svg.chart{display:block;margin:.5em 0}svg.chart.gauge{display:inline-block;vertical-align:middle;margin:0}svg .bar{fill:#4e79a7}svg .bar.over{fill:#e15759}svg .track{fill:#eee}
            svg .axis{stroke:#888}svg text{font-size:11px;fill:#333}svg text.job{fill:#fff}svg .idle{stroke:#ccc;stroke-dasharray:2}svg .unfinished{fill-opacity:.4;stroke:#b00;stroke-dasharray:3}
            section.submission{border-top:2px solid #ccc;margin-top:1.5em}details{margin:.3em 0}summary{cursor:pointer}
            .hint{background:#fff8e0;padding:.3em .5em}.muted{color:#777}
            div.test{margin:.4em 0;padding-top:.3em;border-top:1px dotted #ddd}.chart-title{margin-top:.3em}
            """;

    private static final String SCRIPT = """
            document.body.dataset.sortable = "yes";
            document.querySelectorAll("#submissions th").forEach(function (th, column) {
              th.classList.add("sortable");
              th.title = "sort";
              th.addEventListener("click", function () {
                var body = document.querySelector("#submissions tbody");
                var rows = Array.from(body.rows);
                var down = th.dataset.order !== "down";
                th.dataset.order = down ? "down" : "up";
                rows.sort(function (a, b) {
                  var x = a.cells[column].dataset.value || a.cells[column].textContent;
                  var y = b.cells[column].dataset.value || b.cells[column].textContent;
                  var nx = parseFloat(x), ny = parseFloat(y);
                  var order = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
                  return down ? -order : order;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              });
            });
            """;

    private static final java.util.regex.Pattern NOT_CSS = java.util.regex.Pattern.compile("[^a-z_]");

    private Dashboard() {
    }

    /** The page, for these submissions; {@code warnings} are shown at its top. */
    public static String html(List<Submission> submissions, List<String> warnings) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width\">")
                // nothing from the network, and no script but the page's own
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                        + " style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
                .append("<title>conclab class dashboard</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        html.append("<h1>conclab class dashboard</h1><p>").append(submissions.size())
                .append(" submissions").append(assignment(submissions)).append(". ")
                .append(average(submissions)).append("</p>\n");
        if (!warnings.isEmpty()) {
            html.append("<ul class=\"warnings\">");
            warnings.forEach(w -> html.append("<li>").append(escape(w)).append("</li>"));
            html.append("</ul>\n");
        }
        html.append("<nav><a href=\"#distribution\">Score distribution</a> · <a href=\"#exercises\">Exercises</a>"
                + " · <a href=\"#tests\">Pass rate per test</a> · <a href=\"#retries\">Retried timing tests</a>"
                + " · <a href=\"#trouble\">Crashed, hung, did not compile</a> · <a href=\"#submissions\">Submissions</a></nav>\n");
        distribution(html, submissions);
        exercises(html, submissions);
        passRates(html, submissions);
        retries(html, submissions);
        trouble(html, submissions);
        table(html, submissions);
        for (int i = 0; i < submissions.size(); i++) {
            submission(html, i, submissions.get(i));
        }
        html.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return html.toString();
    }

    private static String assignment(List<Submission> submissions) {
        return submissions.stream().map(s -> s.report().graded())
                .filter(g -> g != null && g.course() != null).findFirst()
                .map(g -> " of " + escape(g.course().course()) + ", " + escape(g.course().assignment()))
                .orElse("");
    }

    private static String average(List<Submission> submissions) {
        double[] percents = submissions.stream().map(Submission::percent)
                .filter(p -> p != null).mapToDouble(Double::doubleValue).toArray();
        if (percents.length == 0) {
            return "No submission was graded.";
        }
        double mean = java.util.Arrays.stream(percents).average().orElse(0);
        return String.format(Locale.ROOT, "Average score: %.1f%% of the weighted maximum (%d graded).",
                mean, percents.length);
    }

    private static void distribution(StringBuilder html, List<Submission> submissions) {
        int[] counts = new int[10];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            labels.add(i * 10 + (i == 9 ? "–100" : "–" + (i * 10 + 9)));
        }
        for (Submission s : submissions) {
            Double percent = s.percent();
            if (percent != null) {
                counts[Math.min(9, Math.max(0, (int) Math.floor(percent / 10)))]++;
            }
        }
        html.append("<h2 id=\"distribution\">Score distribution</h2>")
                .append(Charts.histogram(labels, counts)).append('\n');
    }

    private static void exercises(StringBuilder html, List<Submission> submissions) {
        List<Charts.Bar> bars = new ArrayList<>();
        for (String id : ClassReports.exercises(submissions)) {
            double points = 0;
            double max = 0;
            int count = 0;
            for (Submission s : submissions) {
                for (ExerciseResult e : s.report().exercises()) {
                    if (e.id().equals(id)) {
                        points += e.score();
                        max += e.maxScore();
                        count++;
                    }
                }
            }
            double percent = max == 0 ? 0 : 100 * points / max;
            bars.add(new Charts.Bar(id, percent, String.format(Locale.ROOT, "%.1f%% (%.1f of %.0f points, %d graded)",
                    percent, points / count, max / count, count)));
        }
        html.append("<h2 id=\"exercises\">Average per exercise</h2>")
                .append(Charts.bars("exercises", "Average score per exercise, as a share of its points", bars))
                .append('\n');
    }

    private static void passRates(StringBuilder html, List<Submission> submissions) {
        Map<String, int[]> rates = new LinkedHashMap<>();
        Map<String, String> exerciseOf = new LinkedHashMap<>();
        for (Submission s : submissions) {
            for (ExerciseResult e : s.report().exercises()) {
                for (TestResult t : e.tests()) {
                    int[] rate = rates.computeIfAbsent(t.id(), k -> new int[3]);
                    rate[0] += t.status().equals("passed") ? 1 : 0;
                    rate[1] += t.status().equals("not_run") ? 0 : 1;
                    rate[2]++;
                    exerciseOf.put(t.id(), e.id());
                }
            }
        }
        List<String> ids = new ArrayList<>(rates.keySet());
        ids.sort(java.util.Comparator.comparingDouble((String id) -> (double) rates.get(id)[0] / rates.get(id)[2])
                .thenComparing(id -> id));
        html.append("<h2 id=\"tests\">Pass rate per test</h2><p class=\"muted\">Hardest first. Ran:"
                + " the submissions where the test ran (not those where its exercise did not compile"
                + " or was missing).</p><table class=\"pass-rates\"><thead><tr><th>exercise</th><th>test</th>"
                + "<th>passed</th><th>ran</th><th>of</th><th>rate</th></tr></thead><tbody>");
        for (String id : ids) {
            int[] rate = rates.get(id);
            double percent = 100.0 * rate[0] / rate[2];
            html.append("<tr class=\"test-row\"><td>").append(escape(exerciseOf.get(id))).append("</td><td>")
                    .append(escape(shortId(id))).append("</td><td class=\"num\">").append(rate[0])
                    .append("</td><td class=\"num\">").append(rate[1]).append("</td><td class=\"num\">")
                    .append(rate[2]).append("</td><td>").append(Charts.gauge(Math.round(percent), 100))
                    .append(String.format(Locale.ROOT, " %.0f%%", percent)).append("</td></tr>");
        }
        html.append("</tbody></table>\n");
    }

    private static void retries(StringBuilder html, List<Submission> submissions) {
        html.append("<h2 id=\"retries\">Timing tests that needed retries</h2>");
        StringBuilder rows = new StringBuilder();
        forEachTest(submissions, (i, s, e, t) -> {
            if (t.attempts() > 1) {
                rows.append("<tr class=\"retry-row\"><td>").append(link(i, s)).append("</td><td>")
                        .append(escape(shortId(t.id()))).append("</td><td class=\"num\">").append(t.attempts())
                        .append("</td><td class=\"").append(css(t.status())).append("\">")
                        .append(escape(t.status())).append("</td></tr>");
            }
        });
        listOrNone(html, rows, "<tr><th>submission</th><th>test</th><th>attempts</th><th>status</th></tr>",
                "No test needed more than one attempt.");
    }

    private static void trouble(StringBuilder html, List<Submission> submissions) {
        html.append("<h2 id=\"trouble\">Crashed, hung, did not compile</h2><h3>Crashed or not graded</h3>");
        StringBuilder crashed = new StringBuilder();
        for (int i = 0; i < submissions.size(); i++) {
            Report r = submissions.get(i).report();
            if (!r.status().equals("graded")) {
                crashed.append("<tr class=\"crash-row\"><td>").append(link(i, submissions.get(i)))
                        .append("</td><td>").append(escape(r.status())).append("</td><td>")
                        .append(escape(r.message())).append("</td></tr>");
            }
            for (Report.RunEventRecord event : r.events() == null ? List.<Report.RunEventRecord>of() : r.events()) {
                if (CRASH_EVENTS.contains(event.type())) {
                    crashed.append("<tr class=\"crash-row\"><td>").append(link(i, submissions.get(i)))
                            .append("</td><td>").append(escape(event.type())).append("</td><td>")
                            .append(escape(event.detail())).append("</td></tr>");
                }
            }
        }
        listOrNone(html, crashed, "<tr><th>submission</th><th>what</th><th>detail</th></tr>",
                "No grading failed and no test JVM died.");
        html.append("<h3>Hung (timed out)</h3>");
        StringBuilder hung = new StringBuilder();
        forEachTest(submissions, (i, s, e, t) -> {
            if (t.status().equals("timeout")) {
                hung.append("<tr class=\"hung-row\"><td>").append(link(i, s)).append("</td><td>")
                        .append(escape(shortId(t.id()))).append("</td><td>").append(escape(t.message()))
                        .append("</td></tr>");
            }
        });
        listOrNone(html, hung, "<tr><th>submission</th><th>test</th><th>message</th></tr>", "No test timed out.");
        html.append("<h3>Did not compile</h3>");
        StringBuilder broken = new StringBuilder();
        for (int i = 0; i < submissions.size(); i++) {
            for (ExerciseResult e : submissions.get(i).report().exercises()) {
                if (e.status().equals("compile_error")) {
                    broken.append("<tr class=\"compile-row\"><td>").append(link(i, submissions.get(i)))
                            .append("</td><td>").append(escape(e.id())).append("</td><td>")
                            .append(diagnostics(e)).append("</td></tr>");
                }
            }
        }
        listOrNone(html, broken, "<tr><th>submission</th><th>exercise</th><th>compiler</th></tr>",
                "Every exercise compiled.");
    }

    private static void table(StringBuilder html, List<Submission> submissions) {
        List<String> exercises = ClassReports.exercises(submissions);
        html.append("<h2>Submissions</h2><table id=\"submissions\"><thead><tr><th>submission</th>"
                + "<th>student id</th><th>name</th><th>status</th><th>score</th><th>%</th>");
        exercises.forEach(id -> html.append("<th>").append(escape(id)).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (int i = 0; i < submissions.size(); i++) {
            Submission s = submissions.get(i);
            Report r = s.report();
            Double percent = s.percent();
            html.append("<tr class=\"submission-row\"><td>").append(link(i, s)).append("</td><td>")
                    .append(escape(s.studentId())).append("</td><td>").append(escape(s.studentName()))
                    .append("</td><td class=\"").append(css(r.status())).append("\">").append(escape(r.status()))
                    .append("</td><td class=\"num\" data-value=\"").append(r.weightedScore()).append("\">")
                    .append(Gradebook.number(r.weightedScore())).append(" / ").append(Gradebook.number(r.weightedMaxScore()))
                    .append("</td><td class=\"num\">")
                    .append(percent == null ? "" : String.format(Locale.ROOT, "%.1f", percent)).append("</td>");
            for (String id : exercises) {
                html.append("<td class=\"num\">");
                r.exercises().stream().filter(e -> e.id().equals(id)).findFirst().ifPresent(e ->
                        html.append("<span class=\"").append(css(e.status())).append("\" title=\"")
                                .append(escape(e.status())).append("\">").append(e.score()).append('/')
                                .append(e.maxScore()).append("</span>"));
                html.append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>\n");
    }

    private static void submission(StringBuilder html, int index, Submission s) {
        Report r = s.report();
        html.append("<section class=\"submission\" id=\"sub-").append(index).append("\"><h3>")
                .append(escape(s.name()));
        if (s.studentName() != null || s.studentId() != null) {
            html.append(" — ").append(escape(s.studentName())).append(' ').append(escape(s.studentId()));
        }
        html.append("</h3><p>").append(escape(r.status())).append(", ")
                .append(Gradebook.number(r.weightedScore())).append(" / ")
                .append(Gradebook.number(r.weightedMaxScore())).append(" points. Report file: ")
                .append(escape(s.file()));
        if (r.graded() != null && r.graded().commit() != null) {
            html.append(", commit ").append(escape(r.graded().commit()));
        }
        html.append(".</p>");
        if (r.message() != null) {
            html.append("<pre class=\"message\">").append(escape(r.message())).append("</pre>");
        }
        list(html, "Warnings", r.warnings());
        List<String> events = r.events() == null ? List.of()
                : r.events().stream().map(e -> e.type() + ": " + e.detail()).toList();
        list(html, "Events", events);
        // tests that judge one shared run (join's) publish its timeline: drawn once per submission
        Set<String> drawn = new java.util.HashSet<>();
        for (ExerciseResult e : r.exercises()) {
            boolean passed = e.status().equals("passed");
            html.append("<details class=\"exercise\"").append(passed ? "" : " open").append("><summary>")
                    .append(escape(e.id())).append(": <span class=\"").append(css(e.status())).append("\">")
                    .append(escape(e.status())).append("</span> ").append(e.score()).append('/')
                    .append(e.maxScore()).append(e.weight() == 1 ? "" : " × " + Gradebook.number(e.weight()))
                    .append("</summary>");
            if (e.diagnostics() != null && !e.diagnostics().isEmpty()) {
                html.append(diagnostics(e));
            }
            for (TestResult t : e.tests()) {
                test(html, t, drawn);
            }
            html.append("</details>");
        }
        html.append("</section>\n");
    }

    private static void test(StringBuilder html, TestResult t, Set<String> drawn) {
        boolean passed = t.status().equals("passed");
        boolean measured = t.measurements() != null && !t.measurements().isEmpty();
        html.append("<div class=\"test\"><span class=\"").append(css(t.status())).append("\">")
                .append(escape(t.status())).append("</span> ").append(escape(t.name()))
                .append(" <span class=\"muted\">").append(escape(shortId(t.id()))).append(", ")
                .append(t.earned()).append('/').append(t.points()).append(" points, ")
                .append(t.durationMs()).append(" ms")
                .append(t.attempts() > 1 ? ", " + t.attempts() + " attempts" : "")
                .append(", ").append(escape(t.visibility())).append("</span>");
        if (!passed && t.message() != null) {
            html.append("<pre class=\"message\">").append(escape(t.message())).append("</pre>");
        }
        if (!passed && t.hint() != null) {
            html.append("<div class=\"hint\">Hint: ").append(escape(t.hint())).append("</div>");
        }
        if (!passed && t.output() != null && !t.output().isEmpty()) {
            html.append("<details><summary>output (").append(t.outputBytes()).append(" bytes")
                    .append(t.outputTruncated() ? ", cut" : "").append(")</summary><pre class=\"output\">")
                    .append(escape(t.output())).append("</pre></details>");
        }
        if (measured) {
            measurements(html, t.measurements(), drawn);
        }
        html.append("</div>");
    }

    private static void measurements(StringBuilder html, Map<String, String> measurements,
                                     Set<String> drawn) {
        Map<String, long[]> bounded = MeasurementCharts.bounded(measurements);
        StringBuilder rows = new StringBuilder();
        measurements.forEach((key, value) -> {
            if (MeasurementCharts.isChart(key)) {
                return;
            }
            rows.append("<tr><td>").append(escape(key)).append("</td><td class=\"num\">")
                    .append(escape(value)).append("</td><td>");
            long[] pair = bounded.get(key);
            if (pair != null) {
                rows.append(Charts.gauge(pair[0], pair[1]));
            }
            rows.append("</td></tr>");
        });
        if (!rows.isEmpty()) {
            html.append("<table class=\"measurements\">").append(rows).append("</table>");
        }
        measurements.forEach((key, value) -> {
            boolean asExpected = key.equals("gantt") && value.equals(measurements.get("ganttExpected"));
            if (asExpected) {
                // the expected chart is the same for every right submission: its text suffices
                html.append("<div class=\"chart-title\">Gantt chart as expected: <code>")
                        .append(escape(value)).append("</code></div>");
                return;
            }
            String title = MeasurementCharts.isIntervals(key)
                    ? escape(key) + " (as the parent saw them, in ms)"
                    : key.equals("gantt") ? "Gantt chart (the submission's)"
                    : key.equals("ganttExpected") && !value.equals(measurements.get("gantt"))
                    ? "Gantt chart (expected)" : null;
            if (title == null) {
                return;
            }
            html.append("<div class=\"chart-title\">").append(title);
            if (!drawn.add(key + "=" + value)) {
                html.append(" <span class=\"muted\">the same as drawn above</span></div>");
            } else {
                html.append("</div>").append(MeasurementCharts.isIntervals(key)
                        ? Charts.timeline(key, MeasurementCharts.intervals(value))
                        : Charts.gantt(key, MeasurementCharts.gantt(value)));
            }
        });
    }

    private static String diagnostics(ExerciseResult e) {
        StringBuilder text = new StringBuilder("<pre class=\"diagnostics\">");
        for (CompilerMessage m : e.diagnostics() == null ? List.<CompilerMessage>of() : e.diagnostics()) {
            text.append(escape(m.file())).append(':').append(m.line()).append(':').append(m.column())
                    .append(": ").append(escape(m.kind())).append(": ").append(escape(m.message())).append('\n');
        }
        return text.append("</pre>").toString();
    }

    private static void list(StringBuilder html, String title, List<String> items) {
        if (items == null || items.isEmpty()) {
            return;
        }
        html.append("<details><summary>").append(title).append(" (").append(items.size())
                .append(")</summary><ul>");
        items.forEach(item -> html.append("<li>").append(escape(item)).append("</li>"));
        html.append("</ul></details>");
    }

    private static void listOrNone(StringBuilder html, StringBuilder rows, String header, String none) {
        if (rows.isEmpty()) {
            html.append("<p class=\"none\">").append(none).append("</p>\n");
        } else {
            html.append("<table><thead>").append(header).append("</thead><tbody>").append(rows)
                    .append("</tbody></table>\n");
        }
    }

    private interface TestVisitor {
        void visit(int index, Submission submission, ExerciseResult exercise, TestResult test);
    }

    private static void forEachTest(List<Submission> submissions, TestVisitor visitor) {
        for (int i = 0; i < submissions.size(); i++) {
            for (ExerciseResult e : submissions.get(i).report().exercises()) {
                for (TestResult t : e.tests()) {
                    visitor.visit(i, submissions.get(i), e, t);
                }
            }
        }
    }

    private static String link(int index, Submission s) {
        return "<a href=\"#sub-" + index + "\">" + escape(s.name()) + "</a>";
    }

    /** A class name from a status: only letters and underscores, whatever the report says. */
    private static String css(String status) {
        return status == null ? "" : NOT_CSS.matcher(status).replaceAll("");
    }

    /** {@code UdpClientTest#timesOut} for {@code conclab.udp.UdpClientTest#timesOut}. */
    private static String shortId(String id) {
        if (id == null) {
            return "";
        }
        int hash = id.indexOf('#');
        int dot = id.lastIndexOf('.', hash < 0 ? id.length() : hash);
        return dot < 0 ? id : id.substring(dot + 1);
    }
}
