package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a student reads after a run: each failure once and short, TODOs counted, the table last. */
class RunSummaryTest {

    private static final Locale CHINESE = Locale.forLanguageTag("zh-CN");

    private static TestOutcome failed(String exercise, String name, String message, String hint) {
        return new TestOutcome(exercise, "conclab." + exercise + "." + name.substring(0, name.indexOf('#')), name, 2,
                TestOutcome.Status.FAILED, message, hint, "");
    }

    private static TestOutcome todo(String exercise, String name, String where) {
        return new TestOutcome(exercise, "conclab." + exercise + ".T", name, 1, TestOutcome.Status.TODO,
                "TODO: write it", "", where);
    }

    private static final RunResults RUN = new RunResults(List.of(
            failed("udp", "UdpEchoServerTest#echoes", "The reply is longer than the request\nexpected: <5> but was: <1024>",
                    "Send only packet.getLength() bytes."),
            TestOutcome.passed("udp", "conclab.udp.UdpEchoServerTest", "UdpEchoServerTest#port", 3),
            todo("udp", "UdpClientTest#a", "UdpClient.exchange"),
            todo("udp", "UdpClientTest#b", "UdpClient.exchange"),
            todo("states", "ProcessStateMachineTest#life", "ProcessStateMachine.state"),
            failed("scheduling", "ClassicSchedulesTest#fcfs", String.join("\n", java.util.Collections.nCopies(20, "chart line")), "")),
            Map.of("udp", 13, "states", 6), false);

    private static final CompileReport TCP_BROKEN = new CompileReport(Set.of("udp", "states", "scheduling"),
            Map.of("tcp", "TcpEchoServer.java:42: ';' expected"));

    @Test
    void eachFailureOnceNamedByItsTestWithItsMessageAndHintInAFewLines() {
        String text = new RunSummary(RUN, TCP_BROKEN, Path.of("exercises/target/surefire-reports")).console(Locale.ROOT);
        List<String> lines = text.lines().toList();
        int at = lines.indexOf("udp: UdpEchoServerTest#echoes failed");
        assertTrue(at >= 0, text);
        assertEquals(List.of("    The reply is longer than the request", "    expected: <5> but was: <1024>",
                "  Hint: Send only packet.getLength() bytes."), lines.subList(at + 1, at + 4), text);
        assertEquals(1, count(text, "The reply is longer"), "once: " + text);
        // a long message is cut, and says where the rest is
        int chart = lines.indexOf("scheduling: ClassicSchedulesTest#fcfs failed");
        assertEquals("    ... 15 more lines in " + Path.of("exercises/target/surefire-reports/conclab.scheduling.ClassicSchedulesTest.txt"),
                lines.get(chart + RunSummary.MESSAGE_LINES), text);
        assertEquals(RunSummary.MESSAGE_LINES - 1, count(text, "chart line"), text);
    }

    @Test
    void testsStoppedAtATodoAreOneLinePerExerciseWithNoHintAndTheTableComesLast() {
        String text = new RunSummary(RUN, TCP_BROKEN, null).console(Locale.ROOT);
        assertTrue(text.contains("udp: 2 tests stop at a stub's TODO you have not written yet: UdpClient.exchange\n"
                .replace("\n", System.lineSeparator())), text);
        assertTrue(text.contains("states: 1 test stops at a stub's TODO you have not written yet: ProcessStateMachine.state"), text);
        assertTrue(text.contains("tcp does not compile, so its tests did not run: TcpEchoServer.java:42: ';' expected"), text);
        assertTrue(text.contains("Run one test again: ./mvnw test -Dtest=UdpEchoServerTest#echoes"), text);
        List<String> lines = text.strip().lines().toList();
        assertTrue(lines.get(lines.size() - 1).contains("hidden tests hold 19 more points"), text);
        String table = text.substring(text.indexOf("conclab score"));
        assertTrue(table.lines().anyMatch(l -> l.matches("  udp +1/4 +3/7   1 failed, 2 to do")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("  states +0/1 +0/1   not started")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("  tcp +- +-   does not compile")), table);
        assertTrue(table.contains("Not counted: tcp"), table);
    }

    @Test
    void allStubsFitAFewLinesPerExercise() {
        List<TestOutcome> tests = new java.util.ArrayList<>();
        for (String exercise : List.of("async", "framing", "ipc", "isolation", "join", "process", "scheduling",
                "states", "tcp", "transfer", "udp")) {
            for (int i = 0; i < 10; i++) {
                tests.add(todo(exercise, "T#t" + i, "Stub.m" + (i % 4)));
            }
        }
        String text = new RunSummary(new RunResults(tests, Map.of(), false), CompileReport.none(), null).console(Locale.ROOT);
        assertTrue(text.lines().count() <= 11 + 17, text);
        assertTrue(text.contains("async: 10 tests stop at a stub's TODO you have not written yet: Stub.m0, Stub.m1, Stub.m2, ..."), text);
    }

    @Test
    void inChineseTheColumnsStillLineUp() {
        String text = new RunSummary(RUN, TCP_BROKEN, null).console(CHINESE);
        assertTrue(text.contains("udp：UdpEchoServerTest#echoes 未通过"), text);
        assertTrue(text.contains("  提示：Send only"), text);
        List<String> table = text.substring(text.indexOf("conclab 得分")).lines().toList();
        String header = table.get(1);
        String udp = table.stream().filter(l -> l.startsWith("  udp")).findFirst().orElseThrow();
        // "练习 通过 得分" and "udp 1/4 3/7" end in the same column on screen
        assertEquals(ScoreTable.width(header), ScoreTable.width(udp.substring(0, udp.indexOf("3/7") + 3)), text);
        assertTrue(udp.endsWith("1 个未通过，2 个待完成"), udp);
    }

    @Test
    void markdownForTheJobSummaryAndAnnotationsForWhatTheStudentWrote() {
        RunSummary summary = new RunSummary(RUN, TCP_BROKEN, null);
        String page = summary.markdown(Locale.ROOT);
        assertTrue(page.startsWith("### conclab score (public tests)\n\n| exercise | passed | points | |"), page);
        assertTrue(page.contains("| `udp` | 1/4 | 3/7 | 1 failed, 2 to do |"), page);
        assertTrue(page.contains("| `tcp` | - | - | does not compile |"), page);
        assertTrue(page.contains("- `udp`: `UdpEchoServerTest#echoes` failed"), page);
        List<String> annotations = summary.annotations(Locale.ROOT, 10);
        assertEquals(3, annotations.size(), annotations::toString); // tcp, echoes, fcfs: no TODO
        assertTrue(annotations.get(1).startsWith("::error title=udp%3A UdpEchoServerTest#echoes::The reply is longer"
                + " than the request%0Aexpected: <5> but was: <1024>%0AHint: Send only"), annotations.get(1));
        assertEquals(1, summary.annotations(Locale.ROOT, 1).size());
    }

    @Test
    void theBuildFailsOnlyWhenAsked() {
        RunSummary summary = new RunSummary(RUN, TCP_BROKEN, null);
        assertNull(ScoreTablePrinter.verdict("none", summary, false, Locale.ROOT));
        assertEquals("Something you wrote fails (a stub's TODO does not count): tests that fail: 2; exercises that do not compile: 1.",
                ScoreTablePrinter.verdict("written", summary, false, Locale.ROOT));
        assertTrue(ScoreTablePrinter.verdict("any", summary, false, Locale.ROOT).endsWith("tests that did not pass: 5; exercises that do not compile: 1."));
        RunSummary onlyTodos = new RunSummary(new RunResults(List.of(todo("udp", "T#a", "X.y")), Map.of(), false),
                CompileReport.none(), null);
        assertNull(ScoreTablePrinter.verdict("written", onlyTodos, false, Locale.ROOT), "nothing written yet: green");
        assertTrue(ScoreTablePrinter.verdict("any", onlyTodos, false, Locale.ROOT) != null);
        RunSummary none = new RunSummary(new RunResults(List.of(), Map.of(), false), CompileReport.none(), null);
        assertTrue(ScoreTablePrinter.verdict("written", none, true, Locale.ROOT) != null, "tests that did not finish");
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
