package conclab.process;

import static conclab.process.ProcessTestKit.CHILD_LIFETIME;
import static conclab.process.ProcessTestKit.expectThrows;
import static conclab.process.ProcessTestKit.quoted;
import static conclab.process.ProcessTestKit.values;
import static conclab.process.ProcessTestKit.within;
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
import conclab.harness.Say;
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
 *
 * <p>Every text is in {@code JvmProcessTest.properties} (and {@code _zh_CN}); each check that can
 * fail in its own way carries the hint for that way ({@link Say#hinting}).
 */
@Tag("process")
@Timeout(30)
@ExtendWith(MeasurementLog.class)
class JvmProcessTest {

    private static final Say SAY = Say.of(JvmProcessTest.class);

    static final Pattern DEFAULT_NAME = Pattern.compile("Process-(\\d+)");

    /** Whether a terminated JVM exits with 128 + 15 here (Linux, macOS), not with 1 (Windows). */
    static final boolean SIGNALS = !System.getProperty("os.name", "").startsWith("Windows");

    @Test
    @Points(3)
    @Hint("target")
    void runsATaskClassInAChildJvm() throws Exception {
        List<String> args = List.of("jason", "two words", "", "你好, \"quoted\" -x=1");
        JvmProcess p = JvmProcess.target(Report.class, args.toArray(String[]::new));
        String name = p.name();
        SAY.hinting("defaultName", () -> assertTrue(DEFAULT_NAME.matcher(name).matches(),
                SAY.text("task.defaultName", name)));
        SAY.hinting("argsKept", () -> assertEquals(args, p.args(), SAY.text("task.args")));
        try (Launched child = ProcessTestKit.launch(p)) {
            Map<String, String> seen = joinAndRead(p, child);
            checkWhoTheChildIs(p, child, seen);
            checkArguments(args, seen, p.output());
            SAY.hinting("nameToChild", () -> assertEquals(p.name(), seen.get("name"),
                    SAY.text("task.childName", p.name(), quoted(p.output()))));
        }

        // run() called yourself is an ordinary call: the task runs here, in this JVM
        JvmProcess here = JvmProcess.target(ThrowsItsArgs.class, "in", "this JVM");
        IllegalStateException ran = SAY.hinting("runHere", () -> expectThrows(
                IllegalStateException.class,
                "JvmProcess.target(ThrowsItsArgs.class, \"in\", \"this JVM\").run()",
                SAY.text("task.runHere"), here::run));
        SAY.hinting("runHere", () -> assertEquals(ThrowsItsArgs.RAN_WITH + List.of("in", "this JVM"),
                ran.getMessage(), SAY.text("task.runHereArgs")));
        SAY.hinting("runStartsNothing", () -> assertEquals(OptionalInt.empty(), here.exitCode(),
                SAY.text("task.runNoChild")));
    }

    @Test
    @Points(3)
    @Hint("subclass")
    void runsASubclassRebuiltInTheChildFromItsArguments() throws Exception {
        Greeter p = new Greeter("jack", "two words");
        p.note("changed by the parent after construction");
        p.name("tony");
        SAY.hinting("rename", () -> assertEquals("tony", p.name(), SAY.text("subclass.rename")));
        try (Launched child = ProcessTestKit.launch(p)) {
            Map<String, String> seen = joinAndRead(p, child);
            checkWhoTheChildIs(p, child, seen);
            checkArguments(List.of("jack", "two words"), seen, p.output());
            String output = quoted(p.output());
            SAY.hinting("rebuild", () -> assertEquals("set by the constructor", seen.get("note"),
                    SAY.text("subclass.note", seen.get("note"), output)));
            SAY.hinting("nameRebuilt", () -> assertEquals("tony", seen.get("self-name"),
                    SAY.text("subclass.selfName", output)));
            SAY.hinting("nameToChild", () -> assertEquals("tony", seen.get("name"),
                    SAY.text("subclass.childName", output)));
            SAY.hinting("nameFirst", () -> assertEquals("tony", seen.get("name-when-built"),
                    SAY.text("subclass.nameWhenBuilt", seen.get("name-when-built"), output)));
            SAY.hinting("argsKept", () -> assertEquals("no", seen.get("args-modifiable"),
                    SAY.text("subclass.argsModifiable", output)));
        }
    }

    /** Joins a child that ends by itself, and returns the key=value lines it printed. */
    private static Map<String, String> joinAndRead(JvmProcess p, Launched child) throws Exception {
        Intervals lives = Intervals.of(Intervals.CHILDREN);
        String join = "join(" + CHILD_LIFETIME.toSeconds() + " s)";
        lives.begin("parent", join);
        boolean ended = within(CHILD_LIFETIME.plusSeconds(1), p.name() + ".join(...)",
                SAY.text("join.advice"), () -> p.join(CHILD_LIFETIME));
        lives.end("parent", join);
        child.seenToEnd();
        SAY.hinting("childEnds", () -> assertTrue(ended, SAY.text("join.false",
                CHILD_LIFETIME.toSeconds(), quoted(p.output()))));
        SAY.hinting("joinWaits", () -> assertTrue(child.ended(), SAY.text("join.early",
                child.pid())));
        SAY.hinting("exitValue", () -> assertEquals(OptionalInt.of(0), p.exitCode(),
                SAY.text("join.exitCode", p.exitCode(), quoted(p.output()))));
        SAY.hinting("aliveAsks", () -> assertFalse(p.isAlive(), SAY.text("join.alive")));
        return values(p.output());
    }

    /**
     * Checks what the child said about itself against the child that the test found among the
     * processes of the code under test: its pid, and the parent's.
     */
    private static void checkWhoTheChildIs(JvmProcess p, Launched child, Map<String, String> seen) {
        String output = quoted(p.output());
        if (!seen.containsKey("os-pid")) {
            SAY.hinting("taskRuns", () -> fail(SAY.text("who.neverRan", output)));
        }
        long parent = CodeUnderTest.pid();
        String childPid = String.valueOf(child.pid());
        boolean here = seen.get("os-pid").equals(String.valueOf(parent));
        SAY.hinting(here ? "runInChild" : "taskRuns", () -> assertEquals(childPid,
                seen.get("os-pid"), SAY.text(here ? "who.ranHere" : "who.ranElsewhere",
                        seen.get("os-pid"), childPid, parent, output)));
        SAY.hinting("directChild", () -> assertEquals(String.valueOf(parent), seen.get("os-ppid"),
                SAY.text("who.parent", parent, seen.get("os-ppid"), output)));
        SAY.hinting("currentPid", () -> assertEquals(childPid, seen.get("pid"),
                SAY.text("who.currentPid", childPid, seen.get("pid"), output)));
        SAY.hinting("currentParent", () -> assertEquals(String.valueOf(parent), seen.get("ppid"),
                SAY.text("who.currentParent", parent, seen.get("ppid"), output)));
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
        SAY.hinting("argsWhole", () -> assertEquals(wanted.toString(), got.toString(),
                SAY.text("args.child", quoted(output))));
    }

    @Test
    @Points(3)
    @Hint("start")
    void startReturnsAtOnceWhileTheChildRuns(TestReporter reporter) throws Exception {
        try (Gate gate = new Gate()) {
            JvmProcess p = JvmProcess.target(Gated.class, gate.port());
            SAY.hinting("beforeStart", () -> {
                assertFalse(p.isAlive(), SAY.text("start.aliveBefore"));
                assertEquals(OptionalInt.empty(), p.exitCode(), SAY.text("start.exitBefore",
                        p.exitCode()));
            });
            Intervals lives = Intervals.of(Intervals.CHILDREN);
            long begin = System.nanoTime();
            lives.begin("parent", "start()");
            try (Launched child = ProcessTestKit.startGated(p)) {
                lives.end("parent", "start()");
                SAY.hinting("returnThis", () -> assertEquals(p.name(), child.started().name(),
                        SAY.text("start.returnsHandle")));
                ProcessTestKit.publish(reporter, "startMs", System.nanoTime() - begin,
                        ProcessTestKit.START_BOUND);

                gate.awaitChild(CHILD_LIFETIME, child, p::output);
                lives.begin("child", "held at the gate");
                SAY.hinting("aliveAsks", () -> assertTrue(p.isAlive(), SAY.text("start.alive")));
                SAY.hinting("exitWhileRunning", () -> assertEquals(OptionalInt.empty(),
                        p.exitCode(), SAY.text("start.exitWhileRunning", p.exitCode())));
                checkReadersAreDaemons();
                awaitOutput(p, ProcessTasks.AT_THE_GATE, SAY.text("start.outputSoFar",
                        ProcessTasks.AT_THE_GATE));

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
                boolean ended = SAY.hinting("joinGivesUp", () -> within(waitBound,
                        p.name() + ".join(200 ms)", SAY.text("start.joinTimeoutAdvice"),
                        () -> p.join(wait)));
                long joinNanos = System.nanoTime() - joinBegin;
                lives.end("parent", "join(200 ms)");
                ProcessTestKit.publish(reporter, "joinTimeoutMs", joinNanos, waitBound);
                SAY.hinting("joinSaysFalse", () -> assertFalse(ended, SAY.text("start.joinTrue")));
                SAY.hinting("joinWhole", () -> assertTrue(joinNanos >= wait.toNanos(),
                        SAY.text("start.joinEarly", joinNanos / 1_000_000)));
                assertFalse(child.ended(), SAY.text("start.childEnded", quoted(p.output())));
                if (joined.isDone()) {
                    joined.get(); // what it threw, if it threw (UnsupportedOperationException)
                    SAY.hinting("joinForever", () -> fail(SAY.text("start.joinReturned")));
                }

                gate.release();
                lives.end("child", "held at the gate");
                lives.begin("parent", "join()");
                within(CHILD_LIFETIME, p.name() + ".join()", SAY.text("start.joinAdvice"),
                        () -> joined.get());
                lives.end("parent", "join()");
                child.seenToEnd();
                SAY.hinting("joinWaits", () -> assertTrue(child.ended(), SAY.text("start.stillRuns",
                        child.pid())));
                SAY.hinting("exitValue", () -> assertEquals(OptionalInt.of(0), p.exitCode(),
                        SAY.text("start.exitCode", p.exitCode(), quoted(p.output()))));
                SAY.hinting("joinReadsAll", () -> assertTrue(p.output().contains("released"),
                        SAY.text("start.outputAfterJoin", quoted(p.output()))));
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
                SAY.hinting("daemon", () -> fail(SAY.text("reader.notDaemon", thread.name(),
                        thread.state())));
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
            SAY.hinting("outputLive", () -> fail(SAY.text("output.stillWas", why, bound.toMillis(),
                    quoted(p.output()))));
        }
    }

    @Test
    @Points(2)
    @Hint("output")
    void theChildsOutputIsReadWhileItRunsWhole(TestReporter reporter) throws Exception {
        try (Gate gate = new Gate()) {
            JvmProcess p = JvmProcess.target(Talker.class, gate.port());
            String before = ProcessTestKit.outputBeforeStart(p);
            SAY.hinting("beforeStart", () -> assertEquals("", before, SAY.text("output.before")));
            try (Launched child = ProcessTestKit.startGated(p)) {
                gate.awaitChild(CHILD_LIFETIME, child, p::output);
                Intervals lives = Intervals.of(Intervals.CHILDREN);
                lives.begin("child", "held at the gate");
                // "before" and the first byte of 你 came in one write: once "before" is there,
                // the reader has taken that byte too, and the other two come in a later read
                awaitOutput(p, "before", SAY.text("output.beforeSoFar"));
                gate.release();
                lives.end("child", "held at the gate");

                Duration bound = Timing.upperBound(Duration.ofSeconds(1));
                lives.begin("parent", "join(...)");
                long begin = System.nanoTime();
                boolean ended = within(bound.plusSeconds(1), p.name() + ".join(...)",
                        SAY.text("join.advice"), () -> p.join(bound));
                long joinNanos = System.nanoTime() - begin;
                lives.end("parent", "join(...)");
                child.seenToEnd();
                ProcessTestKit.publish(reporter, "talkerJoinMs", joinNanos, bound);
                if (!ended) {
                    String blocked = SAY.text("output.notEnded", bound.toMillis(), SAY.text(
                            child.ended() ? "output.endedSays" : "output.blocked"),
                            p.output().length());
                    SAY.hinting("drain", () -> fail(blocked));
                }
                String output = p.output();
                String expected = ProcessTasks.talk();
                if (!output.contains(expected)) {
                    int at = firstDifference(output, expected);
                    String differs = SAY.text("output.differs", expected.length(), at,
                            excerpt(expected, at), excerpt(output, at));
                    SAY.hinting("decodeWhole", () -> fail(differs));
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
            return SAY.text("output.end");
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
                SAY.hinting("aliveAsks", () -> assertTrue(p.isAlive(), SAY.text("terminate.alive")));

                // Asked to end, the child's shutdown hook holds it until the test lets it go:
                // terminate() must have returned while the child is still there.
                Duration bound = Timing.upperBound(Duration.ofMillis(200));
                long begin = System.nanoTime();
                lives.begin("parent", "terminate()");
                SAY.hinting("terminateReturns", () -> within(bound, p.name() + ".terminate()",
                        SAY.text("terminate.advice"), () -> {
                            p.terminate();
                            return null;
                        }));
                lives.end("parent", "terminate()");
                ProcessTestKit.publish(reporter, "terminateMs", System.nanoTime() - begin, bound);
                lives.begin("child", "ending, held at the gate");
                if (child.ended()) {
                    SAY.hinting("notForcibly", () -> fail(SAY.text("terminate.forcibly",
                            child.pid())));
                }
                SAY.hinting("aliveAsks", () -> assertTrue(p.isAlive(),
                        SAY.text("terminate.aliveAfter")));
                SAY.hinting("exitWhileRunning", () -> assertEquals(OptionalInt.empty(),
                        p.exitCode(), SAY.text("terminate.exitAfter", p.exitCode())));

                gate.release();
                lives.end("child", "ending, held at the gate");
                Duration endBound = Timing.upperBound(Duration.ofSeconds(1));
                long released = System.nanoTime();
                BoundedWait.announce(endBound);
                try {
                    await().atMost(endBound).dontCatchUncaughtExceptions().pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(10)).until(() -> !p.isAlive());
                } catch (ConditionTimeoutException e) {
                    boolean gone = child.ended();
                    SAY.hinting(gone ? "aliveAsks" : "terminateAsks", () -> fail(SAY.text(gone
                            ? "terminate.staleAlive" : "terminate.stillRuns", endBound.toMillis(),
                            child.pid())));
                }
                ProcessTestKit.publish(reporter, "terminateToEndMs", System.nanoTime() - released,
                        endBound);
                child.seenToEnd();
                SAY.hinting("aliveAsks", () -> assertTrue(child.ended(),
                        SAY.text("terminate.deadAlive", child.pid())));
                OptionalInt code = p.exitCode();
                if (SIGNALS) {
                    SAY.hinting("exitValue", () -> assertEquals(OptionalInt.of(143), code,
                            SAY.text("terminate.code", code)));
                } else {
                    SAY.hinting("exitValue", () -> assertTrue(code.isPresent()
                            && code.getAsInt() != 0, SAY.text("terminate.codeWindows", code)));
                }
                within(CHILD_LIFETIME, p.name() + ".join()", SAY.text("terminate.joinAdvice"),
                        () -> {
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
        assertTrue(first.matches() && second.matches(), SAY.text("names.default", a.name(),
                b.name()));
        int n = Integer.parseInt(first.group(1));
        assertEquals("Process-" + (n + 1), b.name(), SAY.text("names.consecutive", a.name(),
                "Process-" + (n + 1)));

        JvmProcess named = JvmProcess.target(Report.class).name("worker");
        SAY.hinting("rename", () -> assertEquals("worker", named.name(), SAY.text("names.given")));
        SAY.hinting("blankName", () -> expectThrows(IllegalArgumentException.class,
                "name(\"  \")", SAY.text("names.blank"), () -> named.name("  ")));
    }

    @Test
    @Points(2)
    @Hint("misuse")
    void misuseIsRefusedClearly() throws Exception {
        JvmProcess p = JvmProcess.target(Report.class);
        SAY.hinting("notStarted", () -> {
            expectThrows(IllegalStateException.class, SAY.text("call.join"),
                    SAY.text("misuse.join"), p::join);
            expectThrows(IllegalStateException.class, SAY.text("call.joinTimeout"),
                    SAY.text("misuse.neverStarted"), () -> p.join(Duration.ofSeconds(1)));
            expectThrows(IllegalStateException.class, SAY.text("call.pid"),
                    SAY.text("misuse.pid"), p::pid);
            expectThrows(IllegalStateException.class, SAY.text("call.terminate"),
                    SAY.text("misuse.terminate"), p::terminate);
        });
        SAY.hinting("beforeStart", () -> {
            assertFalse(p.isAlive(), SAY.text("misuse.alive"));
            assertEquals(OptionalInt.empty(), p.exitCode(), SAY.text("misuse.exitCode",
                    p.exitCode()));
        });
        String before = ProcessTestKit.outputBeforeStart(p);
        SAY.hinting("beforeStart", () -> assertEquals("", before, SAY.text("output.before")));

        SAY.hinting("nullArgument", () -> expectThrows(NullPointerException.class,
                "JvmProcess.target(Report.class, \"a\", null)", SAY.text("misuse.null"),
                () -> JvmProcess.target(Report.class, "a", null)));
        SAY.hinting("creatable", () -> {
            expectThrows(IllegalArgumentException.class, "JvmProcess.target(NeedsACount.class)",
                    SAY.text("misuse.noConstructor"), () -> JvmProcess.target(NeedsACount.class));
            expectThrows(IllegalArgumentException.class,
                    "JvmProcess.target(ProcessTasks.Private.class)", SAY.text("misuse.notPublic"),
                    () -> JvmProcess.target(ProcessTasks.Private.class));
        });
        IllegalArgumentException missing = SAY.hinting("byName", () -> expectThrows(
                IllegalArgumentException.class, "JvmProcess.target(\"conclab.process.NoSuchTask\")",
                SAY.text("misuse.noSuchClass"),
                () -> JvmProcess.target("conclab.process.NoSuchTask", "x")));
        SAY.hinting("nameTheClass", () -> assertTrue(String.valueOf(missing.getMessage())
                .contains("conclab.process.NoSuchTask"), SAY.text("misuse.classNamed",
                missing.getMessage())));
        SAY.hinting("byName", () -> expectThrows(IllegalArgumentException.class,
                "JvmProcess.target(\"java.lang.String\")", SAY.text("misuse.notATask"),
                () -> JvmProcess.target("java.lang.String")));
        SAY.hinting("creatable", () -> expectThrows(IllegalArgumentException.class,
                "JvmProcess.target(\"" + ProcessTasks.Private.class.getName() + "\")",
                SAY.text("misuse.notPublic"),
                () -> JvmProcess.target(ProcessTasks.Private.class.getName())));
        JvmProcess byName = JvmProcess.target(Report.class.getName(), "by", "name");
        SAY.hinting("byName", () -> assertTrue(byName != null
                && DEFAULT_NAME.matcher(byName.name()).matches()
                && byName.args().equals(List.of("by", "name")), SAY.text("misuse.byName",
                Report.class.getName())));
    }

    @Test
    @Points(1)
    @Hint("current")
    void theTestJvmIsTheMainProcess() {
        ProcessHandle self = CodeUnderTest.process();
        assertEquals(CodeUnderTest.pid(), CurrentProcess.pid(), SAY.text("current.pid"));
        assertEquals(self.parent().map(CodeUnderTest::reportedPid).orElse(-1L),
                CurrentProcess.parentPid(), SAY.text("current.parentPid"));
        assertEquals("MainProcess", CurrentProcess.name(), SAY.text("current.name"));
    }
}
