package conclab.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Prints the summary of the test run that {@link ScoreTableListener} left in the build folder:
 * each failure once, what is left to do, what did not compile, and the score table last; then
 * removes the results, so that a later build without tests shows no stale table. The students'
 * build runs it right after Surefire (whose own console output it replaces), in Maven's JVM,
 * which writes to the student's console.
 *
 * <p>{@code ScoreTablePrinter DIR FAILURE_IGNORE FAIL}: {@code DIR} is the build's
 * {@code target/conclab}; {@code FAILURE_IGNORE} is {@code maven.test.failure.ignore}, whose
 * {@code false} fails the build on any test that did not pass, after the table; {@code FAIL}
 * ({@code conclab.fail}) is {@code written} to fail it only on what the student wrote: a test
 * that fails on code that is no longer a stub's TODO, or an exercise that does not compile (what
 * the starter's CI check means), or {@code none}. On GitHub Actions the summary also goes to the
 * job's summary page and the failures become annotations.
 */
public final class ScoreTablePrinter {

    /** The results the listener leaves in the build folder. */
    public static final String RESULTS = "results.properties";
    /** GitHub shows at most this many error annotations of a step. */
    private static final int ANNOTATIONS = 10;

    private ScoreTablePrinter() {
    }

    /** {@code ScoreTablePrinter DIR [FAILURE_IGNORE [FAIL]]} */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            throw new IllegalArgumentException("usage: ScoreTablePrinter DIR [FAILURE_IGNORE [none|written]]");
        }
        Path dir = Path.of(args[0]);
        String fail = args.length > 1 && args[1].strip().equals("false") ? "any"
                : args.length > 2 ? args[2].strip() : "none";
        Path file = dir.resolve(RESULTS);
        CompileReport compile = CompileReport.read(dir.resolve(CompileReport.FILE));
        Locale locale = Messages.readableOn(ConsoleText.charset(), Messages.requested());
        RunResults results = Files.exists(file) ? RunResults.read(file) : null;
        Path reports = shown(dir.toAbsolutePath().getParent().resolve("surefire-reports"));
        RunSummary summary = new RunSummary(results == null ? new RunResults(List.of(), java.util.Map.of(), false)
                : results, compile, reports);
        String text = summary.console(locale);
        boolean unfinished = results == null && testsRan(reports);
        if (unfinished) {
            text = Messages.get(locale, "summary.unfinished", reports) + System.lineSeparator() + text;
        } else if (results == null && compile.broken().isEmpty()) {
            text = Messages.get(locale, "summary.noTests") + System.lineSeparator();
        }
        ConsoleText.print(text, text);
        github(summary, locale);
        Files.deleteIfExists(file);
        String verdict = verdict(fail, summary, unfinished, locale);
        if (verdict != null) {
            throw new Verdict(verdict);
        }
    }

    /** Fails the build after the summary, in one line (Maven shows no stack trace for it). */
    static final class Verdict extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Verdict(String message) {
            super(message, null, false, false);
        }
    }

    /** Why the build must fail, or null. */
    static String verdict(String fail, RunSummary summary, boolean unfinished, Locale locale) {
        long failed = summary.failed() + (fail.equals("any") ? summary.todo() : 0);
        if (fail.equals("none") || failed + summary.notCompiled() == 0 && !unfinished) {
            return null;
        }
        return Messages.get(locale, fail.equals("any") ? "summary.fail.any" : "summary.fail.written",
                failed, summary.notCompiled());
    }

    private static void github(RunSummary summary, Locale locale) throws IOException {
        String page = System.getenv("GITHUB_STEP_SUMMARY");
        if (page != null && !page.isBlank()) {
            Files.writeString(Path.of(page), summary.markdown(locale) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        if ("true".equals(System.getenv("GITHUB_ACTIONS"))) {
            String commands = String.join(System.lineSeparator(), summary.annotations(locale, ANNOTATIONS));
            if (!commands.isEmpty()) {
                ConsoleText.print(commands + System.lineSeparator(), commands + System.lineSeparator());
            }
        }
    }

    /** Whether Surefire wrote a report in this run (the folder is emptied before the tests). */
    private static boolean testsRan(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return false;
        }
        try (Stream<Path> files = Files.list(reports)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("TEST-"));
        }
    }

    /** {@code path} relative to where Maven was started, as the student would type it. */
    private static Path shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        try {
            return path.startsWith(here) ? here.relativize(path) : path;
        } catch (IllegalArgumentException e) {
            return path;
        }
    }
}
