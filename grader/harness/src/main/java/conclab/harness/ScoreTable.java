package conclab.harness;

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
    public synchronized String render(String title, Map<String, Integer> hiddenPoints) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append(nl).append(title).append(nl);
        String header = String.format("  %-14s %9s %9s", Messages.get("table.exercise"),
                Messages.get("table.tests"), Messages.get("table.points"));
        out.append(header).append(nl);
        Row total = new Row(0, 0, 0, 0);
        int hidden = 0;
        for (var entry : rows.entrySet()) {
            Row row = entry.getValue();
            out.append(String.format("  %-14s %9s %9s", entry.getKey(),
                    row.passed + "/" + row.tests, row.earned + "/" + row.possible)).append(nl);
            total = total.plus(row);
            hidden += hiddenPoints.getOrDefault(entry.getKey(), 0);
        }
        out.append("  ").append("-".repeat(header.length() - 2)).append(nl);
        out.append(String.format("  %-14s %9s %9s", Messages.get("table.total"),
                total.passed + "/" + total.tests, total.earned + "/" + total.possible)).append(nl);
        if (hidden > 0) {
            out.append(Messages.get("table.hidden", hidden)).append(nl);
        }
        return out.toString();
    }

    private record Row(int passed, int tests, int earned, int possible) {
        Row plus(Row other) {
            return new Row(passed + other.passed, tests + other.tests,
                    earned + other.earned, possible + other.possible);
        }
    }
}
