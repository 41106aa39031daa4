package conclab.grader.summary;

import conclab.grader.report.ExerciseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The class's gradebook as CSV (RFC 4180: fields quoted when they hold a comma, a quote or a
 * line break, quotes doubled, lines ended by CRLF), in UTF-8 with a byte order mark: without
 * it, Excel reads a CSV file in the system's code page and garbles Chinese names; LibreOffice,
 * Python's {@code utf-8-sig} and pandas read the mark as such.
 *
 * <p>One row per submission: its name, the student's id and name (empty when no roster named
 * them), the report's status, the commit graded, the weighted total and maximum, per exercise
 * its points times its weight (so the exercise columns add up to the total; empty when the
 * exercise was not graded for that submission), and the total as a percentage (one decimal).
 * An exercise of weight 0 (graded for feedback) has the column {@code ID (not counted)} with its
 * raw points, which the total leaves out. A roster's student with no report has a row of status
 * {@code not_submitted}: 0 out of the class's usual maximum, so that an LMS records the 0.
 *
 * <p>A text field that a spreadsheet would take for a formula (it starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return) gets a leading {@code '}: the
 * names come from students and rosters, and a gradebook must not run anything when opened.
 */
public final class Gradebook {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Gradebook() {
    }

    /** The gradebook's bytes, byte order mark included. */
    public static byte[] bytes(List<Submission> submissions) {
        byte[] text = text(submissions).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(text, 0, all, BOM.length, text.length);
        return all;
    }

    /** The gradebook's text, without the byte order mark. */
    public static String text(List<Submission> submissions) {
        List<String> exercises = ClassReports.exercises(submissions);
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("submission", "student_id", "student_name",
                "status", "commit", "score", "max_score"));
        java.util.Set<String> feedbackOnly = feedbackOnly(submissions);
        exercises.forEach(id -> header.add(feedbackOnly.contains(id) ? id + " (not counted)" : id));
        header.add("percent");
        row(csv, header);
        for (Submission submission : submissions) {
            List<String> fields = new ArrayList<>();
            fields.add(defused(submission.name()));
            fields.add(defused(submission.studentId()));
            fields.add(defused(submission.studentName()));
            fields.add(defused(submission.report().status()));
            fields.add(defused(submission.report().graded() == null ? null
                    : submission.report().graded().commit()));
            fields.add(number(submission.report().weightedScore()));
            fields.add(number(submission.report().weightedMaxScore()));
            for (String id : exercises) {
                fields.add(submission.report().exercises().stream()
                        .filter(e -> id.equals(e.id())).findFirst()
                        .map(e -> feedbackOnly.contains(id) ? String.valueOf(e.score()) : weighted(e)).orElse(""));
            }
            Double percent = submission.submitted() ? submission.percent() : Double.valueOf(0);
            fields.add(percent == null ? "" : String.format(Locale.ROOT, "%.1f", percent));
            row(csv, fields);
        }
        return csv.toString();
    }

    private static String weighted(ExerciseResult exercise) {
        return number(conclab.grader.report.Points.weighted(exercise));
    }

    /** Exercises of weight 0 wherever the class has them: their column holds raw points. */
    static java.util.Set<String> feedbackOnly(List<Submission> submissions) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        submissions.forEach(s -> s.report().exercises().stream().filter(e -> e.weight() == 0).forEach(e -> ids.add(e.id())));
        return ids;
    }

    /** {@code 12} rather than {@code 12.0}; two decimals at most, a dot as separator. */
    static String number(double value) {
        return conclab.grader.report.Points.format(value);
    }

    /** A text field defused against spreadsheet formulas. */
    static String defused(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return "=+-@\t\r".indexOf(first) >= 0 ? "'" + value : value;
    }

    private static void row(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(quote(fields.get(i)));
        }
        csv.append("\r\n");
    }

    /** A field as RFC 4180 writes it. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0
                && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
