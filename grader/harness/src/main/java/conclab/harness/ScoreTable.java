package conclab.harness;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Points per exercise, added up as test results arrive, and rendered as the table a student
 * sees at the end of {@code mvn test}.
 */
public final class ScoreTable {

    private final Map<String, Row> rows = new TreeMap<>();

    /** Counts one test's result. */
    public synchronized void add(String exercise, int points, boolean passed) {
        rows.merge(exercise, new Row(passed ? 1 : 0, 1, passed ? points : 0, points), Row::plus);
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
                Messages.get(locale, "table.tests"), Messages.get(locale, "table.points"));
        out.append(header).append(nl);
        Row total = new Row(0, 0, 0, 0);
        int hidden = 0;
        for (var entry : rows.entrySet()) {
            Row row = entry.getValue();
            out.append(line(entry.getKey(), row.passed + "/" + row.tests,
                    row.earned + "/" + row.possible)).append(nl);
            total = total.plus(row);
            hidden += hiddenPoints.getOrDefault(entry.getKey(), 0);
        }
        out.append("  ").append("-".repeat(width(header) - 2)).append(nl);
        out.append(line(Messages.get(locale, "table.total"),
                total.passed + "/" + total.tests, total.earned + "/" + total.possible)).append(nl);
        if (hidden > 0) {
            out.append(Messages.get(locale, "table.hidden", hidden)).append(nl);
        }
        return out.toString();
    }

    private static String line(String first, String second, String third) {
        return "  " + first + " ".repeat(Math.max(0, 14 - width(first)))
                + " ".repeat(Math.max(1, 10 - width(second))) + second
                + " ".repeat(Math.max(1, 10 - width(third))) + third;
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

    private record Row(int passed, int tests, int earned, int possible) {
        Row plus(Row other) {
            return new Row(passed + other.passed, tests + other.tests,
                    earned + other.earned, possible + other.possible);
        }
    }
}
