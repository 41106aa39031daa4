package conclab.grader.it;

import static conclab.grader.it.GraderProcess.describe;
import static conclab.grader.it.GraderProcess.exercise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submissions that attack the grader, each a copy of the reference with one class sabotaged
 * (see {@link Sabotage}), graded on two exercises, udp and states: the sabotage hits one, the
 * other must keep all its points. Each must give a complete report, the exact points of the
 * reference for what the sabotage did not touch, a reason that says what happened on what it
 * did, and nothing left behind: no process of the run, no run folder in the grader's temporary
 * folder. Hangs go into states: the udp tests bound each call themselves, so a hang there is
 * seen by the test (a call that did not return), not by the grader's watchdog.
 */
@EnabledOnOs(OS.LINUX)
class HostileSubmissionsIT {

    private static final Set<String> STATUSES = Set.of("passed", "failed", "error", "timeout", "not_run");
    /** The class most sabotages go into; its tests (public and hidden) are named after it. */
    private static final String TARGET = "conclab.udp.UdpTimeServer";
    /** Its tests: a static initialiser that throws costs all of them, in the test JVM it broke. */
    private static final int TARGET_TESTS = 4;
    /** The class hangs go into. */
    private static final String HANGING = "conclab.states.ProcessStateMachine";

    /** A number that names this test run's processes in their command lines. */
    private static String marker(int salt) {
        return salt + "" + (ProcessHandle.current().pid() % 1000 + 1000);
    }

    /** Grades {@code submission} on udp and states, with the grader's temporary folder in {@code dir}. */
    private static Graded grade(Path dir, Path submission, String... options) {
        Path tmp = dir.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> args = Stream.concat(Stream.of("--exercises", "udp,states"), Stream.of(options)).toList();
        GraderProcess.Result result = GraderProcess.grade(List.of("-Djava.io.tmpdir=" + tmp),
                submission, dir, args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.stderr());
        Report report = result.report();
        assertEquals("graded", report.status(), report.message());
        return new Graded(report, tmp);
    }

    record Graded(Report report, Path tmp) {

        /** Every planned test has a status, states keeps all its points, udp loses only {@code lost}. */
        List<TestResult> assertComplete(int lost) {
            return assertComplete("states", lost);
        }

        /** Every planned test has a status, {@code intact} keeps all its points, {@code lost} tests are lost. */
        List<TestResult> assertComplete(String intact, int lost) {
            List<TestResult> tests = GraderProcess.tests(report);
            assertEquals(2, report.exercises().size(), () -> describe(report));
            assertTrue(tests.size() >= 20, () -> describe(report));
            assertTrue(tests.stream().allMatch(t -> STATUSES.contains(t.status())), () -> describe(report));
            ExerciseResult kept = exercise(report, intact);
            assertTrue(kept.maxScore() > 0);
            assertEquals(kept.maxScore(), kept.score(), () -> describe(report));
            List<TestResult> notPassed = tests.stream().filter(t -> !t.status().equals("passed")).toList();
            assertEquals(lost, notPassed.size(), () -> describe(report));
            assertEquals(report.maxScore() - notPassed.stream().mapToInt(TestResult::points).sum(),
                    report.score(), () -> describe(report));
            return notPassed;
        }

        /**
         * The tests lost are {@code count} tests of {@code target}, the first with {@code status}
         * and a message that holds {@code reason}.
         */
        TestResult assertLost(String target, int count, String status, String reason) {
            List<TestResult> lost = assertComplete(target.equals(HANGING) ? "udp" : "states", count);
            assertTrue(lost.stream().allMatch(t -> t.id().startsWith(target)), () -> describe(report));
            TestResult first = lost.get(0);
            assertEquals(status, first.status(), first.message());
            assertTrue(first.message().contains(reason), first.message());
            return first;
        }

        /** No run folder left, no process of the run alive: none with the run folder or {@code markers} in its command line. */
        void assertNothingLeft(String... markers) {
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.allProcesses()
                    .filter(HostileSubmissionsIT::running)
                    .noneMatch(p -> p.info().commandLine().map(c -> c.contains(tmp.toString())
                            || Stream.of(markers).anyMatch(c::contains)).orElse(false)));
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.toList());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /**
         * A class of states that hangs whenever it is loaded: its tests time out with
         * {@code reason} until two have, then the exercise gives up the rest; udp keeps all its
         * points. Two, or one more for each test JVM that ran a test of states beside them: a
         * test already running when the exercise gave up still runs to its end.
         */
        void assertStatesHungAndGaveUp(String reason) {
            List<TestResult> lost = assertComplete("udp", exercise(report, "states").tests().size());
            assertTrue(lost.stream().allMatch(t -> t.id().startsWith(HANGING)), () -> describe(report));
            List<TestResult> hung = lost.stream().filter(t -> t.status().equals("timeout")).toList();
            int testJvms = report.graded().limits().testJvms();
            assertTrue(hung.size() >= 2 && hung.size() <= 1 + testJvms, () -> describe(report));
            // killed by the grader, or timed out by JUnit when the machine's load stretched the grader's bound
            assertTrue(hung.stream().allMatch(t -> t.message().contains(reason)
                    || t.message().contains("timed out")), () -> describe(report));
            assertTrue(lost.stream().filter(t -> !hung.contains(t)).allMatch(t -> t.status().equals("not_run")
                    && t.message().contains("earlier tests of this exercise hung")), () -> describe(report));
            assertTrue(hasEvent("exercise_gave_up"), report.events().toString());
        }

        boolean hasEvent(String type) {
            return report.events().stream().anyMatch(e -> e.type().equals(type));
        }
    }

    /** Alive and not a zombie: a killed orphan stays a zombie where pid 1 does not reap. */
    static boolean running(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", process.pid() + "", "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aBusyLoopThatIgnoresInterruptsCostsOnlyItsExercise(@TempDir Path dir) {
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.always(submission, HANGING, "while (System.nanoTime() != 0) { Thread.interrupted(); }");
        Graded graded = grade(dir, submission);

        graded.assertStatesHungAndGaveUp("did not stop");
        graded.assertNothingLeft();
    }

    @Test
    void aDeadlockCostsOnlyItsExerciseAndANeverEndingThreadNothing(@TempDir Path dir) {
        // the first class deadlocks two threads and waits for them; the second leaves a
        // non-daemon thread running, which must neither keep its test JVM alive nor cost a point
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.always(submission, HANGING,
                "Object a = new Object(), b = new Object();"
                        + " java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);"
                        + " Runnable ab = () -> { synchronized (a) { both.countDown(); try { both.await(); }"
                        + " catch (InterruptedException e) { } synchronized (b) { } } };"
                        + " Runnable ba = () -> { synchronized (b) { both.countDown(); try { both.await(); }"
                        + " catch (InterruptedException e) { } synchronized (a) { } } };"
                        + " Thread t1 = new Thread(ab), t2 = new Thread(ba); t1.start(); t2.start();"
                        + " try { t1.join(); } catch (InterruptedException e) { }");
        Sabotage.once(submission, "conclab.udp.UdpEchoServer",
                "Thread forever = new Thread(() -> { while (System.nanoTime() != 0)"
                        + " java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); }, \"never-ends\");"
                        + " forever.setDaemon(false); forever.start();");
        Graded graded = grade(dir, submission, "--test-jvms", "1");

        graded.assertStatesHungAndGaveUp("did not stop");
        graded.assertNothingLeft();
    }

    @Test
    void aTestCutShortByItsDerivedTimeoutRunsAgainWithItsOwnAndPasses(@TempDir Path dir) {
        // slow once, past 5 times the reference's time but well within the test's own timeout,
        // as a correct submission may be on a busy machine: it must keep its points
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, HANGING, "try { Thread.sleep(3500); } catch (InterruptedException e) { }");
        Graded graded = grade(dir, submission, "--test-jvms", "1");

        graded.assertComplete("udp", 0);
        // on a machine so busy that the derived bound exceeds the test's own, nothing is cut short
        assertEquals(graded.hasEvent("fork_killed"), graded.hasEvent("second_chance"),
                graded.report().events().toString());
        graded.assertNothingLeft();
    }

    @Test
    void runtimeHaltIsNamedWithItsStatus(@TempDir Path dir) {
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, TARGET, "Runtime.getRuntime().halt(7);");
        Graded graded = grade(dir, submission, "--test-jvms", "1");

        graded.assertLost(TARGET, 1, "error", "exited with status 7");
        assertTrue(graded.hasEvent("fork_exited"), graded.report().events().toString());
        graded.assertNothingLeft();
    }

    @Test
    void runningOutOfMemoryIsNamedAsSuch(@TempDir Path dir) {
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, TARGET, "java.util.List<long[]> hog = new java.util.ArrayList<>();"
                + " while (System.nanoTime() != 0) hog.add(new long[1 << 20]);");
        Graded graded = grade(dir, submission, "--test-jvms", "1", "--fork-heap", "96m");

        graded.assertLost(TARGET, 1, "error", "ran out of memory (its heap is 96m)");
        graded.assertNothingLeft();
    }

    @Test
    void aStackOverflowFailsItsTestWithItsName(@TempDir Path dir) {
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, TARGET, "java.util.function.IntUnaryOperator[] deeper ="
                + " new java.util.function.IntUnaryOperator[1];"
                + " deeper[0] = n -> deeper[0].applyAsInt(n + 1) + 1; deeper[0].applyAsInt(0);");
        Graded graded = grade(dir, submission, "--test-jvms", "1");

        graded.assertLost(TARGET, TARGET_TESTS, "error", "java.lang.StackOverflowError");
        graded.assertNothingLeft();
    }

    @Test
    void processesThatOutliveTheirTestAndPortsNeverClosedCostNothing(@TempDir Path dir) {
        // started and forgotten: a sleep in the test JVM's tree, and 500 sockets left bound
        String marker = marker(41);
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, TARGET, "try { new ProcessBuilder(\"sleep\", \"" + marker + "\").start();"
                + " for (int i = 0; i < 250; i++) { new java.net.DatagramSocket(0);"
                + " new java.net.ServerSocket(0); } } catch (java.io.IOException e) { throw new"
                + " java.io.UncheckedIOException(e); }");
        Graded graded = grade(dir, submission, "--test-jvms", "1");

        graded.assertComplete(0);
        assertTrue(graded.hasEvent("processes_killed"), graded.report().events().toString());
        graded.assertNothingLeft("sleep " + marker);
    }

    @Test
    void aSubmissionThatStartsProcessesWithoutEndIsStoppedAtTheCap(@TempDir Path dir) {
        // at most 400 processes whatever happens, so that a cap that failed cannot take the
        // machine down; the cap of 30 must stop it long before
        String marker = marker(42);
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, TARGET, "try { for (int i = 0; i < 400; i++)"
                + " new ProcessBuilder(\"sleep\", \"" + marker + "\").start();"
                + " Thread.sleep(60_000); } catch (Exception e) { throw new RuntimeException(e); }");
        // A cap of 10, not 30: the cap must strike before the test's own bound on the call
        // (750 ms times the scale), and 30 child JVMs starting at once on a busy 2-core machine
        // took longer than that in 2 of 4 full CI runs (the call then ends as a timeout).
        Graded graded = grade(dir, submission, "--test-jvms", "1", "--max-processes", "10");

        graded.assertLost(TARGET, 1, "error", "more than its limit of 10");
        graded.assertNothingLeft("sleep " + marker);
    }

    @Test
    void aSubmissionThatStartsChildJvmsWithoutEndIsStoppedAtTheCap(@TempDir Path dir) {
        // each child a JVM that serves forever; their command lines hold the run's folder
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, TARGET, "try { for (int i = 0; i < 200; i++)"
                + " conclab.lab.ChildJvm.processBuilder(conclab.udp.UdpEchoServer.class).start();"
                + " Thread.sleep(60_000); } catch (Exception e) { throw new RuntimeException(e); }");
        // A cap of 10, not 30: the cap must strike before the test's own bound on the call
        // (750 ms times the scale), and 30 child JVMs starting at once on a busy 2-core machine
        // took longer than that in 2 of 4 full CI runs (the call then ends as a timeout).
        Graded graded = grade(dir, submission, "--test-jvms", "1", "--max-processes", "10");

        graded.assertLost(TARGET, 1, "error", "more than its limit of 10");
        graded.assertNothingLeft();
    }

    @Test
    void systemExitInAStaticInitialiserCostsTheTestsThatLoadTheClass(@TempDir Path dir) {
        // every test JVM that loads the class exits: each of its tests in a fresh one
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.always(submission, TARGET, "System.exit(0);");
        Graded graded = grade(dir, submission);

        graded.assertLost(TARGET, TARGET_TESTS, "error", "exited with status 0");
        assertTrue(graded.report().events().stream().filter(e -> e.type().equals("fork_exited")).count()
                >= TARGET_TESTS, graded.report().events().toString());
        graded.assertNothingLeft();
    }

    @Test
    void floodsOfOutputAndForgedResultsAreKeptAsTextAndBounded(@TempDir Path dir) {
        // 100 MB on stdout and on stderr, through System.out/err and straight to the descriptors
        // the test JVM inherited, with bytes that are not UTF-8, NULs, and lines that imitate
        // the grader's events, a test runner's summary and a finished report
        String forged = "String forged = \"{\\\"type\\\":\\\"finished\\\",\\\"id\\\":\\\"conclab.udp.UdpTimeServerTest#x\\\","
                + "\\\"status\\\":\\\"passed\\\"}\\nTests run: 99, Failures: 0, Errors: 0, Skipped: 0\\n"
                + "{\\\"schemaVersion\\\":1,\\\"status\\\":\\\"graded\\\",\\\"score\\\":1000,\\\"maxScore\\\":1000}\\n\";";
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, TARGET, forged
                + " byte[] junk = new byte[1 << 20]; for (int i = 0; i < junk.length; i++) junk[i] = (byte) (i % 7 == 0 ? 0 : 0xC3 + i % 50);"
                + " byte[] lie = forged.getBytes(java.nio.charset.StandardCharsets.UTF_8);"
                + " try (var rawOut = new java.io.FileOutputStream(java.io.FileDescriptor.out);"
                + " var rawErr = new java.io.FileOutputStream(java.io.FileDescriptor.err)) {"
                + " for (int i = 0; i < 50; i++) { System.out.write(lie); System.out.write(junk);"
                + " System.err.write(junk); rawOut.write(lie); rawOut.write(junk); rawErr.write(junk); } }"
                + " catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }");
        Graded graded = grade(dir, submission, "--test-jvms", "1", "--run-output-limit", "20000");

        graded.assertComplete(0);
        Report report = graded.report();
        assertEquals(GraderProcess.tests(report).size(), GraderProcess.tests(report).stream()
                .map(TestResult::id).distinct().count());
        assertTrue(GraderProcess.tests(report).stream().noneMatch(t -> t.id().endsWith("#x")), () -> describe(report));
        TestResult flooded = GraderProcess.tests(report).stream().filter(t -> t.outputBytes() > 100_000_000)
                .findFirst().orElseThrow(() -> new AssertionError("no test counted 100 MB of output" + describe(report)));
        assertTrue(flooded.output().length() <= 16384 + 200, "kept " + flooded.output().length());
        assertTrue(flooded.outputTruncated());
        assertTrue(GraderProcess.tests(report).stream().anyMatch(t -> t.output() != null
                && t.output().contains("the run's output limit of 20000 bytes was reached")), () -> describe(report));
        graded.assertNothingLeft();
    }

    @Test
    void anExceptionThatLiesLoopsOrThrowsIsReportedFromItsFields(@TempDir Path dir) {
        // getMessage never returns, toString claims a passed assertion of the harness,
        // getLocalizedMessage throws: none of it may run in the grader, nor show in the report
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, TARGET, "class Liar extends RuntimeException {"
                + " Liar() { super(\"the real message\"); }"
                + " @Override public String getMessage() { while (System.nanoTime() != 0) { } return \"\"; }"
                + " @Override public String getLocalizedMessage() { throw new IllegalStateException(\"boom\"); }"
                + " @Override public String toString() { return \"conclab.harness.Passed: all tests passed\"; } }"
                + " if (System.nanoTime() != 0) throw new Liar();");
        Graded graded = grade(dir, submission, "--test-jvms", "1", "--test-timeout", "5s");

        TestResult lost = graded.assertLost(TARGET, TARGET_TESTS, "error", "Liar");
        assertTrue(lost.message().contains("Liar") && lost.message().contains("the real message"), lost.message());
        assertFalse(lost.message().contains("all tests passed"), lost.message());
        graded.assertNothingLeft();
    }

    @Test
    void sourcesInTheGradersOwnPackagesAreLeftOutWithAWarning(@TempDir Path dir) {
        // SubmissionRulesIT covers conclab.harness and org.junit; here the lab helper and the grader
        Path submission = GraderProcess.copyOfReference(dir);
        GraderProcess.write(submission.resolve("src/main/java/conclab/lab/ChildJvm.java"),
                "package conclab.lab;\npublic final class ChildJvm { }\n");
        GraderProcess.write(submission.resolve("src/main/java/conclab/grader/fork/ForkListener.java"),
                "package conclab.grader.fork;\npublic final class ForkListener { }\n");
        Graded graded = grade(dir, submission);

        graded.assertComplete(0);
        assertEquals(2, graded.report().warnings().stream().filter(w -> w.contains("is the grader's own")).count(),
                graded.report().warnings().toString());
        graded.assertNothingLeft();
    }

    @Test
    void aWriteToTheReportFileIsOverwrittenAndReported(@TempDir Path dir) {
        // without a sandbox, the grader's command line, which the submission can read from
        // /proc, names the report (in a sandbox the submission sees neither: SandboxIT)
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, TARGET, "try { for (java.util.Optional<ProcessHandle> up ="
                + " ProcessHandle.current().parent(); up.isPresent(); up = up.get().parent()) {"
                + " String[] args = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(\"/proc/\""
                + " + up.get().pid() + \"/cmdline\"))).split(\"\\0\");"
                + " for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(\"--out\"))"
                + " java.nio.file.Files.writeString(java.nio.file.Path.of(args[i + 1]), \"{\\\"score\\\":1000}\"); }"
                + " } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }");
        Graded graded = grade(dir, submission, "--test-jvms", "1", "--sandbox", "off");

        graded.assertComplete(0);
        assertTrue(graded.hasEvent("report_file_modified"), graded.report().events().toString());
        graded.assertNothingLeft();
    }

    @Test
    void theTestJvmEndsWhenTheGraderIsKilled(@TempDir Path dir) throws IOException {
        // nobody is left to clean up after a grader killed with SIGKILL: its test JVM must
        // notice on its own that its parent is gone, and end
        Path submission = GraderProcess.copyOfReference(dir);
        String marker = marker(9);
        Sabotage.once(submission, HANGING, "try { new ProcessBuilder(\"sleep\", \"" + marker + "\").start(); }"
                + " catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }"
                + " while (System.nanoTime() != 0) { }");
        Process grader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", GraderProcess.JAR.toString(), "grade", submission.toString(),
                "--out", dir.resolve("report.json").toString(), "--exercises", "states", "--timing-scale", "20",
                "--test-jvms", "1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            // the sabotage has struck once its child is there
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> grader.toHandle().descendants()
                    .anyMatch(p -> p.info().commandLine().map(c -> c.contains("sleep " + marker)).orElse(false)));
            ProcessHandle fork = grader.toHandle().descendants()
                    .filter(p -> p.info().commandLine().map(c -> c.contains("ForkMain")).orElse(false))
                    .findFirst().orElseThrow(() -> new AssertionError("no test JVM is running"));
            // the grading JVM that the one java -jar started (Relaunch)
            grader.toHandle().descendants()
                    .filter(p -> p.info().commandLine().map(c -> c.contains("conclab.grader.cli.Main")).orElse(false))
                    .findFirst().orElseThrow(() -> new AssertionError("no grading JVM")).destroyForcibly();
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !running(fork) && ProcessHandle.allProcesses()
                    .filter(HostileSubmissionsIT::running)
                    .noneMatch(p -> p.info().commandLine().map(c -> c.contains("sleep " + marker)).orElse(false)));
        } finally {
            grader.descendants().forEach(ProcessHandle::destroyForcibly);
            grader.destroyForcibly();
        }
    }

    @Test
    void aStoppedGraderRemovesItsRunAtOnce(@TempDir Path dir) throws IOException {
        // Ctrl-C, or a CI job cancelled: SIGTERM to the grader alone
        String marker = marker(43);
        Running running = startHanging(dir, marker);
        try {
            running.grader().toHandle().destroy();
            running.grader().onExit().join();
            new Graded(null, running.tmp()).assertNothingLeft("sleep " + marker);
        } finally {
            running.stop();
        }
    }

    @Test
    void aLauncherKilledOutrightStillHasItsRunRemoved(@TempDir Path dir) throws IOException {
        // SIGKILL to the first JVM alone: the grading JVM it started sees it go, and cleans up
        String marker = marker(45);
        Running running = startHanging(dir, marker);
        try {
            running.grader().toHandle().destroyForcibly();
            running.grader().onExit().join();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> running.grading().isEmpty());
            new Graded(null, running.tmp()).assertNothingLeft("sleep " + marker);
        } finally {
            running.stop();
        }
    }

    @Test
    void whatAKilledGraderLeftIsRemovedByTheNextOne(@TempDir Path dir) throws IOException {
        // SIGKILL (the out-of-memory killer) to the grading JVM leaves no time to clean up: the
        // next grader on the machine does it
        String marker = marker(44);
        Running running = startHanging(dir, marker);
        try {
            ProcessHandle grading = running.grading().orElseThrow();
            grading.destroyForcibly();
            grading.onExit().join();
            running.grader().onExit().join();
            assertTrue(ProcessHandle.allProcesses().filter(HostileSubmissionsIT::running).anyMatch(p -> p.info()
                    .commandLine().map(c -> c.contains("sleep " + marker)).orElse(false)), "the sleep was left");
            try (Stream<Path> left = Files.list(running.tmp())) {
                assertEquals(1, left.count(), "the run's folder was left");
            }

            Path next = dir.resolve("next");
            GraderProcess.copyTree(GraderProcess.ROOT.resolve("solutions/src/main/java/conclab/states"),
                    next.resolve("src/main/java/conclab/states"));
            GraderProcess.Result result = GraderProcess.grade(List.of("-Djava.io.tmpdir=" + running.tmp()),
                    next, dir, "--exercises", "states");
            assertEquals(0, result.exitCode(), result.stderr());
            new Graded(result.report(), running.tmp()).assertNothingLeft("sleep " + marker);
        } finally {
            running.stop();
        }
    }

    /** A grader whose states test started a {@code sleep MARKER} and spins, with its temporary folder. */
    private record Running(Process grader, Path tmp, String marker) {
        /** The JVM that grades: the one {@code java -jar} started, or the one that JVM relaunched. */
        Optional<ProcessHandle> grading() {
            if (!grader.isAlive()) {
                return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                        .map(c -> c.contains("conclab.grader.launcher=" + grader.pid())).orElse(false)).findFirst();
            }
            return grader.children().filter(p -> p.info().commandLine()
                    .map(c -> c.contains("conclab.grader.cli.Main")).orElse(false)).findFirst()
                    .or(() -> Optional.of(grader.toHandle()));
        }

        /** Whatever the test left, should the grader have failed to. */
        void stop() {
            grader.descendants().forEach(ProcessHandle::destroyForcibly);
            grader.destroyForcibly();
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                    .map(c -> c.contains(tmp.toString()) || c.contains("sleep " + marker)).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static Running startHanging(Path dir, String marker) throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, HANGING, "try { new ProcessBuilder(\"sleep\", \"" + marker + "\").start(); }"
                + " catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }"
                + " while (System.nanoTime() != 0) { }");
        Process grader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-jar", GraderProcess.JAR.toString(), "grade", submission.toString(),
                "--out", dir.resolve("report.json").toString(), "--exercises", "states", "--timing-scale", "20",
                "--test-jvms", "1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.allProcesses()
                .anyMatch(p -> p.info().commandLine().map(c -> c.contains("sleep " + marker)).orElse(false)));
        return new Running(grader, tmp, marker);
    }
}
