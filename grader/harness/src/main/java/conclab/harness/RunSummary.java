package conclab.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a student reads at the end of a test run: each failure once, named by its test, with its
 * message and the hint that fits it, in a few lines; the tests that stopped at a stub's TODO
 * counted per exercise; the exercises that did not compile with the compiler's first message;
 * and the score table last. The same, as Markdown, for a CI job's summary page.
 */
final class RunSummary {

    /** Lines of a failure's message shown on the console; the rest is in Surefire's report. */
    static final int MESSAGE_LINES = 6;
    /** Characters of one line of a message shown on the console. */
    static final int LINE_LENGTH = 500;
    /** Places of TODOs named per exercise. */
    private static final int TODO_PLACES = 3;

    private final RunResults results;
    private final CompileReport compile;
    private final Path reports;

    /**
     * @param reports Surefire's reports folder as the student would type it, where a long
     *                message can be read whole; null if there is none
     */
    RunSummary(RunResults results, CompileReport compile, Path reports) {
        this.results = results;
        this.compile = compile;
        this.reports = reports;
    }

    long failed() {
        return results.tests().stream().filter(t -> t.status() == TestOutcome.Status.FAILED).count();
    }

    long todo() {
        return results.tests().stream().filter(t -> t.status() == TestOutcome.Status.TODO).count();
    }

    int notCompiled() {
        return compile.broken().size();
    }

    ScoreTable table() {
        ScoreTable table = new ScoreTable();
        results.tests().forEach(t -> table.add(t.exercise(), t.points(), t.status()));
        compile.broken().forEach(table::notCompiled);
        return table;
    }

    String title(Locale locale) {
        return Messages.get(locale, results.hiddenRan() ? "table.title.all" : "table.title");
    }

    /** Everything, for the console: failures, TODOs and compile errors per exercise, then the table. */
    String console(Locale locale) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        for (var entry : byExercise().entrySet()) {
            String exercise = entry.getKey();
            String broken = compile.broken().get(exercise);
            if (broken != null) {
                out.append(Messages.get(locale, "summary.notCompiled", exercise, firstLine(broken))).append(nl);
            }
            List<TestOutcome> todos = new ArrayList<>();
            for (TestOutcome test : entry.getValue()) {
                if (test.status() == TestOutcome.Status.FAILED) {
                    out.append(failure(locale, test));
                } else if (test.status() == TestOutcome.Status.TODO) {
                    todos.add(test);
                }
            }
            if (!todos.isEmpty()) {
                out.append(Messages.get(locale, todos.size() == 1 ? "summary.todo.one" : "summary.todo",
                        exercise, todos.size(), String.join(", ", places(todos)))).append(nl);
            }
        }
        results.tests().stream().filter(t -> t.status() == TestOutcome.Status.FAILED).findFirst().ifPresent(first ->
                out.append(nl).append(Messages.get(locale, "summary.again",
                        first.name(), first.exercise())).append(nl));
        out.append(table().render(locale, title(locale), results.hidden()));
        return out.toString();
    }

    private String failure(Locale locale, TestOutcome test) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder(Messages.get(locale, "summary.failed", test.exercise(), test.name())).append(nl);
        List<String> lines = test.message().strip().lines().toList();
        int shown = lines.size() <= MESSAGE_LINES ? lines.size() : MESSAGE_LINES - 1;
        for (String line : lines.subList(0, shown)) {
            out.append("    ").append(cut(line)).append(nl);
        }
        if (shown < lines.size()) {
            String where = reports == null ? "" : reports.resolve(test.testClass() + ".txt").toString();
            out.append("    ").append(Messages.get(locale, "summary.more", lines.size() - shown, where)).append(nl);
        }
        if (!test.hint().isEmpty()) {
            out.append("  ").append(Messages.get(locale, "hint.label", test.hint().strip()).strip()).append(nl);
        }
        return out.toString();
    }

    /** The tests of each exercise, and each exercise that did not compile, by exercise. */
    private Map<String, List<TestOutcome>> byExercise() {
        Map<String, List<TestOutcome>> by = new TreeMap<>();
        compile.broken().keySet().forEach(id -> by.put(id, new ArrayList<>()));
        results.tests().forEach(t -> by.computeIfAbsent(t.exercise(), k -> new ArrayList<>()).add(t));
        return by;
    }

    private static List<String> places(List<TestOutcome> todos) {
        Set<String> places = new LinkedHashSet<>();
        todos.forEach(t -> places.add(t.todo().isEmpty() ? t.name() : t.todo()));
        List<String> named = new ArrayList<>(places).subList(0, Math.min(TODO_PLACES, places.size()));
        List<String> out = new ArrayList<>(named);
        if (places.size() > named.size()) {
            out.add("...");
        }
        return out;
    }

    /** The table and the failures as Markdown (GitHub's job summary). */
    String markdown(Locale locale) {
        StringBuilder out = new StringBuilder(table().markdown(locale, title(locale), results.hidden()));
        Map<String, List<TestOutcome>> by = byExercise();
        StringBuilder list = new StringBuilder();
        for (var entry : by.entrySet()) {
            String broken = compile.broken().get(entry.getKey());
            if (broken != null) {
                list.append("- ").append(Messages.get(locale, "summary.notCompiled", "`" + entry.getKey() + "`", ""))
                        .append("\n\n  ```\n  ").append(broken.strip().replace("\n", "\n  ")).append("\n  ```\n");
            }
            for (TestOutcome test : entry.getValue()) {
                if (test.status() == TestOutcome.Status.FAILED) {
                    list.append("- ").append(Messages.get(locale, "summary.failed", "`" + test.exercise() + "`",
                            "`" + test.name() + "`")).append("\n\n  ```\n  ")
                            .append(String.join("\n  ", test.message().strip().lines().limit(40).toList()))
                            .append("\n  ```\n");
                    if (!test.hint().isEmpty()) {
                        list.append("\n  ").append(Messages.get(locale, "hint.label", test.hint().strip()).strip()).append('\n');
                    }
                }
            }
        }
        if (!list.isEmpty()) {
            out.append("\n").append(list);
        }
        return out.toString();
    }

    /**
     * GitHub Actions' workflow commands for what fails on the student's own code: each exercise
     * that does not compile and each failed test (not the TODOs), at most {@code limit}.
     */
    List<String> annotations(Locale locale, int limit) {
        List<String> out = new ArrayList<>();
        compile.broken().forEach((id, message) -> out.add("::error title=" + escapeProperty(
                id + ": " + Messages.get(locale, "table.status.notCompiled")) + "::" + escape(message.strip())));
        for (TestOutcome test : results.tests()) {
            if (test.status() == TestOutcome.Status.FAILED) {
                String text = test.message().strip() + (test.hint().isEmpty() ? ""
                        : "\n" + Messages.get(locale, "hint.label", test.hint().strip()).strip());
                out.add("::error title=" + escapeProperty(test.exercise() + ": " + test.name()) + "::" + escape(text));
            }
        }
        return out.subList(0, Math.min(limit, out.size()));
    }

    private static String escape(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String escapeProperty(String text) {
        return escape(text).replace(":", "%3A").replace(",", "%2C");
    }

    private static String firstLine(String text) {
        return cut(text.strip().lines().findFirst().orElse(""));
    }

    private static String cut(String line) {
        return line.length() <= LINE_LENGTH ? line : line.substring(0, LINE_LENGTH - 1) + "…";
    }

    /** The exercises the summary names, for tests. */
    Set<String> exercises() {
        return new TreeSet<>(byExercise().keySet());
    }
}
