package conclab.process;

import static conclab.harness.BoundedWait.within;
import static conclab.process.ProcessTestKit.CHILD_LIFETIME;
import static conclab.process.ProcessTestKit.expectThrows;
import static conclab.process.ProcessTestKit.quoted;
import static conclab.process.ProcessTestKit.values;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.CodeUnderTest;
import conclab.harness.Hint;
import conclab.harness.Intervals;
import conclab.harness.MeasurementLog;
import conclab.harness.Points;
import conclab.harness.Timing;
import conclab.process.ProcessTasks.Gated;
import conclab.process.ProcessTasks.Greeter;
import conclab.process.ProcessTasks.Lingering;
import conclab.process.ProcessTasks.NeedsACount;
import conclab.process.ProcessTasks.Report;
import conclab.process.ProcessTasks.Talker;
import conclab.process.ProcessTasks.ThrowsItsArgs;
import conclab.process.ProcessTestKit.Gate;
import conclab.process.ProcessTestKit.Launched;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.FutureTask;
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
 * the handle says about them while they run and after. What a child says about itself is checked
 * against the operating system's view from outside ({@code CodeUnderTest}). Each test publishes
 * the child's life and the calls that waited for it, as it saw them ({@link Intervals#CHILDREN}).
 */
@Tag("process")
@Timeout(30)
@ExtendWith(MeasurementLog.class)
class JvmProcessTest {

    static final Pattern DEFAULT_NAME = Pattern.compile("Process-(\\d+)");

    /** Whether a terminated JVM exits with 128 + 15 here (Linux, macOS), not with 1 (Windows). */
    static final boolean SIGNALS = !System.getProperty("os.name", "").startsWith("Windows");

    @Test
    @Points(3)
    @Hint("target")
    void runsATaskClassInAChildJvm() throws Exception {
        List<String> args = List.of("jason", "two words", "", "你好, \"quoted\" -x=1");
        JvmProcess p = JvmProcess.target(Report.class, args.toArray(String[]::new));
        assertTrue(DEFAULT_NAME.matcher(p.name()).matches(), "a new process without a name of its"
                + " own must be called Process-N, but name() returned '" + p.name() + "'");
        assertEquals(args, p.args(), "args() must be the handle's arguments, in order");
        try (Launched child = ProcessTestKit.launch(p)) {
            Map<String, String> seen = joinAndRead(p, child);
            checkWhoTheChildIs(p, child, seen);
            checkArguments(args, seen, p.output());
            assertEquals(p.name(), seen.get("name"), "in the child, CurrentProcess.name() must"
                    + " answer the handle's name " + p.name() + ": pass the name to the child and"
                    + " let SpawnMain tell CurrentProcess." + quoted(p.output()));
        }

        // run() called yourself is an ordinary call: the task runs here, in this JVM
        JvmProcess here = JvmProcess.target(ThrowsItsArgs.class, "in", "this JVM");
        IllegalStateException ran = expectThrows(IllegalStateException.class,
                "JvmProcess.target(ThrowsItsArgs.class, \"in\", \"this JVM\").run()", "run() called"
                        + " directly runs the task right here, with the handle's arguments, and"
                        + " ThrowsItsArgs throws them: the default run() must create the task"
                        + " and call its run(args) (SpawnMain's child calls the same run())",
                here::run);
        assertEquals(ThrowsItsArgs.RAN_WITH + List.of("in", "this JVM"), ran.getMessage(),
                "run() called directly must run the task with the handle's arguments, in order");
        assertEquals(OptionalInt.empty(), here.exitCode(), "run() called directly must not start"
                + " a child, so the handle has no exit code: only start() starts one");
    }

    @Test
    @Points(3)
    @Hint("subclass")
    void runsASubclassRebuiltInTheChildFromItsArguments() throws Exception {
        Greeter p = new Greeter("jack", "two words");
        p.note("changed by the parent after construction");
        p.name("tony");
        assertEquals("tony", p.name(), "name(\"tony\") must rename the process");
        try (Launched child = ProcessTestKit.launch(p)) {
            Map<String, String> seen = joinAndRead(p, child);
            checkWhoTheChildIs(p, child, seen);
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
            assertEquals("tony", seen.get("name-when-built"), "while the child rebuilt the"
                    + " subclass's instance, CurrentProcess.name() said '"
                    + seen.get("name-when-built") + "': SpawnMain must tell CurrentProcess the"
                    + " name before any of the child's code runs, the subclass's constructor"
                    + " included." + quoted(p.output()));
            assertEquals("no", seen.get("args-modifiable"), "in the child, args() let run() add"
                    + " an argument: args() must be unmodifiable (List.copyOf, List.of)."
                    + quoted(p.output()));
        }
    }

    /** Joins a child that ends by itself, and returns the key=value lines it printed. */
    private static Map<String, String> joinAndRead(JvmProcess p, Launched child) throws Exception {
        Intervals lives = Intervals.of(Intervals.CHILDREN);
        String join = "join(" + CHILD_LIFETIME.toSeconds() + " s)";
        lives.begin("parent", join);
        boolean ended = within(CHILD_LIFETIME.plusSeconds(1), p.name() + ".join(...)",
                "join must return once the child has ended.",
                () -> p.join(CHILD_LIFETIME));
        lives.end("parent", join);
        child.seenToEnd();
        assertTrue(ended, "the child should have ended by itself within "
                + CHILD_LIFETIME.toSeconds() + " s, but join(" + CHILD_LIFETIME.toSeconds()
                + " s) returned false." + quoted(p.output()));
        assertTrue(child.ended(), "join(...) returned true, but the operating system says the"
                + " child (pid " + child.pid() + ") still runs: join must wait until it has ended");
        assertEquals(OptionalInt.of(0), p.exitCode(), "the child's work returned normally, so"
                + " exitCode() must be 0 after join()." + quoted(p.output()));
        assertFalse(p.isAlive(), "after join() returned, isAlive() must be false");
        return values(p.output());
    }

    /**
     * Checks what the child said about itself against the child that the test found among the
     * processes of the code under test: its pid, and the parent's.
     */
    private static void checkWhoTheChildIs(JvmProcess p, Launched child, Map<String, String> seen) {
        String output = quoted(p.output());
        if (!seen.containsKey("os-pid")) {
            fail("the child's task never ran (its first line is missing from output()). Does"
                    + " SpawnMain run it, and does the handle collect the child's output?" + output);
        }
        long parent = CodeUnderTest.pid();
        String childPid = String.valueOf(child.pid());
        assertEquals(childPid, seen.get("os-pid"), "the task ran in pid " + seen.get("os-pid")
                + ", but the child that start() created is pid " + childPid + (seen.get("os-pid")
                .equals(String.valueOf(parent)) ? ", and " + parent + " is the parent itself:"
                + " start() must run the task in the new child JVM, not call run() here"
                : ": start() must run SpawnMain in that child, which runs the task there")
                + output);
        assertEquals(String.valueOf(parent), seen.get("os-ppid"), "the child's parent must be the"
                + " JVM that called start() (pid " + parent + "), but the child says it is "
                + seen.get("os-ppid") + ". Start the child JVM directly, with a ProcessBuilder,"
                + " from this JVM." + output);
        assertEquals(childPid, seen.get("pid"), "in the child, CurrentProcess.pid() must be the"
                + " child's own pid " + childPid + output);
        assertEquals(String.valueOf(parent), seen.get("ppid"), "in the child,"
                + " CurrentProcess.parentPid() must be the parent's pid " + parent + output);
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
            long begin = System.nanoTime();
            lives.begin("parent", "start()");
            try (Launched child = ProcessTestKit.startGated(p)) {
                lives.end("parent", "start()");
                assertEquals(p.name(), child.started().name(), "start() must return the handle"
                        + " itself (\"@return this process\"), for JvmProcess.target(...).start()");
                ProcessTestKit.publish(reporter, "startMs", System.nanoTime() - begin,
                        ProcessTestKit.START_BOUND);

                gate.awaitChild(CHILD_LIFETIME, child, p::output);
                lives.begin("child", "held at the gate");
                assertTrue(p.isAlive(), "the child is running (waiting for the test to let it"
                        + " go), so isAlive() must be true");
                assertEquals(OptionalInt.empty(), p.exitCode(), "the child is still running, so"
                        + " exitCode() must be empty, not " + p.exitCode());
                checkReadersAreDaemons();
                awaitOutput(p, ProcessTasks.AT_THE_GATE, "the child printed '"
                        + ProcessTasks.AT_THE_GATE + "' before it began to wait, and it still"
                        + " waits: output() must return what has arrived so far, read by a"
                        + " thread of its own while the child runs (not only once it has ended).");

                // join() waits however long the child takes: begun now, it must not return
                // while the test holds the child (through the join(200 ms) below and after)
                FutureTask<Void> joined = new FutureTask<>(() -> {
                    p.join();
                    return null;
                });
                Thread joiner = new Thread(joined, "process-test-join");
                joiner.setDaemon(true);
                joiner.start();

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
                assertFalse(child.ended(), "the child ended during join(200 ms), before the test"
                        + " let it go" + quoted(p.output()));
                if (joined.isDone()) {
                    joined.get(); // what it threw, if it threw (UnsupportedOperationException)
                    fail("join() returned although the child still runs (the test holds it):"
                            + " join() waits until the child has ended, however long that takes"
                            + " (Process.waitFor(), no timeout of its own).");
                }

                gate.release();
                lives.end("child", "held at the gate");
                lives.begin("parent", "join()");
                within(CHILD_LIFETIME, p.name() + ".join()", "the child ends as soon as the test"
                        + " lets it go; join() must then return.", () -> joined.get());
                lives.end("parent", "join()");
                child.seenToEnd();
                assertTrue(child.ended(), "join() returned, but the child (pid " + child.pid()
                        + ") is still running: join() must wait until it has ended");
                assertEquals(OptionalInt.of(0), p.exitCode(), "the child ended normally, so"
                        + " exitCode() must be 0." + quoted(p.output()));
                assertTrue(p.output().contains("released"), "after join(), output() must hold"
                        + " everything the child printed, here 'released'." + quoted(p.output()));
            }
        }
    }

    /**
     * The handle's reading thread is a daemon ({@code start}: "Starts a daemon thread"): every
     * thread of the code under test running the exercise's code (a frame of a class of this
     * package other than the tests') must be one, or a program would not end while a child runs.
     */
    private static void checkReadersAreDaemons() {
        // the tests' own classes: the kits, and every test class of the package (public or not)
        Set<String> kits = Set.of(ProcessTestKit.class.getName(), ProcessTasks.class.getName());
        for (CodeUnderTest.ThreadView thread : CodeUnderTest.threads()) {
            boolean theExercises = thread.stack().stream().map(StackTraceElement::getClassName)
                    .map(name -> name.contains("$") ? name.substring(0, name.indexOf('$')) : name)
                    .anyMatch(name -> name.startsWith("conclab.process.") && !name.endsWith("Test")
                            && !kits.contains(name));
            if (theExercises && !thread.daemon() && thread.id() != threadId(Thread.currentThread())) {
                fail("the thread '" + thread.name() + "' (" + thread.state() + ") runs the handle's"
                        + " code while the child runs, and is not a daemon: start() must start a"
                        + " daemon thread to read the output (setDaemon(true) before start()), so"
                        + " that a program that ends does not wait for its child.");
            }
        }
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19
    private static long threadId(Thread thread) {
        return thread.getId();
    }

    /** Waits, bounded, until the child's output so far contains {@code text}. */
    private static void awaitOutput(JvmProcess p, String text, String why) {
        Duration bound = Timing.upperBound(Duration.ofMillis(300));
        BoundedWait.announce(bound);
        try {
            await().atMost(bound).dontCatchUncaughtExceptions().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5)).until(() -> p.output().contains(text));
        } catch (ConditionTimeoutException e) {
            fail(why + " After " + bound.toMillis() + " ms, output() was still: "
                    + quoted(p.output()));
        }
    }

    @Test
    @Points(2)
    @Hint("output")
    void theChildsOutputIsReadWhileItRunsWhole(TestReporter reporter) throws Exception {
        try (Gate gate = new Gate()) {
            JvmProcess p = JvmProcess.target(Talker.class, gate.port());
            assertEquals("", ProcessTestKit.outputBeforeStart(p), "before start(), output() must"
                    + " be empty");
            try (Launched child = ProcessTestKit.startGated(p)) {
                gate.awaitChild(CHILD_LIFETIME, child, p::output);
                Intervals lives = Intervals.of(Intervals.CHILDREN);
                lives.begin("child", "held at the gate");
                // "before" and the first byte of 你 came in one write: once "before" is there,
                // the reader has taken that byte too, and the other two come in a later read
                awaitOutput(p, "before", "the child printed 'before' and waits: output() must"
                        + " return what has arrived so far, read by a thread of its own while the"
                        + " child runs.");
                gate.release();
                lives.end("child", "held at the gate");

                Duration bound = Timing.upperBound(Duration.ofSeconds(1));
                lives.begin("parent", "join(...)");
                long begin = System.nanoTime();
                boolean ended = within(bound.plusSeconds(1), p.name() + ".join(...)", "join must"
                        + " return once the child has ended.", () -> p.join(bound));
                long joinNanos = System.nanoTime() - begin;
                lives.end("parent", "join(...)");
                child.seenToEnd();
                ProcessTestKit.publish(reporter, "talkerJoinMs", joinNanos, bound);
                if (!ended) {
                    fail("let go, the child prints 200 KB and ends, but it had not ended "
                            + bound.toMillis() + " ms later (" + (child.ended() ? "the operating"
                            + " system says it has" : "it is still running, most likely blocked"
                            + " writing into a full pipe") + "). A pipe holds only some 64 KB:"
                            + " the handle must keep reading the child's output, on a thread of"
                            + " its own, from start() on, not only once the child has ended."
                            + " Output so far: " + p.output().length() + " characters.");
                }
                String output = p.output();
                String expected = ProcessTasks.talk();
                if (!output.contains(expected)) {
                    int at = firstDifference(output, expected);
                    fail("output() must be exactly what the child wrote, decoded as UTF-8 as a"
                            + " whole (" + expected.length() + " characters, a Chinese character"
                            + " split across two reads, a \\r\\n line end, no line break at the"
                            + " end), but it differs at character " + at + ": expected "
                            + excerpt(expected, at) + ", got " + excerpt(output, at) + ". Keep"
                            + " the bytes as they come and decode them together"
                            + " (ByteArrayOutputStream.toString(UTF_8)), or read through one"
                            + " InputStreamReader; decoding each read() on its own breaks a"
                            + " character in two, and reading lines changes the line ends.");
                }
            }
        }
    }

    private static int firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static String excerpt(String text, int at) {
        if (at >= text.length()) {
            return "the end of the text";
        }
        String part = text.substring(Math.max(0, at - 10), Math.min(text.length(), at + 10));
        StringBuilder shown = new StringBuilder("\"");
        for (char c : part.toCharArray()) {
            shown.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\uFFFD' ? "\\uFFFD"
                    : String.valueOf(c));
        }
        return shown.append('"').toString();
    }

    @Test
    @Points(2)
    @Hint("terminate")
    void terminateEndsTheChild(TestReporter reporter) throws Exception {
        try (Gate gate = new Gate()) {
            JvmProcess p = JvmProcess.target(Lingering.class, gate.port());
            Intervals lives = Intervals.of(Intervals.CHILDREN);
            try (Launched child = ProcessTestKit.startGated(p)) {
                gate.awaitChild(CHILD_LIFETIME, child, p::output);
                assertTrue(p.isAlive(), "the child is running, so isAlive() must be true");

                // Asked to end, the child's shutdown hook holds it until the test lets it go:
                // terminate() must have returned while the child is still there.
                Duration bound = Timing.upperBound(Duration.ofMillis(200));
                long begin = System.nanoTime();
                lives.begin("parent", "terminate()");
                within(bound, p.name() + ".terminate()", "terminate() only asks the operating"
                        + " system to end the child (destroy()) and returns at once, before the"
                        + " child is gone; this child takes its time to end (its shutdown hook"
                        + " waits for the test), so a terminate() that waits for it never"
                        + " returns.", () -> {
                            p.terminate();
                            return null;
                        });
                lives.end("parent", "terminate()");
                ProcessTestKit.publish(reporter, "terminateMs", System.nanoTime() - begin, bound);
                lives.begin("child", "ending, held at the gate");
                if (child.ended()) {
                    fail("right after terminate(), the child (pid " + child.pid() + ") was already"
                            + " gone, although its shutdown hook holds it until the test lets it"
                            + " go: it was killed forcibly (destroyForcibly(), SIGKILL), not asked"
                            + " to end. terminate() is Process.destroy(): SIGTERM, which lets the"
                            + " child's shutdown hooks run.");
                }
                assertTrue(p.isAlive(), "right after terminate() the child is still running (the"
                        + " operating system says so; its shutdown hook holds it), so isAlive()"
                        + " must be true: ask the process, do not assume it is gone");
                assertEquals(OptionalInt.empty(), p.exitCode(), "right after terminate() the child"
                        + " is still running, so exitCode() must be empty");

                gate.release();
                lives.end("child", "ending, held at the gate");
                Duration endBound = Timing.upperBound(Duration.ofSeconds(1));
                long released = System.nanoTime();
                BoundedWait.announce(endBound);
                try {
                    await().atMost(endBound).dontCatchUncaughtExceptions().pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(10)).until(() -> !p.isAlive());
                } catch (ConditionTimeoutException e) {
                    fail("the child was asked to end and then let go, but isAlive() was still true "
                            + endBound.toMillis() + " ms later, although " + (child.ended()
                            ? "the operating system says the child (pid " + child.pid() + ") has"
                            + " ended. Ask the process itself each time (Process.isAlive()); do"
                            + " not keep a flag of your own." : "the child (pid " + child.pid()
                            + ") is also still running. terminate() must ask the operating system"
                            + " to end it: Process.destroy()."));
                }
                ProcessTestKit.publish(reporter, "terminateToEndMs", System.nanoTime() - released,
                        endBound);
                child.seenToEnd();
                assertTrue(child.ended(), "isAlive() says false, but the operating system says"
                        + " the child (pid " + child.pid() + ") still runs");
                OptionalInt code = p.exitCode();
                if (SIGNALS) {
                    assertEquals(OptionalInt.of(143), code, "a child ended by terminate() (SIGTERM)"
                            + " exits with 143 (128 + 15) on Linux and macOS: exitCode() must be"
                            + " the process's exitValue()");
                } else {
                    assertTrue(code.isPresent() && code.getAsInt() != 0, "a terminated child's"
                            + " exit code must be there and not 0, but exitCode() returned " + code);
                }
                within(CHILD_LIFETIME, p.name() + ".join()", "the child has ended; join() must"
                        + " return at once.", () -> {
                            p.join();
                            return null;
                        });
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
        assertEquals("", ProcessTestKit.outputBeforeStart(p), "before start(), output() must be"
                + " empty");

        expectThrows(NullPointerException.class, "JvmProcess.target(Report.class, \"a\", null)",
                "an argument must not be null (the child could only receive the text \"null\"):"
                        + " refuse it when the handle is made, not when it starts",
                () -> JvmProcess.target(Report.class, "a", null));
        expectThrows(IllegalArgumentException.class, "JvmProcess.target(NeedsACount.class)",
                "a child creates the task with its public no-argument constructor, and"
                        + " NeedsACount has none: say so now, not in a child that can only fail",
                () -> JvmProcess.target(NeedsACount.class));
        expectThrows(IllegalArgumentException.class, "JvmProcess.target(ProcessTasks.Private"
                + ".class)", "the class is not public, so a child cannot create it by name",
                () -> JvmProcess.target(ProcessTasks.Private.class));
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
        expectThrows(IllegalArgumentException.class, "JvmProcess.target(\""
                + ProcessTasks.Private.class.getName() + "\")", "the class is not public, so a"
                + " child cannot create it by name",
                () -> JvmProcess.target(ProcessTasks.Private.class.getName()));
        JvmProcess byName = JvmProcess.target(Report.class.getName(), "by", "name");
        assertTrue(byName != null && DEFAULT_NAME.matcher(byName.name()).matches()
                && byName.args().equals(List.of("by", "name")), "target(\"" + Report.class.getName()
                + "\", \"by\", \"name\") must make a handle, Process-N, with those arguments");
    }

    @Test
    @Points(1)
    @Hint("current")
    void theTestJvmIsTheMainProcess() {
        ProcessHandle self = CodeUnderTest.process();
        assertEquals(CodeUnderTest.pid(), CurrentProcess.pid(), "CurrentProcess.pid() must be"
                + " the pid of the JVM it runs in");
        assertEquals(self.parent().map(CodeUnderTest::reportedPid).orElse(-1L),
                CurrentProcess.parentPid(), "CurrentProcess.parentPid() must be the pid of the"
                        + " process that started this JVM");
        assertEquals("MainProcess", CurrentProcess.name(), "a JVM that was not started as a"
                + " JvmProcess is called MainProcess");
    }
}
