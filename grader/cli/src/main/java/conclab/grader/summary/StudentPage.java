package conclab.grader.summary;

import static conclab.grader.summary.Html.escape;

import conclab.grader.format.StudentView;
import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Points;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import conclab.grader.submission.CompilerMessage;
import conclab.harness.Messages;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One submission's page, self-contained like the dashboard (inline CSS and SVG, no script, no
 * network), in one of two views:
 * <ul>
 *   <li>the instructors' ({@code students/NAME.html}, linked from the dashboard): every test, its
 *       message, hint, output and measurements, the timelines and Gantt charts, the events;</li>
 *   <li>the student's ({@code feedback/NAME.html}), made from {@link StudentView}: a file an
 *       instructor can hand out, where hidden tests are counted, never named, and nothing says
 *       where the grader keeps its files.</li>
 * </ul>
 * A message repeated by several tests of an exercise (a stub's TODO) is shown once and referred
 * to after, so that a stub's page stays short. Every string from a report is escaped.
 */
public final class StudentPage {

    static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:1100px}
            h1{font-size:1.4em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
            th{background:#f4f4f4}td.num{text-align:right}
            pre{background:#f8f8f8;padding:.5em;white-space:pre-wrap;word-break:break-word;max-height:16em;overflow:auto;margin:.2em 0}
            .passed{color:#2a7a2a}.failed,.error,.timeout,.compile_error{color:#b00}.not_run,.missing,.skipped,.not_submitted{color:#888}
            svg.chart{display:block;margin:.5em 0}svg.chart.gauge{display:inline-block;vertical-align:middle;margin:0}svg .bar{fill:#4e79a7}svg .bar.over{fill:#e15759}svg .track{fill:#eee}
            svg .axis{stroke:#888}svg text{font-size:11px;fill:#333}svg text.job{fill:#fff}svg .idle{stroke:#ccc;stroke-dasharray:2}svg .unfinished{fill-opacity:.4;stroke:#b00;stroke-dasharray:3}
            details{margin:.3em 0}summary{cursor:pointer}.hint{background:#fff8e0;padding:.3em .5em}.muted{color:#777}
            div.test{margin:.4em 0;padding-top:.3em;border-top:1px dotted #ddd}.chart-title{margin-top:.3em}
            """;

    private StudentPage() {
    }

    /** The page of {@code report} (whole, not slimmed) for the instructors; {@code back} links to the dashboard, or null. */
    public static String instructors(Submission submission, Report report, String back) {
        return page(submission, report, false, back);
    }

    /** The page a student may be handed: {@link StudentView} of the report. */
    public static String feedback(Submission submission, Report report) {
        return page(submission, StudentView.of(report), true, null);
    }

    private static String page(Submission s, Report r, boolean forStudent, String back) {
        StringBuilder html = new StringBuilder(16 * 1024);
        String who = s.studentName() != null ? s.studentName() : s.name();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
                .append("<title>").append(forStudent ? "Feedback: " : "conclab: ").append(escape(who)).append("</title><style>")
                .append(STYLE).append("</style></head><body>\n");
        if (back != null) {
            html.append("<p><a href=\"").append(escape(back)).append("\">← class dashboard</a></p>");
        }
        html.append("<h1>").append(forStudent ? "Feedback for " : "").append(escape(who));
        if (s.studentId() != null) {
            html.append(" <span class=\"muted\">").append(escape(s.studentId())).append("</span>");
        }
        html.append("</h1>");
        Report.GradedWith g = r.graded();
        if (g != null && g.course() != null) {
            html.append("<p>").append(escape(g.course().course()))
                    .append(g.course().assignment() == null ? "" : ", " + escape(g.course().assignment())).append("</p>");
        }
        html.append("<p class=\"total\"><span class=\"").append(css(r.status())).append("\">").append(escape(r.status()))
                .append("</span>, <strong>").append(escape(Points.total(r))).append("</strong> points");
        Double percent = Points.percent(r);
        if (percent != null) {
            html.append(String.format(java.util.Locale.ROOT, " (%.1f%%)", percent));
        }
        if (g != null && g.commit() != null) {
            html.append(", commit <code>").append(escape(g.commit())).append("</code>");
        }
        if (!forStudent) {
            html.append(". Report file: ").append(escape(s.file()));
        }
        html.append(".</p>");
        if (r.message() != null) {
            html.append("<pre class=\"message\">").append(escape(r.message())).append("</pre>");
        }
        html.append("<table class=\"exercises\"><thead><tr><th>exercise</th><th>status</th><th>tests passed</th><th>points</th></tr></thead><tbody>");
        for (ExerciseResult e : r.exercises()) {
            long ok = e.tests().stream().filter(t -> t.status().equals("passed")).count();
            html.append("<tr><td>").append(escape(e.id())).append("</td><td class=\"").append(css(e.status())).append("\">")
                    .append(escape(e.status())).append("</td><td class=\"num\">").append(ok).append('/').append(e.tests().size())
                    .append("</td><td class=\"num\">").append(escape(Points.of(e))).append("</td></tr>");
        }
        html.append("</tbody></table>");
        list(html, "Warnings", r.warnings());
        List<String> events = r.events() == null ? List.of() : r.events().stream().map(e -> e.type() + ": " + e.detail()).toList();
        list(html, "Events", events);
        // tests that judge one shared run (join's) publish its timeline: drawn once per submission
        Set<String> drawn = new HashSet<>();
        for (ExerciseResult e : r.exercises()) {
            boolean passed = e.status().equals("passed");
            html.append("<details class=\"exercise\"").append(passed ? "" : " open").append("><summary>")
                    .append(escape(e.id())).append(": <span class=\"").append(css(e.status())).append("\">")
                    .append(escape(e.status())).append("</span> ").append(escape(Points.of(e))).append("</summary>");
            if (!e.diagnostics().isEmpty()) {
                html.append(diagnostics(e));
            }
            Map<String, String> shown = new HashMap<>();
            for (TestResult t : e.tests()) {
                test(html, t, drawn, shown, forStudent);
            }
            html.append("</details>");
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void test(StringBuilder html, TestResult t, Set<String> drawn, Map<String, String> shown,
                             boolean forStudent) {
        boolean passed = t.status().equals("passed");
        boolean measured = t.measurements() != null && !t.measurements().isEmpty();
        html.append("<div class=\"test\"><span class=\"").append(css(t.status())).append("\">")
                .append(escape(t.status())).append("</span> ").append(escape(t.name()))
                .append(" <span class=\"muted\">").append(forStudent ? "" : escape(Dashboard.shortId(t.id())) + ", ")
                .append(t.earned()).append('/').append(t.points()).append(" points, ")
                .append(t.durationMs()).append(" ms")
                .append(t.attempts() > 1 ? ", " + t.attempts() + " attempts" : "")
                .append(forStudent ? "" : ", " + escape(t.visibility())).append("</span>");
        if (!passed && t.message() != null) {
            String first = shown.putIfAbsent(t.message(), t.name());
            if (first == null) {
                html.append("<pre class=\"message\">").append(escape(t.message())).append("</pre>");
            } else {
                html.append("<div class=\"muted same\">the same message as ").append(escape(first)).append("</div>");
            }
        }
        if (!passed && t.hint() != null) {
            // labelled in the students' language, that of the hint
            html.append("<div class=\"hint\">").append(escape(Messages.get("hint.label", t.hint()))).append("</div>");
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

    static void measurements(StringBuilder html, Map<String, String> measurements, Set<String> drawn) {
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

    static String diagnostics(ExerciseResult e) {
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

    static String css(String status) {
        return Dashboard.css(status);
    }
}
