package conclab.grader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summarize} of a class of 200 ({@link SyntheticClass}) and 5 more on the roster who
 * submitted nothing, in a heap of 256 MB, and its dashboard in a real headless Chromium: small
 * enough to open (at most 3 MB), and its search and filters work.
 */
class ClassOf200IT {

    static final int CLASS = 200;
    static final int ABSENT = 5;
    /** The page's bound: a class of 200 at a glance, not 25 MB of stack traces. */
    static final long MAX_BYTES = 3L * 1024 * 1024;

    @TempDir
    static Path dir;
    static Path out;
    static GraderProcess.Result summary;
    static long millis;

    @BeforeAll
    static void summarizeTheClass() throws IOException {
        Path reports = dir.resolve("reports");
        SyntheticClass.write(reports, dir.resolve("roster.csv"), CLASS, ABSENT);
        out = dir.resolve("summary");
        long start = System.nanoTime();
        summary = GraderProcess.run(List.of("-Xmx256m"), out.resolve("gradebook.csv"), "summarize", reports.toString(),
                "--out", out.toString(), "--roster", dir.resolve("roster.csv").toString());
        millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("summarize of %d: %d ms, dashboard %d bytes%n", CLASS, millis, Files.size(out.resolve("dashboard.html")));
    }

    @Test
    void fitsA256MbHeapAndWritesAPagePerStudent() throws IOException {
        assertEquals(0, summary.exitCode(), summary.stderr());
        // loose against a busy machine: idle it takes about a second (README)
        assertTrue(millis < 30_000, millis + " ms");
        long size = Files.size(out.resolve("dashboard.html"));
        assertTrue(size <= MAX_BYTES, size + " bytes");
        try (Stream<Path> pages = Files.list(out.resolve("students")); Stream<Path> feedback = Files.list(out.resolve("feedback"))) {
            assertEquals(CLASS, pages.count());
            assertEquals(CLASS, feedback.count());
        }
        List<String> rows = Files.readAllLines(out.resolve("gradebook.csv"), StandardCharsets.UTF_8);
        assertEquals(1 + CLASS + ABSENT, rows.size());
        String absent = rows.stream().filter(r -> r.startsWith("student-0203,2026203,")).findFirst().orElseThrow();
        assertTrue(absent.endsWith(",not_submitted,,0,341,,,,,,,,,,,,0.0"), absent);
        String stub = Files.readString(out.resolve("students/student-0005.html"));
        assertEquals(1, count(stub, "TODO: write udp case 0\n"), "a message is shown in full once");
        assertTrue(stub.contains("<svg class=\"chart timeline\""), "the timelines as before");
        String feedback = Files.readString(out.resolve("feedback/student-0005.html"));
        assertFalse(feedback.contains("HiddenTest"), "the feedback names no hidden test");
    }

    @Test
    void theDashboardServesTheClassAtAGlanceInABrowser() {
        Path page = out.resolve("dashboard.html");
        String dom = HeadlessBrowser.dumpDom(page, "count=1", dir.resolve("chromium-all"));
        assertTrue(dom.contains("data-sortable=\"yes\""), "the page's own script ran");
        int nodes = Integer.parseInt(attribute(dom, "data-nodes"));
        System.out.printf("dashboard of %d: %d DOM nodes%n", CLASS, nodes);
        assertTrue(nodes < 150_000, nodes + " DOM nodes");
        assertEquals(String.valueOf(CLASS + ABSENT), attribute(dom, "data-shown"));
        assertEquals(CLASS + ABSENT, count(dom, "<tr class=\"submission-row\""));
        assertEquals(CLASS, count(dom, "<tr data-key="), "a matrix row per submission");
        assertTrue(dom.contains("<details class=\"drill\">"), "tests drill down");
        assertFalse(dom.contains("<details class=\"drill\" open"), "collapsed");

        String one = HeadlessBrowser.dumpDom(page, "q=student-0042", dir.resolve("chromium-one"));
        assertEquals("1", attribute(one, "data-shown"));
        assertEquals(CLASS + ABSENT - 1, (int) Pattern.compile("<tr class=\"submission-row\"[^>]* hidden=\"\"").matcher(one).results().count());
        assertTrue(Pattern.compile("<tr class=\"submission-row\" data-key=\"42\"[^>]*\"><td>").matcher(one).find(), "student 42 shown");

        String absent = HeadlessBrowser.dumpDom(page, "status=not_submitted", dir.resolve("chromium-absent"));
        assertEquals(String.valueOf(ABSENT), attribute(absent, "data-shown"));

        long stubs = IntStream.range(0, CLASS).filter(i -> SyntheticClass.kind(i) == SyntheticClass.Kind.STUB).count();
        String untouched = HeadlessBrowser.dumpDom(page, "exercise=udp&exstatus=untouched", dir.resolve("chromium-stub"));
        assertEquals(String.valueOf(stubs), attribute(untouched, "data-shown"));

        long full = IntStream.range(0, CLASS).filter(i -> SyntheticClass.kind(i) == SyntheticClass.Kind.FULL).count();
        String top = HeadlessBrowser.dumpDom(page, "min=100&max=100", dir.resolve("chromium-top"));
        assertEquals(String.valueOf(full), attribute(top, "data-shown"));
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile("<body[^>]* " + name + "=\"([^\"]*)\"").matcher(dom);
        assertTrue(m.find(), "no " + name + " on the body");
        return m.group(1);
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }
}
