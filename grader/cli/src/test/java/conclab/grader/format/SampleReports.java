package conclab.grader.format;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import conclab.grader.submission.CompilerMessage;
import java.util.List;
import java.util.Map;

/**
 * Reports with every kind of test a format must render: each status, each visibility, weights,
 * a compile error, events, output a viewer could choke on. The hidden tests' texts hold
 * {@link #SECRET}, so that a test can look for it in the bytes a student would get.
 */
final class SampleReports {

    /** In every name, message, hint, output and measurement of a test students must not see. */
    static final String SECRET = "ZebraQuartz";
    static final String HIDDEN_FAILED_ID = "conclab.udp.UdpEchoServerHiddenTest#" + SECRET + "Rounds";

    private SampleReports() {
    }

    static TestResult test(String id, String visibility, int points, String status, String message,
                           String hint, String output, Map<String, String> measurements) {
        boolean passed = status.equals("passed");
        // named as JUnit's display names are: the test class's simple name, then the method
        String name = id.substring(id.lastIndexOf('.') + 1).replace("#", " > ") + "()";
        return new TestResult(id, name, visibility, points,
                passed ? points : 0, status, 120, status.equals("not_run") ? 0 : 1, message, false,
                hint, output, output.length(), false, measurements);
    }

    private static ExerciseResult exercise(String id, String status, double weight,
                                           List<CompilerMessage> diagnostics, List<TestResult> tests) {
        return new ExerciseResult(id, status, tests.stream().mapToInt(TestResult::earned).sum(),
                tests.stream().mapToInt(TestResult::points).sum(), weight, diagnostics, tests);
    }

    /** udp (weight 2): every status and visibility; tcp (weight 0.5): did not compile. */
    static Report mixed() {
        ExerciseResult udp = exercise("udp", "failed", 2, List.of(), List.of(
                test("conclab.udp.UdpEchoServerTest#echoesOneDatagram", "visible", 3, "passed", null, null,
                        "server up on 127.0.0.1:40000\n", Map.of()),
                test("conclab.udp.UdpEchoServerTest#servesInterleavedClients", "visible", 4, "failed",
                        "expected 5 replies, got 2", "Serve each datagram as it comes.", "",
                        Map.of("overlapMs", "0", "overlapBoundMs", "150")),
                test("conclab.udp.UdpClientTest#timesOut", "visible", 2, "error",
                        "java.lang.UnsupportedOperationException: TODO: receive with a timeout", null,
                        "bell\u0007 nul\u0000 escape\u001b[31m < & > ]]> 你好\n", Map.of()),
                test("conclab.udp.UdpClientTest#blocksForever", "visible", 2, "timeout",
                        "did not finish within 10 s; the test JVM was killed", null, "", Map.of()),
                test("conclab.udp.UdpClientTest#neverStarted", "visible", 1, "not_run",
                        "Not run: the test JVM never reported a result for this test.", null, "", Map.of()),
                test("conclab.udp.UdpClientTest#assumed", "visible", 1, "skipped", "assumption failed", null, "", Map.of()),
                test(HIDDEN_FAILED_ID, "hidden", 5, "failed", "expected ten " + SECRET + " replies",
                        "Hint about " + SECRET, SECRET + " printed this\n", Map.of(SECRET + "Ms", "12")),
                test("conclab.udp.UdpEchoServerHiddenTest#" + SECRET + "Passes", "hidden", 2, "passed", null, null,
                        SECRET + " output of a pass\n", Map.of()),
                test("conclab.udp.UdpTimeServerTest#" + SECRET + "Later", "after_due_date", 3, "failed",
                        SECRET + " differs", null, "", Map.of())));
        ExerciseResult tcp = exercise("tcp", "compile_error", 0.5,
                List.of(new CompilerMessage("conclab/tcp/TcpEchoServer.java", 12, 5, "ERROR", "';' expected")),
                List.of(test("conclab.tcp.TcpEchoServerTest#echoes", "visible", 3, "not_run",
                                "Not run: the code of exercise tcp does not compile.", null, "", Map.of()),
                        test("conclab.tcp.TcpEchoServerHiddenTest#" + SECRET + "Resets", "hidden", 3, "not_run",
                                "Not run: the code of exercise tcp does not compile.", null, "", Map.of())));
        return Report.graded(graded(), List.of(udp, tcp), List.of("conclab/harness/Points.java: left out (trusted package)"),
                List.of(new Report.RunEventRecord("fork_killed", HIDDEN_FAILED_ID + ": did not finish within 10 s"),
                        new Report.RunEventRecord("fork_restarted", "a fresh test JVM runs the 3 tests not yet run")));
    }

    /** Every test passed, without weights. */
    static Report allPassed() {
        return Report.graded(graded(), List.of(exercise("states", "passed", 1, List.of(), List.of(
                test("conclab.states.StateMachineTest#legalMoves", "visible", 2, "passed", null, null, "", Map.of()),
                test("conclab.states.StateMachineHiddenTest#history", "hidden", 1, "passed", null, null, "", Map.of())))),
                List.of(), List.of());
    }

    /** Nothing to grade. */
    static Report invalid() {
        return Report.ungraded("invalid_submission", "no Java sources under /tmp/empty/src/main/java", graded());
    }

    static Report.GradedWith graded() {
        return new Report.GradedWith("0.1.0", "abc", "/tmp/submission", "def", "17.0.15", "Linux",
                "2026-11-27T03:00:00Z", 4_321, 3_000,
                new Report.Limits(List.of(), 10_000, 600_000, 1, "512m", 16_384, 3, 1 << 20, 200, 2, 1),
                null, null, null, null, "none", null);
    }
}
