package conclab.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Points per exercise, added up as test results arrive, and rendered as the table a student
 * sees at the end of {@code mvn test}: tests passed, points earned, and what is left to do
 * ("2 failed", "not started", "does not compile").
 */
public final class ScoreTable {

    private final Map<String, Row> rows = new TreeMap<>();
    private final Map<String, String> notCompiled = new TreeMap<>();

    /** Counts one test's result: passed or failed. */
    public synchronized void add(String exercise, int points, boolean passed) {
        add(exercise, points, passed ? TestOutcome.Status.PASSED : TestOutcome.Status.FAILED);
    }

    /** Counts one test's result. */
    public synchronized void add(String exercise, int points, TestOutcome.Status status) {
        boolean passed = status == TestOutcome.Status.PASSED;
        rows.merge(exercise, new Row(passed ? 1 : 0, 1, passed ? points : 0, points,
                status == TestOutcome.Status.FAILED ? 1 : 0, status == TestOutcome.Status.TODO ? 1 : 0), Row::plus);
    }

    /** An exercise whose code did not compile: none of its tests ran, none count. */
    public synchronized void notCompiled(String exercise, String message) {
        notCompiled.put(exercise, message);
    }

    /**
     * The table, with a closing line on the points that hidden tests hold for the exercises shown.
     *
     * @param title        the first line
     * @param hiddenPoints hidden points per exercise id (exercises not shown are ignored)
     */
    public String render(String title, Map<String, Integer> hiddenPoints) {
        return render(Messages.locale(), title, hiddenPoints);
    }

    /** The table in {@code locale}'s words. */
    public synchronized String render(Locale locale, String title, Map<String, Integer> hiddenPoints) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append(nl).append(title).append(nl);
        String header = line(Messages.get(locale, "table.exercise"),
                Messages.get(locale, "table.tests"), Messages.get(locale, "table.points"), "");
        out.append(header.stripTrailing()).append(nl);
        Row total = new Row(0, 0, 0, 0, 0, 0);
        int hidden = 0;
        for (String exercise : exercises()) {
            Row row = rows.get(exercise);
            if (row == null) {
                out.append(line(exercise, "-", "-", Messages.get(locale, "table.status.notCompiled")));
            } else {
                out.append(line(exercise, row.passed + "/" + row.tests, row.earned + "/" + row.possible,
                        status(locale, row)));
                total = total.plus(row);
            }
            out.append(nl);
            hidden += hiddenPoints.getOrDefault(exercise, 0);
        }
        out.append("  ").append("-".repeat(width(header.stripTrailing()) - 2)).append(nl);
        out.append(line(Messages.get(locale, "table.total"),
                total.passed + "/" + total.tests, total.earned + "/" + total.possible, "").stripTrailing()).append(nl);
        if (!notCompiled.isEmpty()) {
            out.append(Messages.get(locale, "table.notCounted", String.join(", ", notCompiled.keySet()))).append(nl);
        }
        if (hidden > 0) {
            out.append(Messages.get(locale, "table.hidden", hidden)).append(nl);
        }
        return out.toString();
    }

    /** The table as Markdown, for a CI job's summary page. */
    public synchronized String markdown(Locale locale, String title, Map<String, Integer> hiddenPoints) {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        out.append("| ").append(Messages.get(locale, "table.exercise")).append(" | ")
                .append(Messages.get(locale, "table.tests")).append(" | ")
                .append(Messages.get(locale, "table.points")).append(" | |\n|---|---:|---:|---|\n");
        Row total = new Row(0, 0, 0, 0, 0, 0);
        int hidden = 0;
        for (String exercise : exercises()) {
            Row row = rows.get(exercise);
            if (row == null) {
                out.append("| `").append(exercise).append("` | - | - | ")
                        .append(Messages.get(locale, "table.status.notCompiled")).append(" |\n");
            } else {
                out.append("| `").append(exercise).append("` | ").append(row.passed).append('/').append(row.tests)
                        .append(" | ").append(row.earned).append('/').append(row.possible).append(" | ")
                        .append(status(locale, row)).append(" |\n");
                total = total.plus(row);
            }
            hidden += hiddenPoints.getOrDefault(exercise, 0);
        }
        out.append("| **").append(Messages.get(locale, "table.total")).append("** | **").append(total.passed)
                .append('/').append(total.tests).append("** | **").append(total.earned).append('/')
                .append(total.possible).append("** | |\n");
        if (hidden > 0) {
            out.append('\n').append(Messages.get(locale, "table.hidden", hidden).strip()).append('\n');
        }
        return out.toString();
    }

    private List<String> exercises() {
        List<String> all = new ArrayList<>(rows.keySet());
        notCompiled.keySet().stream().filter(id -> !rows.containsKey(id)).forEach(all::add);
        all.sort(null);
        return all;
    }

    private static String status(Locale locale, Row row) {
        List<String> parts = new ArrayList<>();
        if (row.failed > 0) {
            parts.add(Messages.get(locale, "table.status.failed", row.failed));
        }
        if (row.todo > 0) {
            parts.add(row.passed == 0 && row.failed == 0 ? Messages.get(locale, "table.status.todo")
                    : Messages.get(locale, "table.status.toDo", row.todo));
        }
        if (parts.isEmpty()) {
            parts.add(Messages.get(locale, "table.status.passed"));
        }
        return String.join(Messages.get(locale, "list.separator"), parts);
    }

    private static String line(String first, String second, String third, String status) {
        return "  " + first + " ".repeat(Math.max(0, 14 - width(first)))
                + " ".repeat(Math.max(1, 10 - width(second))) + second
                + " ".repeat(Math.max(1, 10 - width(third))) + third
                + (status.isEmpty() ? "" : "   " + status);
    }

    /** Columns a text takes on a terminal: a Chinese character takes two. */
    static int width(String text) {
        return text.codePoints().map(c -> isWide(c) ? 2 : 1).sum();
    }

    private static boolean isWide(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN
                || (c >= 0x3000 && c <= 0x303F) // CJK punctuation
                || (c >= 0xFF00 && c <= 0xFF60); // full-width forms
    }

    private record Row(int passed, int tests, int earned, int possible, int failed, int todo) {
        Row plus(Row other) {
            return new Row(passed + other.passed, tests + other.tests, earned + other.earned,
                    possible + other.possible, failed + other.failed, todo + other.todo);
        }
    }
}
