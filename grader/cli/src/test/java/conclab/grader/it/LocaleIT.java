package conclab.grader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grade --locale} chooses the language of the hints in the report. */
class LocaleIT {

    private static boolean chinese(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private static List<String> hints(Path dir, String locale) {
        GraderProcess.Result result = GraderProcess.grade(GraderProcess.ROOT.resolve("exercises"), dir,
                "--exercises", "states", "--locale", locale);
        assertEquals(0, result.exitCode(), result.stderr());
        Report report = result.report();
        List<String> hints = GraderProcess.tests(report).stream().map(TestResult::hint).toList();
        assertFalse(hints.isEmpty());
        assertTrue(hints.stream().allMatch(h -> h != null), hints::toString);
        return hints;
    }

    @Test
    void hintsInChineseOrEnglish(@TempDir Path dir) {
        assertTrue(hints(dir, "zh_CN").stream().allMatch(LocaleIT::chinese));
        assertTrue(hints(dir, "en").stream().noneMatch(LocaleIT::chinese));
    }

    @Test
    void aBadLocaleIsRefused(@TempDir Path dir) {
        GraderProcess.Result result = GraderProcess.grade(GraderProcess.ROOT.resolve("exercises"), dir,
                "--locale", "chinese!");
        assertEquals(2, result.exitCode(), result.stderr());
        assertTrue(result.stderr().startsWith("conclab-grader: --locale 'chinese!' is not a locale"), result.stderr());
    }
}
