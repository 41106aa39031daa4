package conclab.process;

import static conclab.process.ProcessTestKit.CHILD_LIFETIME;
import static conclab.process.ProcessTestKit.ended;
import static conclab.process.ProcessTestKit.expectThrows;
import static conclab.process.ProcessTestKit.kill;
import static conclab.process.ProcessTestKit.quoted;
import static conclab.process.ProcessTestKit.seenToEnd;
import static conclab.process.ProcessTestKit.values;
import static conclab.harness.BoundedWait.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.Hint;
import conclab.harness.Intervals;
import conclab.harness.MeasurementLog;
import conclab.harness.Points;
import conclab.harness.Timing;
import conclab.process.ProcessTasks.Gated;
import conclab.process.ProcessTasks.Greeter;
import conclab.process.ProcessTasks.Report;
import conclab.process.ProcessTestKit.Gate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real child JVMs, in both of the lecture's styles: who they are, what they were given, and what
 * the handle says about them while they run and after. Each test publishes the child's life and
 * the calls that waited for it, as it saw them ({@link Intervals#CHILDREN}).
 */
@Tag("process")
@Timeout(30)
@ExtendWith(MeasurementLog.class)
class JvmProcessTest {

    static final Pattern DEFAULT_NAME = Pattern.compile("Process-(\\d+)");

    private static final long TEST_JVM = ProcessHandle.current().pid();

    @Test
    @Points(3)
    @Hint("target")
    void runsATaskClassInAChildJvm() throws Exception {
        List<String> args = List.of("jason", "two words", "");
        JvmProcess p = JvmProcess.target(Report.class, args.toArray(String[]::new));
        assertTrue(DEFAULT_NAME.matcher(p.name()).matches(), "a new process without a name of its"
                + " own must be called Process-N, but name() returned '" + p.name() + "'");
        try {
            long launched = System.nanoTime();
            p.start();
            Intervals.of(Intervals.CHILDREN).begin("child", "lived", launched);
            Map<String, String> seen = joinAndRead(p);
            checkWhoTheChildIs(p, seen);
            checkArguments(args, seen, p.output());
            assertEquals(p.name(), seen.get("name"), "in the child, CurrentProcess.name() must"
                    + " answer the handle's name " + p.name() + ": pass the name to the child and"
                    + " let SpawnMain tell CurrentProcess." + quoted(p.output()));
        } finally {
            kill(p);
        }
    }

    @Test
    @Points(3)
    @Hint("subclass")
    void runsASubclassRebuiltInTheChildFromItsArguments() throws Exception {
        Greeter p = new Greeter("jack", "two words");
        p.note = "changed by the parent after construction";
        p.name("tony");
        assertEquals("tony", p.name(), "name(\"tony\") must rename the process");
        try {
            long launched = System.nanoTime();
            p.start();
            Intervals.of(Intervals.CHILDREN).begin("child", "lived", launched);
            Map<String, String> seen = joinAndRead(p);
            checkWhoTheChildIs(p, seen);
            checkArguments(List.of("jack", "two words"), seen, p.output());
            assertEquals("set by the constructor", seen.get("note"), "the child's instance must be"
                    + " rebuilt there with the subclass's (String...) constructor and the handle's"
                    + " arguments, so it sees the field as the constructor set it; but it saw"
                    + " note=" + seen.get("note") + ". Only the arguments cross over to the child,"
                    + " not the parent's object." + quoted(p.output()));
            assertEquals("tony", seen.get("self-name"), "inside run(), in the child, name() must"
                    + " answer the handle's name 'tony': give the rebuilt instance the name"
                    + " before calling run()." + quoted(p.output()));
            assertEquals("tony", seen.get("name"), "in the child, CurrentProcess.name() must"
                    + " answer the handle's name 'tony'." + quoted(p.output()));
        } finally {
            kill(p);
        }
    }

    /** Joins a child that ends by itself, and returns the key=value lines it printed. */
    private static Map<String, String> joinAndRead(JvmProcess p) throws Exception {
        Intervals lives = Intervals.of(Intervals.CHILDREN);
        String join = "join(" + CHILD_LIFETIME.toSeconds() + " s)";
        lives.begin("parent", join);
        boolean ended = within(CHILD_LIFETIME.plusSeconds(1), p.name() + ".join(...)",
                "join must return once the child has ended.",
                () -> p.join(CHILD_LIFETIME));
        lives.end("parent", join);
        if (ended) {
            lives.end("child", "lived");
        }
        assertTrue(ended, "the child should have ended by itself within "
                + CHILD_LIFETIME.toSeconds() + " s, but join(" + CHILD_LIFETIME.toSeconds()
                + " s) returned false." + quoted(p.output()));
        assertEquals(OptionalInt.of(0), p.exitCode(), "the child's work returned normally, so"
                + " exitCode() must be 0 after join()." + quoted(p.output()));
        assertFalse(p.isAlive(), "after join() returned, isAlive() must be false");
        return values(p.output());
    }

    private static void checkWhoTheChildIs(JvmProcess p, Map<String, String> seen) {
        String output = quoted(p.output());
        if (!seen.containsKey("os-pid")) {
            fail("the child's task never ran (its first line is missing from output()). Does"
                    + " SpawnMain run it, and does the handle collect the child's output?" + output);
        }
        long childPid = Long.parseLong(seen.get("os-pid"));
        assertNotEquals(TEST_JVM, childPid, "the task ran in the test's own JVM (pid " + TEST_JVM
                + "): start() must run it in a new child JVM, not call run() here");
        assertEquals(childPid, p.pid(), "pid() must be the child's pid: the operating system says"
                + " the task ran in pid " + childPid + ", but pid() returned " + p.pid());
        assertEquals(String.valueOf(TEST_JVM), seen.get("os-ppid"), "the child's parent must be"
                + " the JVM that called start() (pid " + TEST_JVM + "), but the operating system"
                + " says it is " + seen.get("os-ppid") + ". Start the child JVM directly, with a"
                + " ProcessBuilder, from this JVM." + output);
        assertEquals(String.valueOf(childPid), seen.get("pid"), "in the child,"
                + " CurrentProcess.pid() must be the child's own pid " + childPid + output);
        assertEquals(String.valueOf(TEST_JVM), seen.get("ppid"), "in the child,"
                + " CurrentProcess.parentPid() must be the parent's pid " + TEST_JVM + output);
    }

    private static void checkArguments(List<String> args, Map<String, String> seen, String output) {
        StringBuilder got = new StringBuilder();
        int argc = Integer.parseInt(seen.getOrDefault("argc", "-1"));
        for (int i = 0; i < argc; i++) {
            got.append(i == 0 ? "" : ", ").append('"').append(seen.get("arg" + i)).append('"');
        }
        StringBuilder wanted = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            wanted.append(i == 0 ? "" : ", ").append('"').append(args.get(i)).append('"');
        }
        assertEquals(wanted.toString(), got.toString(), "the child must receive exactly the"
                + " handle's arguments, each one whole and in order (including an empty one)."
                + quoted(output));
    }

    @Test
    @Points(3)
    @Hint("start")
    void startReturnsAtOnceWhileTheChildRuns(TestReporter reporter) throws Exception {
        try (Gate gate = new Gate()) {
            JvmProcess p = JvmProcess.target(Gated.class, gate.port());
            assertFalse(p.isAlive(), "before start(), isAlive() must be false");
            assertEquals(OptionalInt.empty(), p.exitCode(), "before start(), exitCode() must be"
                    + " empty");
            Intervals lives = Intervals.of(Intervals.CHILDREN);
            try {
                long begin = System.nanoTime();
                lives.begin("parent", "start()");
                ProcessTestKit.startGated(p);
                lives.end("parent", "start()");
                lives.begin("child", "lived", begin);
                ProcessTestKit.publish(reporter, "startMs", System.nanoTime() - begin,
                        ProcessTestKit.START_BOUND);

                long childPid = gate.awaitChild(CHILD_LIFETIME, p.pid(), p::output);
                lives.begin("child", "held at the gate");
                assertEquals(childPid, p.pid(), "pid() must be the child's pid");
                assertTrue(p.isAlive(), "the child is running (waiting for the test to let it"
                        + " go), so isAlive() must be true");
                assertEquals(OptionalInt.empty(), p.exitCode(), "the child is still running, so"
                        + " exitCode() must be empty, not " + p.exitCode());

                Duration wait = Duration.ofMillis(200);
                Duration waitBound = Timing.upperBound(wait.plus(Duration.ofMillis(250)));
                lives.begin("parent", "join(200 ms)");
                long joinBegin = System.nanoTime();
                boolean ended = within(waitBound, p.name() + ".join(200 ms)", "join(timeout)"
                        + " must give up after the timeout while the child still runs.",
                        () -> p.join(wait));
                long joinNanos = System.nanoTime() - joinBegin;
                lives.end("parent", "join(200 ms)");
                ProcessTestKit.publish(reporter, "joinTimeoutMs", joinNanos, waitBound);
                assertFalse(ended, "join(200 ms) returned true, but the child is still running"
                        + " (it waits for the test): join(timeout) must say false then");
                assertTrue(joinNanos >= wait.toNanos(), "join(200 ms) gave up after "
                        + joinNanos / 1_000_000 + " ms: it must wait the whole timeout");

                gate.release();
                lives.end("child", "held at the gate");
                lives.begin("parent", "join()");
                within(CHILD_LIFETIME, p.name() + ".join()", "the child ends as soon as the test"
                        + " lets it go; join() must then return.", () -> {
                            p.join();
                            return null;
                        });
                lives.end("parent", "join()");
                seenToEnd(lives, childPid);
                assertTrue(ended(childPid), "join() returned, but the child (pid " + childPid
                        + ") is still running: join() must wait until it has ended");
                assertEquals(OptionalInt.of(0), p.exitCode(), "the child ended normally, so"
                        + " exitCode() must be 0." + quoted(p.output()));
                assertTrue(p.output().contains("released"), "after join(), output() must hold"
                        + " everything the child printed, here 'released'." + quoted(p.output()));
            } finally {
                gate.close();
                kill(p);
            }
        }
    }

    @Test
    @Points(2)
    @Hint("terminate")
    void terminateEndsTheChild(TestReporter reporter) throws Exception {
        try (Gate gate = new Gate()) {
            JvmProcess p = JvmProcess.target(Gated.class, gate.port());
            Intervals lives = Intervals.of(Intervals.CHILDREN);
            try {
                long launched = System.nanoTime();
                ProcessTestKit.startGated(p);
                lives.begin("child", "lived", launched);
                long childPid = gate.awaitChild(CHILD_LIFETIME, p.pid(), p::output);
                lives.begin("child", "held at the gate");
                assertTrue(p.isAlive(), "the child is running, so isAlive() must be true");

                Duration bound = Timing.upperBound(Duration.ofSeconds(1));
                long begin = System.nanoTime();
                lives.begin("parent", "terminate()");
                within(bound, p.name() + ".terminate()", "terminate() only asks the operating"
                        + " system to end the child (destroy()) and returns; it must not wait.",
                        () -> {
                            p.terminate();
                            return null;
                        });
                lives.end("parent", "terminate()");
                BoundedWait.announce(bound);
                try {
                    await().atMost(bound).dontCatchUncaughtExceptions().pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(10)).until(() -> !p.isAlive());
                } catch (ConditionTimeoutException e) {
                    fail("after terminate(), isAlive() was still true " + bound.toMillis()
                            + " ms later, although " + (ended(childPid) ? "the operating"
                            + " system says the child (pid " + childPid + ") has ended. Ask"
                            + " the process itself each time (Process.isAlive()); do not keep a"
                            + " flag of your own." : "the child (pid " + childPid + ") is also"
                            + " still running. terminate() must ask the operating system to"
                            + " end it: Process.destroy()."));
                }
                ProcessTestKit.publish(reporter, "terminateToEndMs", System.nanoTime() - begin,
                        bound);
                lives.end("child", "held at the gate");
                seenToEnd(lives, childPid);
                assertTrue(ended(childPid), "isAlive() says false, but the operating system says"
                        + " the child (pid " + childPid + ") still runs");
                OptionalInt code = p.exitCode();
                assertTrue(code.isPresent() && code.getAsInt() != 0, "a terminated child's exit"
                        + " code must be there and not 0 (143 on Linux and macOS, 1 on Windows),"
                        + " but exitCode() returned " + code);
                within(CHILD_LIFETIME, p.name() + ".join()", "the child has ended; join() must"
                        + " return at once.", () -> {
                            p.join();
                            return null;
                        });
            } finally {
                gate.close(); // lets the child go, should start() or join() wait for it
                kill(p);
            }
        }
    }

    @Test
    @Points(1)
    @Hint("names")
    void defaultNamesAreConsecutiveAndAGivenNameIsKept() throws Exception {
        JvmProcess a = JvmProcess.target(Report.class);
        JvmProcess b = JvmProcess.target(Report.class);
        Matcher first = DEFAULT_NAME.matcher(a.name());
        Matcher second = DEFAULT_NAME.matcher(b.name());
        assertTrue(first.matches() && second.matches(), "new processes without names of their"
                + " own must be called Process-N, but they were '" + a.name() + "' and '"
                + b.name() + "'");
        int n = Integer.parseInt(first.group(1));
        assertEquals("Process-" + (n + 1), b.name(), "two processes created one after the other"
                + " must get consecutive numbers: after " + a.name() + " comes Process-" + (n + 1));

        JvmProcess named = JvmProcess.target(Report.class).name("worker");
        assertEquals("worker", named.name(), "name(\"worker\") must give the process that name");
        expectThrows(IllegalArgumentException.class, "name(\"  \")", "a name must not be blank",
                () -> named.name("  "));
    }

    @Test
    @Points(2)
    @Hint("misuse")
    void misuseIsRefusedClearly() throws Exception {
        JvmProcess p = JvmProcess.target(Report.class);
        expectThrows(IllegalStateException.class, "join() before start()", "a process that was"
                + " never started can never end, so waiting for it would be forever",
                p::join);
        expectThrows(IllegalStateException.class, "join(1 s) before start()", "the process was"
                + " never started", () -> p.join(Duration.ofSeconds(1)));
        expectThrows(IllegalStateException.class, "pid() before start()", "there is no child"
                + " yet, so no pid", p::pid);
        expectThrows(IllegalStateException.class, "terminate() before start()", "there is no"
                + " child to end", p::terminate);
        assertFalse(p.isAlive(), "a process that was never started is not alive");
        assertEquals(OptionalInt.empty(), p.exitCode(), "a process that was never started has"
                + " no exit code");

        IllegalArgumentException missing = expectThrows(IllegalArgumentException.class,
                "JvmProcess.target(\"conclab.process.NoSuchTask\")", "there is no such class,"
                        + " so no child could ever run it",
                () -> JvmProcess.target("conclab.process.NoSuchTask", "x"));
        assertTrue(String.valueOf(missing.getMessage()).contains("conclab.process.NoSuchTask"),
                "the exception for a class that does not exist must name the class, but its"
                        + " message was: " + missing.getMessage());
        expectThrows(IllegalArgumentException.class, "JvmProcess.target(\"java.lang.String\")",
                "java.lang.String is a class, but not a Task",
                () -> JvmProcess.target("java.lang.String"));
    }

    @Test
    @Points(1)
    @Hint("current")
    void theTestJvmIsTheMainProcess() {
        ProcessHandle self = ProcessHandle.current();
        assertEquals(self.pid(), CurrentProcess.pid(), "CurrentProcess.pid() must be this JVM's"
                + " pid");
        assertEquals(self.parent().map(ProcessHandle::pid).orElse(-1L),
                CurrentProcess.parentPid(), "CurrentProcess.parentPid() must be the pid of the"
                        + " process that started this JVM");
        assertEquals("MainProcess", CurrentProcess.name(), "a JVM that was not started as a"
                + " JvmProcess is called MainProcess");
    }
}
