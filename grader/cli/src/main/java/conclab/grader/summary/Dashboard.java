package conclab.grader.summary;

import static conclab.grader.summary.Html.escape;

import conclab.grader.batch.BatchGrader;
import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Points;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The class dashboard: one self-contained HTML page (inline CSS, inline SVG, a small inline
 * script, nothing from the network) that serves a class of hundreds at a glance: the score
 * distribution; median and spread per exercise; a table of students with search and filters
 * (status, an exercise's status, a score range), submitted or not, commit and lateness; a matrix
 * of students × tests; each test's pass rate with a drill-down to the students who failed it and
 * their messages; retried timing tests; crashes, hangs and compile errors. Each student's tests,
 * timelines and charts are on a page of their own ({@link StudentPage}, {@code students/NAME.html}),
 * so that the class's page stays small (a class of 200: about 1 MB). Every string from a report
 * is escaped. The filters can be set from the page's address ({@code #q=lee&status=not_full&exercise=udp&exstatus=failed&min=0&max=50}).
 */
public final class Dashboard {

    /** Events that mean a test JVM died or had to be killed. */
    private static final Set<String> CRASH_EVENTS = Set.of("fork_exited", "fork_killed",
            "protocol_error", "time_limit", "files_modified", "no_progress");
    /** Students named per message in a test's drill-down; the rest are counted. */
    static final int NAMES_PER_MESSAGE = 40;
    /** Distinct messages shown per test; the rest are counted. */
    static final int MESSAGES_PER_TEST = 12;
    /** Characters of a message in the drill-down. */
    static final int MESSAGE_CHARS = 300;

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:1400px}
            h1{font-size:1.5em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
            th{background:#f4f4f4}th.sortable{cursor:pointer}td.num{text-align:right}
            pre{background:#f8f8f8;padding:.4em;white-space:pre-wrap;word-break:break-word;max-height:10em;overflow:auto;margin:.2em 0}
            .passed,.full{color:#2a7a2a}.failed,.error,.timeout,.compile_error,.invalid_submission{color:#b00}.not_run,.missing,.skipped,.not_submitted,.untouched{color:#888}
            svg.chart{display:block;margin:.5em 0}svg.chart.gauge,svg.box{display:inline-block;vertical-align:middle;margin:0}svg .bar{fill:#4e79a7}svg .bar.over{fill:#e15759}svg .track{fill:#eee}
            svg .axis{stroke:#888}svg text{font-size:11px;fill:#333}svg .whisker{stroke:#555}svg .iqr{fill:#a0cbe8;stroke:#4e79a7}svg .median{stroke:#b00;stroke-width:2}
            details{margin:.2em 0}summary{cursor:pointer}.muted{color:#777}.warnings li{color:#8a5a00}
            #filters{position:sticky;top:0;background:#fff;padding:.4em 0;border-bottom:1px solid #ddd;z-index:1}#filters label{margin-right:1em}
            table.matrix{border-collapse:separate;border-spacing:1px}table.matrix td{width:9px;height:12px;padding:0;border:0}
            table.matrix th{font-weight:normal;font-size:11px;padding:0 .3em;white-space:nowrap}table.matrix th.ex{text-align:left;border-left:2px solid #888}
            table.matrix td.x0{border-left:2px solid #888}
            .p{background:#59a14f}.f{background:#e15759}.e{background:#b07aa1}.n{background:#ccc}.u{background:#eee}
            span.key{display:inline-block;width:10px;height:10px;margin:0 .2em 0 .8em}
            tr.rate>td{border:0;padding:0}tr.rate details>summary{list-style:none}ul.failures{margin:.2em 0 .6em 1em;padding:0}ul.failures li{margin:.3em 0;list-style:none}
            """;

    private static final String SCRIPT = """
            (function () {
              var body = document.body;
              body.dataset.sortable = "yes";
              document.querySelectorAll("#students thead th").forEach(function (th, column) {
                th.classList.add("sortable");
                th.title = "sort";
                th.addEventListener("click", function () {
                  var tbody = document.querySelector("#students tbody");
                  var rows = Array.from(tbody.rows);
                  var down = th.dataset.order !== "down";
                  th.dataset.order = down ? "down" : "up";
                  rows.sort(function (a, b) {
                    var x = a.cells[column].dataset.value || a.cells[column].textContent;
                    var y = b.cells[column].dataset.value || b.cells[column].textContent;
                    var nx = parseFloat(x), ny = parseFloat(y);
                    var order = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
                    return down ? -order : order;
                  });
                  rows.forEach(function (row) { tbody.appendChild(row); });
                });
              });
              var f = {q: byId("f-q"), status: byId("f-status"), exercise: byId("f-exercise"),
                       exstatus: byId("f-exstatus"), min: byId("f-min"), max: byId("f-max")};
              function byId(id) { return document.getElementById(id); }
              var students = Array.from(document.querySelectorAll("#students tbody tr"));
              var matrix = {};
              document.querySelectorAll("#matrix tbody tr").forEach(function (row) { matrix[row.dataset.key] = row; });
              function matches(row) {
                var d = row.dataset;
                var q = f.q.value.trim().toLowerCase();
                if (q && d.q.indexOf(q) < 0) return false;
                var s = f.status.value;
                if (s && (" " + d.status + " ").indexOf(" " + s + " ") < 0) return false;
                if (f.exercise.value) {
                  var ex = " " + d.ex + " ", want = f.exstatus.value;
                  if (want ? ex.indexOf(" " + f.exercise.value + ":" + want + " ") < 0
                           : ex.indexOf(" " + f.exercise.value + ":") < 0) return false;
                }
                var pct = parseFloat(d.pct);
                var min = parseFloat(f.min.value), max = parseFloat(f.max.value);
                if (!isNaN(min) && !(pct >= min)) return false;
                if (!isNaN(max) && !(pct <= max)) return false;
                return true;
              }
              function apply() {
                var shown = 0;
                students.forEach(function (row) {
                  var ok = matches(row);
                  row.hidden = !ok;
                  if (matrix[row.dataset.key]) matrix[row.dataset.key].hidden = !ok;
                  if (ok) shown++;
                });
                byId("f-count").textContent = shown + " of " + students.length + " shown";
                body.dataset.shown = shown;
              }
              Object.keys(f).forEach(function (k) { f[k].addEventListener("input", apply); });
              var hash = new URLSearchParams(location.hash.replace(/^#/, ""));
              Object.keys(f).forEach(function (k) { if (hash.has(k)) f[k].value = hash.get(k); });
              apply();
              if (hash.has("count")) {
                var walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL), nodes = 0;
                while (walker.nextNode()) nodes++;
                body.dataset.nodes = nodes;
              }
            })();
            """;

    private static final java.util.regex.Pattern NOT_CSS = java.util.regex.Pattern.compile("[^a-z_]");

    private Dashboard() {
    }

    /** The page, for these submissions; {@code warnings} are shown at its top; pages are {@code students/NAME.html}. */
    public static String html(List<Submission> submissions, List<String> warnings) {
        StringBuilder html = new StringBuilder(1024 * 1024);
        List<String> exercises = ClassReports.exercises(submissions);
        List<Submission> submitted = submissions.stream().filter(Submission::submitted).toList();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width\">")
                // nothing from the network, and no script but the page's own
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                        + " style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
                .append("<title>conclab class dashboard</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        html.append("<h1>conclab class dashboard</h1><p>").append(submitted.size()).append(" submissions")
                .append(submitted.size() == submissions.size() ? ""
                        : ", " + (submissions.size() - submitted.size()) + " students on the roster without one")
                .append(assignment(submissions)).append(". ").append(average(submitted)).append("</p>\n");
        if (!warnings.isEmpty()) {
            html.append("<ul class=\"warnings\">");
            warnings.forEach(w -> html.append("<li>").append(escape(w)).append("</li>"));
            html.append("</ul>\n");
        }
        html.append("<nav><a href=\"#distribution\">Score distribution</a> · <a href=\"#exercises\">Exercises</a>"
                + " · <a href=\"#students\">Students</a> · <a href=\"#matrix\">Who failed what</a>"
                + " · <a href=\"#tests\">Pass rate per test</a> · <a href=\"#retries\">Retried timing tests</a>"
                + " · <a href=\"#trouble\">Crashed, hung, did not compile</a></nav>\n");
        distribution(html, submitted);
        exerciseTable(html, submitted, exercises);
        filters(html, exercises);
        students(html, submissions, exercises);
        Map<String, TestColumn> tests = columns(submitted);
        matrix(html, submissions, tests);
        passRates(html, submissions, tests);
        retries(html, submissions);
        trouble(html, submissions);
        html.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return html.toString();
    }

    private static String assignment(List<Submission> submissions) {
        return submissions.stream().map(s -> s.report().graded())
                .filter(g -> g != null && g.course() != null).findFirst()
                .map(g -> " of " + escape(g.course().course())
                        + (g.course().assignment() == null ? "" : ", " + escape(g.course().assignment())))
                .orElse("");
    }

    private static String average(List<Submission> submissions) {
        double[] percents = submissions.stream().map(Submission::percent)
                .filter(p -> p != null).mapToDouble(Double::doubleValue).sorted().toArray();
        if (percents.length == 0) {
            return "No submission was graded.";
        }
        double mean = Arrays.stream(percents).average().orElse(0);
        return String.format(Locale.ROOT, "Median score %.1f%%, average %.1f%% of the weighted maximum (%d graded).",
                quantile(percents, 0.5), mean, percents.length);
    }

    /** The q-quantile of sorted values, interpolated. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double at = q * (sorted.length - 1);
        int low = (int) Math.floor(at);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
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

    private static void exerciseTable(StringBuilder html, List<Submission> submissions, List<String> exercises) {
        html.append("<h2 id=\"exercises\">Exercises</h2><p class=\"muted\">Each exercise's points as a share of its"
                + " maximum, over the submissions that have it; untouched: the stub as handed out (every test failed on its TODO)."
                + "</p><table class=\"exercise-stats\"><thead><tr><th>exercise</th><th>weight</th><th>graded</th>"
                + "<th>untouched</th><th>did not compile</th><th>median</th><th>quartiles</th><th>min–max</th>"
                + "<th>mean</th><th>spread</th></tr></thead><tbody>");
        for (String id : exercises) {
            List<Double> shares = new ArrayList<>();
            int untouched = 0;
            int broken = 0;
            Set<String> weights = new java.util.TreeSet<>();
            for (Submission s : submissions) {
                for (ExerciseResult e : s.report().exercises()) {
                    if (e.id().equals(id) && e.maxScore() > 0) {
                        shares.add(100.0 * e.score() / e.maxScore());
                        untouched += Submission.untouched(e) ? 1 : 0;
                        broken += e.status().equals("compile_error") ? 1 : 0;
                        weights.add(Points.format(e.weight()));
                    }
                }
            }
            double[] sorted = shares.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            html.append("<tr class=\"exercise-row\"><td>").append(escape(id)).append("</td><td>")
                    .append(escape(String.join(", ", weights))).append("</td><td class=\"num\">").append(sorted.length)
                    .append("</td><td class=\"num\">").append(untouched).append("</td><td class=\"num\">").append(broken)
                    .append("</td>");
            if (sorted.length == 0) {
                html.append("<td colspan=\"5\"></td></tr>");
                continue;
            }
            double median = quantile(sorted, 0.5);
            html.append(String.format(Locale.ROOT, "<td class=\"num median\">%.1f%%</td><td class=\"num\">%.0f–%.0f%%</td>"
                            + "<td class=\"num\">%.0f–%.0f%%</td><td class=\"num\">%.1f%%</td><td>%s</td></tr>",
                    median, quantile(sorted, 0.25), quantile(sorted, 0.75), sorted[0], sorted[sorted.length - 1],
                    Arrays.stream(sorted).average().orElse(0), box(sorted)));
        }
        html.append("</tbody></table>\n");
    }

    /** A box plot of percentages: whiskers min to max, the box the quartiles, a line the median. */
    private static String box(double[] sorted) {
        double min = sorted[0] * 1.2;
        double max = sorted[sorted.length - 1] * 1.2;
        double q1 = quantile(sorted, 0.25) * 1.2;
        double q3 = quantile(sorted, 0.75) * 1.2;
        double median = quantile(sorted, 0.5) * 1.2;
        return String.format(Locale.ROOT, "<svg class=\"box\" width=\"124\" height=\"14\" viewBox=\"0 0 124 14\" role=\"img\">"
                        + "<title>median %.0f%%, quartiles %.0f–%.0f%%, %.0f–%.0f%%</title>"
                        + "<line class=\"whisker\" x1=\"%.1f\" y1=\"7\" x2=\"%.1f\" y2=\"7\"/>"
                        + "<rect class=\"iqr\" x=\"%.1f\" y=\"2\" width=\"%.1f\" height=\"10\"/>"
                        + "<line class=\"median\" x1=\"%.1f\" y1=\"1\" x2=\"%.1f\" y2=\"13\"/></svg>",
                median / 1.2, q1 / 1.2, q3 / 1.2, min / 1.2, max / 1.2, 2 + min, 2 + max, 2 + q1, Math.max(1, q3 - q1),
                2 + median, 2 + median);
    }

    private static void filters(StringBuilder html, List<String> exercises) {
        html.append("<h2 id=\"students\">Students</h2><div id=\"filters\"><label>search <input id=\"f-q\" type=\"search\""
                + " placeholder=\"name, id or folder\"></label><label>status <select id=\"f-status\"><option value=\"\">any</option>"
                + "<option value=\"submitted\">submitted</option><option value=\"not_submitted\">not submitted</option>"
                + "<option value=\"full\">full marks</option><option value=\"not_full\">not full marks</option>"
                + "<option value=\"compile_error\">did not compile</option><option value=\"invalid_submission\">invalid</option>"
                + "<option value=\"error\">grader error</option><option value=\"late\">commits after the deadline</option>"
                + "<option value=\"git_dates\">dates to check</option></select></label><label>exercise <select id=\"f-exercise\">"
                + "<option value=\"\">any</option>");
        exercises.forEach(id -> html.append("<option>").append(escape(id)).append("</option>"));
        html.append("</select> <select id=\"f-exstatus\"><option value=\"\">graded</option><option value=\"passed\">passed</option>"
                + "<option value=\"failed\">failed</option><option value=\"compile_error\">did not compile</option>"
                + "<option value=\"untouched\">untouched</option><option value=\"missing\">missing</option></select></label>"
                + "<label>score <input id=\"f-min\" type=\"number\" min=\"0\" max=\"100\" size=\"4\" placeholder=\"0\">"
                + "–<input id=\"f-max\" type=\"number\" min=\"0\" max=\"100\" size=\"4\" placeholder=\"100\"> %</label>"
                + "<span id=\"f-count\" class=\"muted\"></span></div>\n");
    }

    private static void students(StringBuilder html, List<Submission> submissions, List<String> exercises) {
        html.append("<table id=\"students\"><thead><tr><th>submission</th><th>student id</th><th>name</th><th>status</th>"
                + "<th>commit</th><th>late</th><th>score</th><th>%</th>");
        exercises.forEach(id -> html.append("<th>").append(escape(id)).append("</th>"));
        html.append("<th>feedback</th></tr></thead><tbody>");
        for (int i = 0; i < submissions.size(); i++) {
            Submission s = submissions.get(i);
            Report r = s.report();
            Double percent = s.submitted() ? s.percent() : Double.valueOf(0);
            String late = event(r, BatchGrader.LATE_EVENT);
            StringBuilder status = new StringBuilder(s.submitted() ? "submitted " : "");
            status.append(r.status());
            if ("graded".equals(r.status())) {
                status.append(Points.full(r) ? " full" : " not_full");
                if (r.exercises().stream().anyMatch(e -> e.status().equals("compile_error"))) {
                    status.append(" compile_error");
                }
            }
            if (late != null) {
                status.append(" late");
            }
            if (event(r, BatchGrader.GIT_EVENT) != null) {
                status.append(" git_dates");
            }
            StringBuilder ex = new StringBuilder();
            for (ExerciseResult e : r.exercises()) {
                ex.append(e.id()).append(':').append(Submission.untouched(e) ? "untouched" : css(e.status())).append(' ');
            }
            html.append("<tr class=\"submission-row\" data-key=\"").append(i).append("\" data-q=\"")
                    .append(escape((s.name() + " " + nullToEmpty(s.studentId()) + " " + nullToEmpty(s.studentName()))
                            .toLowerCase(Locale.ROOT)))
                    .append("\" data-status=\"").append(escape(status.toString())).append("\" data-pct=\"")
                    .append(percent == null ? "" : String.format(Locale.ROOT, "%.2f", percent)).append("\" data-ex=\"")
                    .append(escape(ex.toString().strip())).append("\"><td>");
            if (s.submitted()) {
                html.append("<a href=\"students/").append(escape(s.page())).append("\">").append(escape(s.name())).append("</a>");
            } else {
                html.append(escape(s.name()));
            }
            html.append("</td><td>").append(escape(s.studentId())).append("</td><td>").append(escape(s.studentName()))
                    .append("</td><td class=\"").append(css(r.status())).append("\">").append(escape(r.status()).replace('_', ' '))
                    .append("</td><td>");
            if (r.graded() != null && r.graded().commit() != null) {
                html.append("<code title=\"").append(escape(r.graded().commit())).append("\">")
                        .append(escape(r.graded().commit().substring(0, Math.min(8, r.graded().commit().length())))).append("</code>");
            }
            html.append("</td><td>").append(late == null ? "" : "<span title=\"" + escape(late) + "\">late</span>")
                    .append("</td><td class=\"num\" data-value=\"").append(Points.format(r.weightedScore())).append("\">")
                    .append(escape(Points.total(r))).append("</td><td class=\"num\">")
                    .append(percent == null ? "" : String.format(Locale.ROOT, "%.1f", percent)).append("</td>");
            for (String id : exercises) {
                html.append("<td class=\"num\">");
                r.exercises().stream().filter(e -> e.id().equals(id)).findFirst().ifPresent(e ->
                        html.append("<span class=\"").append(Submission.untouched(e) ? "untouched" : css(e.status()))
                                .append("\" title=\"").append(escape(e.status())).append("\">")
                                .append(escape(Points.of(e))).append("</span>"));
                html.append("</td>");
            }
            html.append("<td>");
            if (s.submitted()) {
                html.append("<a href=\"feedback/").append(escape(s.page())).append("\">feedback</a>");
            }
            html.append("</td></tr>");
        }
        html.append("</tbody></table>\n");
    }

    /** A test as a column of the matrix and a row of the pass rates. */
    private static final class TestColumn {
        final String id;
        final String exercise;
        final int index;
        int passed;
        int attempted;
        int untouched;
        int of;
        final Map<String, List<Integer>> failures = new LinkedHashMap<>();

        TestColumn(String id, String exercise, int index) {
            this.id = id;
            this.exercise = exercise;
            this.index = index;
        }
    }

    /** Every test of the class, grouped by exercise in the exercises' order, tests in the order they ran. */
    private static Map<String, TestColumn> columns(List<Submission> submissions) {
        Map<String, Map<String, String>> byExercise = new TreeMap<>();
        for (Submission s : submissions) {
            for (ExerciseResult e : s.report().exercises()) {
                Map<String, String> tests = byExercise.computeIfAbsent(e.id(), k -> new LinkedHashMap<>());
                e.tests().forEach(t -> tests.putIfAbsent(t.id(), e.id()));
            }
        }
        Map<String, TestColumn> columns = new LinkedHashMap<>();
        byExercise.forEach((exercise, tests) -> tests.keySet().forEach(id ->
                columns.put(id, new TestColumn(id, exercise, columns.size()))));
        return columns;
    }

    /** The matrix's cell class of a test: passed, failed, error (error, timeout), not run, untouched stub. */
    private static String cell(TestResult t, boolean untouched) {
        if (untouched) {
            return "u";
        }
        return switch (t.status()) {
            case "passed" -> "p";
            case "failed" -> "f";
            case "error", "timeout" -> "e";
            default -> "n";
        };
    }

    private static void matrix(StringBuilder html, List<Submission> submissions, Map<String, TestColumn> columns) {
        html.append("<h2 id=\"matrix\">Who failed what</h2><p class=\"muted\">One row per student (the filters above apply),"
                + " one column per test, grouped by exercise; hover a column's number for its test."
                + "<span class=\"key p\"></span>passed<span class=\"key f\"></span>failed<span class=\"key e\"></span>error or timeout"
                + "<span class=\"key n\"></span>not run, or the exercise did not compile<span class=\"key u\"></span>untouched stub</p>"
                + "<div style=\"overflow-x:auto\"><table class=\"matrix\"><thead><tr><th></th>");
        Map<String, Integer> spans = new LinkedHashMap<>();
        columns.values().forEach(c -> spans.merge(c.exercise, 1, Integer::sum));
        spans.forEach((exercise, span) -> html.append("<th class=\"ex\" colspan=\"").append(span).append("\">")
                .append(escape(exercise)).append("</th>"));
        html.append("</tr></thead><tbody>");
        List<TestColumn> ordered = List.copyOf(columns.values());
        for (int i = 0; i < submissions.size(); i++) {
            Submission s = submissions.get(i);
            if (!s.submitted()) {
                continue;
            }
            String[] cells = new String[ordered.size()];
            for (ExerciseResult e : s.report().exercises()) {
                boolean untouched = Submission.untouched(e);
                for (TestResult t : e.tests()) {
                    TestColumn column = columns.get(t.id());
                    cells[column.index] = cell(t, untouched);
                    column.of++;
                    if (untouched) {
                        column.untouched++;
                        continue;
                    }
                    if (!t.status().equals("not_run")) {
                        column.attempted++;
                    }
                    if (t.status().equals("passed")) {
                        column.passed++;
                    } else if (!t.status().equals("not_run") && !t.status().equals("skipped")) {
                        String message = t.message() == null ? t.status() : t.message();
                        message = message.length() > MESSAGE_CHARS ? message.substring(0, MESSAGE_CHARS) + "…" : message;
                        column.failures.computeIfAbsent(message, m -> new ArrayList<>()).add(i);
                    }
                }
            }
            html.append("<tr data-key=\"").append(i).append("\"><th><a href=\"students/").append(escape(s.page()))
                    .append("\">").append(escape(s.name())).append("</a></th>");
            String exercise = null;
            for (int c = 0; c < cells.length; c++) {
                boolean first = !ordered.get(c).exercise.equals(exercise);
                exercise = ordered.get(c).exercise;
                String kind = cells[c] == null ? "" : cells[c];
                // no closing tag: HTML closes a cell at the next one, and 20,000 cells add up
                html.append("<td class=\"").append(kind).append(first ? " x0" : "").append("\">");
            }
            html.append("</tr>");
        }
        html.append("</tbody><tfoot><tr><th></th>");
        for (TestColumn c : ordered) {
            html.append("<th title=\"").append(escape(c.exercise + ": " + shortId(c.id))).append("\">")
                    .append(c.index + 1).append("</th>");
        }
        html.append("</tr></tfoot></table></div>\n");
    }

    private static void passRates(StringBuilder html, List<Submission> submissions, Map<String, TestColumn> columns) {
        List<TestColumn> ordered = new ArrayList<>(columns.values());
        ordered.sort(Comparator.comparingDouble((TestColumn c) -> c.attempted == 0 ? 2 : (double) c.passed / c.attempted)
                .thenComparing(c -> c.id));
        html.append("<h2 id=\"tests\">Pass rate per test</h2><p class=\"muted\">Hardest first, over the submissions that"
                + " attempted the test: untouched stubs, exercises that did not compile and tests that did not run are left out."
                + " Open a test for the students who failed it, grouped by message.</p><table class=\"pass-rates\"><thead><tr>"
                + "<th>#</th><th>exercise</th><th>test</th><th>passed</th><th>attempted</th><th>untouched</th><th>rate</th></tr></thead>");
        for (TestColumn c : ordered) {
            double percent = c.attempted == 0 ? 0 : 100.0 * c.passed / c.attempted;
            html.append("<tbody class=\"test-row\"><tr><td class=\"num\">").append(c.index + 1).append("</td><td>")
                    .append(escape(c.exercise)).append("</td><td>");
            int failed = c.failures.values().stream().mapToInt(List::size).sum();
            if (failed == 0) {
                html.append(escape(shortId(c.id)));
            } else {
                html.append("<details class=\"drill\"><summary>").append(escape(shortId(c.id))).append(" <span class=\"muted\">(")
                        .append(failed).append(" failed)</span></summary><ul class=\"failures\">");
                List<Map.Entry<String, List<Integer>>> groups = new ArrayList<>(c.failures.entrySet());
                groups.sort(Comparator.comparingInt((Map.Entry<String, List<Integer>> g) -> -g.getValue().size()));
                int shown = 0;
                int rest = 0;
                for (Map.Entry<String, List<Integer>> group : groups) {
                    if (shown++ >= MESSAGES_PER_TEST) {
                        rest += group.getValue().size();
                        continue;
                    }
                    html.append("<li><pre>").append(escape(group.getKey())).append("</pre>").append(group.getValue().size())
                            .append(group.getValue().size() == 1 ? " student: " : " students: ");
                    List<Integer> who = group.getValue();
                    for (int k = 0; k < Math.min(NAMES_PER_MESSAGE, who.size()); k++) {
                        Submission s = submissions.get(who.get(k));
                        html.append(k == 0 ? "" : ", ").append("<a href=\"students/").append(escape(s.page())).append("\">")
                                .append(escape(s.name())).append("</a>");
                    }
                    if (who.size() > NAMES_PER_MESSAGE) {
                        html.append(" and ").append(who.size() - NAMES_PER_MESSAGE).append(" more");
                    }
                    html.append("</li>");
                }
                if (rest > 0) {
                    html.append("<li class=\"muted\">and ").append(rest).append(" students with ")
                            .append(groups.size() - MESSAGES_PER_TEST).append(" other messages</li>");
                }
                html.append("</ul></details>");
            }
            html.append("</td><td class=\"num\">").append(c.passed).append("</td><td class=\"num\">").append(c.attempted)
                    .append("</td><td class=\"num\">").append(c.untouched).append("</td><td>")
                    .append(Charts.gauge(Math.round(percent), 100))
                    .append(String.format(Locale.ROOT, " %.0f%%", percent)).append("</td></tr></tbody>");
        }
        html.append("</table>\n");
    }

    private static void retries(StringBuilder html, List<Submission> submissions) {
        html.append("<h2 id=\"retries\">Timing tests that needed retries</h2>");
        StringBuilder rows = new StringBuilder();
        forEachTest(submissions, (i, s, e, t) -> {
            if (t.attempts() > 1) {
                rows.append("<tr class=\"retry-row\"><td>").append(link(s)).append("</td><td>")
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
        for (Submission s : submissions) {
            Report r = s.report();
            if (!s.submitted()) {
                continue;
            }
            if (!r.status().equals("graded")) {
                crashed.append("<tr class=\"crash-row\"><td>").append(link(s))
                        .append("</td><td>").append(escape(r.status())).append("</td><td>")
                        .append(escape(r.message())).append("</td></tr>");
            }
            for (Report.RunEventRecord event : r.events()) {
                if (CRASH_EVENTS.contains(event.type())) {
                    crashed.append("<tr class=\"crash-row\"><td>").append(link(s))
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
                hung.append("<tr class=\"hung-row\"><td>").append(link(s)).append("</td><td>")
                        .append(escape(shortId(t.id()))).append("</td><td>").append(escape(t.message()))
                        .append("</td></tr>");
            }
        });
        listOrNone(html, hung, "<tr><th>submission</th><th>test</th><th>message</th></tr>", "No test timed out.");
        html.append("<h3>Did not compile</h3>");
        StringBuilder broken = new StringBuilder();
        for (Submission s : submissions) {
            for (ExerciseResult e : s.report().exercises()) {
                if (e.status().equals("compile_error")) {
                    broken.append("<tr class=\"compile-row\"><td>").append(link(s))
                            .append("</td><td>").append(escape(e.id())).append("</td><td>")
                            .append(StudentPage.diagnostics(e)).append("</td></tr>");
                }
            }
        }
        listOrNone(html, broken, "<tr><th>submission</th><th>exercise</th><th>compiler</th></tr>",
                "Every exercise compiled.");
    }

    /** The detail of the report's first event of {@code type}; null when it has none. */
    static String event(Report report, String type) {
        return report.events().stream().filter(e -> type.equals(e.type())).map(Report.RunEventRecord::detail)
                .findFirst().orElse(null);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
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

    private static String link(Submission s) {
        return "<a href=\"students/" + escape(s.page()) + "\">" + escape(s.name()) + "</a>";
    }

    /** A class name from a status: only letters and underscores, whatever the report says. */
    static String css(String status) {
        return status == null ? "" : NOT_CSS.matcher(status).replaceAll("");
    }

    /** {@code UdpClientTest#timesOut} for {@code conclab.udp.UdpClientTest#timesOut}. */
    static String shortId(String id) {
        if (id == null) {
            return "";
        }
        int hash = id.indexOf('#');
        int dot = id.lastIndexOf('.', hash < 0 ? id.length() : hash);
        return dot < 0 ? id : id.substring(dot + 1);
    }
}
