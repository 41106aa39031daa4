package conclab.grader.it;

import static conclab.grader.it.GraderProcess.describe;
import static conclab.grader.it.GraderProcess.tests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test JVM that dies or freezes costs only the test that was running: the grader records why,
 * kills it, and resumes with the remaining tests in a fresh one.
 */
class ForkRecoveryIT {

    /** Submission code that stops its own JVM with SIGSTOP: every thread freezes. */
    private static final String FREEZE_ITSELF =
            "try { new ProcessBuilder(\"kill\", \"-STOP\", \"\" + ProcessHandle.current().pid())"
                    + ".start().waitFor(); } catch (Exception e) { throw new RuntimeException(e); }";

    private static void assertOnlyOneTestLost(Report report, String status, String phrase, String event) {
        List<TestResult> lost = tests(report).stream().filter(t -> !t.status().equals("passed")).toList();
        assertEquals(1, lost.size(), () -> describe(report));
        TestResult test = lost.get(0);
        assertEquals(status, test.status(), test.message());
        assertTrue(test.message().contains(phrase), test.message());
        assertEquals(report.maxScore() - test.points(), report.score());
        assertTrue(report.events().stream().anyMatch(e -> e.type().equals(event)), report.events().toString());
        assertTrue(report.events().stream().anyMatch(e -> e.type().equals("fork_restarted")), report.events().toString());
    }

    @Test
    void systemExitInSubmissionCodeCostsOneTest(@TempDir Path dir) {
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, "conclab.udp.UdpClient", "System.exit(0);");
        GraderProcess.Result result = GraderProcess.grade(submission, dir, "--test-jvms", "1");
        Report report = result.report();

        assertEquals(0, result.exitCode(), result.stderr());
        assertOnlyOneTestLost(report, "error", "exited with status 0", "fork_exited");
    }

    @Test
    void aSubmissionThatRewritesTheTestSuiteIsCaughtBeforeTheNextTestJvm(@TempDir Path dir) {
        // without a sandbox, the submission works in the run's folder, beside the unpacked
        // suite: it overwrites the public tests, then dies, so that a fresh fork would load the
        // forgery (in a sandbox it sees no file of the suite's: SandboxIT)
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, "conclab.udp.UdpClient",
                "try (var jars = java.nio.file.Files.list(java.nio.file.Path.of(\"../suite/public\"))) {"
                        + " for (var jar : jars.toList()) java.nio.file.Files.write(jar, new byte[] {1, 2, 3}); }"
                        + " catch (Exception e) { throw new RuntimeException(e); }"
                        + " Runtime.getRuntime().halt(0);");
        GraderProcess.Result result = GraderProcess.grade(submission, dir, "--test-jvms", "1", "--sandbox", "off");
        Report report = result.report();

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(report.events().stream().anyMatch(e -> e.type().equals("files_modified")), report.events().toString());
        assertTrue(report.score() < report.maxScore(), () -> describe(report));
        assertTrue(tests(report).stream().anyMatch(t -> t.status().equals("error")
                && t.message().contains("changed the grader's files")), () -> describe(report));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aProcessThatEscapedTheTreeIsFoundAndKilled(@TempDir Path dir) throws Exception {
        // the shell starts sleep in the background and exits: sleep is handed over to another
        // parent, out of reach of the fork's descendants, but it carries the run's mark
        String marker = "31" + ProcessHandle.current().pid() % 1000;
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, "conclab.udp.UdpClient",
                "try { new ProcessBuilder(\"sh\", \"-c\", \"sleep " + marker + " >/dev/null 2>&1 &\")"
                        + ".start().waitFor(); } catch (Exception e) { throw new RuntimeException(e); }");
        GraderProcess.Result result = GraderProcess.grade(submission, dir, "--test-jvms", "1");
        Report report = result.report();

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(report.maxScore(), report.score(), () -> describe(report));
        assertTrue(report.events().stream().anyMatch(e -> e.type().equals("processes_killed")),
                report.events().toString());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine()
                        .map(c -> c.endsWith("sleep " + marker)).orElse(false) && running(p)));
    }

    /** Alive and not a zombie: an orphan that was killed stays a zombie where pid 1 does not reap. */
    private static boolean running(ProcessHandle process) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", process.pid() + "", "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aFrozenTestJvmIsKilledAndTheRunResumes(@TempDir Path dir) {
        // SIGSTOP freezes every thread of the submission's JVM, so nothing in it can answer: the
        // test, in the test JVM beside it, sees the call not return, and the frozen JVM is
        // killed and replaced for the tests after it.
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, "conclab.udp.UdpTimeServer",
                FREEZE_ITSELF);
        // a scale that makes the test's own timeout the shorter one: a test killed at a timeout
        // derived from the reference's times would run again, and pass (HostileSubmissionsIT)
        GraderProcess.Result result = GraderProcess.grade(submission, dir, "--test-jvms", "1", "--timing-scale", "3");
        Report report = result.report();

        assertEquals(0, result.exitCode(), result.stderr());
        assertOnlyOneTestLost(report, "timeout", "did not return within", "fork_replaced");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void theWholeRunIsBoundedAndSaysWhatDidNotRun(@TempDir Path dir) {
        // The first test class's submission JVM freezes: its test ends at its derived bound (2 s,
        // times the scale and the load), the run goes on in a fresh test JVM, and the limit
        // strikes before the end, when the frozen test would get its second chance and pass. So
        // the limit must leave the first test JVM time to compile, list the tests and reach that
        // bound on a busy machine (at 3 s, a load of 20 on two cores failed the run before its
        // first test), and be well under the whole run (the exercises below take some 14 s on an
        // idle 2-core machine, the frozen test's bound included). Which class runs first depends
        // on the reference's times the build bundled (the longest first), so every class the
        // tests of these exercises call freezes its JVM, in the run's first submission JVM only;
        // none of them runs in a child JVM, which would freeze in every later run too.
        Path submission = GraderProcess.copyOfReference(dir);
        for (String frozen : List.of("async.BankCounter", "framing.FrameEchoServer", "framing.FrameReader",
                "framing.FrameWriter", "scheduling.Scheduler", "states.ProcessStateMachine", "tcp.TcpEchoClient",
                "tcp.TcpEchoServer", "transfer.FileDigests", "transfer.FileReceiver", "transfer.FileSender",
                "udp.UdpClient", "udp.UdpEchoServer", "udp.UdpTimeServer")) {
            Sabotage.once(submission, "conclab." + frozen, FREEZE_ITSELF);
        }
        GraderProcess.Result result = GraderProcess.grade(submission, dir, "--test-jvms", "1", "--time-limit", "10s",
                "--test-timeout", "60s", "--exercises", "async,framing,scheduling,states,tcp,transfer,udp");
        Report report = result.report();

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(report.events().stream().anyMatch(e -> e.type().equals("time_limit")), report.events().toString());
        assertTrue(tests(report).stream().anyMatch(t -> t.status().equals("timeout")), () -> describe(report));
        assertTrue(tests(report).stream().anyMatch(t -> t.status().equals("not_run")
                && t.message().contains("time limit")), () -> describe(report));
        assertEquals(tests(report).stream().filter(t -> t.status().equals("passed")).mapToInt(TestResult::points).sum(),
                report.score());
    }
}
