package conclab.join;

import static conclab.join.JoinTestKit.CONCURRENT;
import static conclab.join.JoinTestKit.SERIAL;
import static conclab.join.JoinTestKit.checkChildren;
import static conclab.join.JoinTestKit.ended;
import static conclab.join.JoinTestKit.ms;
import static conclab.join.JoinTestKit.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.CodeUnderTest;
import conclab.harness.Hint;
import conclab.harness.MeasurementLog;
import conclab.harness.Points;
import conclab.harness.Timing;
import conclab.harness.TimingTest;
import conclab.join.JoinTestKit.Run;
import conclab.lab.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hidden: the child program on its own, where the joins are, and a consistent timeline. */
@Tag("join")
@ExtendWith({MeasurementLog.class, JoinTestKit.OncePerTestRun.class})
@Timeout(60)
class JoinHiddenTest {

    private static final String SERIAL_RUN = "Joiner.serial(" + JoinTestKit.describe(SERIAL) + ")";
    private static final String CONCURRENT_RUN =
            "Joiner.concurrent(" + JoinTestKit.describe(CONCURRENT) + ")";

    @TimingTest
    @Points(1)
    @Hint("sleeper")
    void sleeperRefusesWrongArgumentsAndPrintsItsTwoLinesAroundItsSleep(TestReporter reporter)
            throws Exception {
        for (String[] wrong : new String[][] {{"tony"}, {"tony", "soon"}, {"tony", "-5"},
                {"tony", "5", "extra"}}) {
            refuses(IllegalArgumentException.class, "Sleeper.main(" + String.join(", ", wrong)
                    + ")", () -> Sleeper.main(wrong));
        }
        // A sleep of 0 ms is a sleep like any other (here, where the test can see the checks).
        Sleeper.main(new String[] {"tony", "0"});
        Duration sleep = Duration.ofMillis(300);
        Process child = ChildJvm.processBuilder(Sleeper.class, "tony", "300")
                .redirectErrorStream(true).start();
        try {
            child.getOutputStream().close();
            List<String> lines = new ArrayList<>();
            List<Long> arrivals = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(
                        child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                            arrivals.add(System.nanoTime());
                        }
                    }
                } catch (java.io.IOException e) {
                    // the child is gone
                }
            }, "sleeper-output");
            reader.setDaemon(true);
            reader.start();
            boolean done = child.waitFor(20, TimeUnit.SECONDS);
            reader.join(2_000);
            List<String> seen;
            synchronized (lines) {
                seen = List.copyOf(lines);
            }
            String output = String.join("\n", seen);
            if (output.contains("UnsupportedOperationException")) {
                fail("Sleeper.main threw in the child:\n" + output);
            }
            assertTrue(done, "'Sleeper tony 300' did not end within 20 s; it printed:\n" + output);
            assertEquals(0, child.exitValue(), "'Sleeper tony 300' must end normally (exit code"
                    + " 0); it printed:\n" + output);
            assertEquals(List.of("tony began", "tony ended"), seen, "'Sleeper tony 300' must"
                    + " print exactly two lines, 'tony began' and then 'tony ended'");
            long apart = arrivals.get(1) - arrivals.get(0);
            Duration bound = Timing.upperBound(sleep.plus(Duration.ofMillis(250)));
            JoinTestKit.publish(reporter, "sleeperWorkMs", Duration.ofNanos(apart), bound);
            assertTrue(apart >= sleep.dividedBy(10).toNanos(), "'tony began' and 'tony ended'"
                    + " arrived only " + apart / 1_000_000 + " ms apart: print 'began' first,"
                    + " then sleep 300 ms, then print 'ended'");
            Timing.assertWithin(Duration.ofNanos(apart), bound, "from 'tony began' to 'tony ended'",
                    "The sleep is 300 ms: milliseconds, not seconds.");
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
    }

    @Test
    @Points(2)
    @Hint("serialJoins")
    void serialJoinsEachChildBeforeStartingTheNext() throws Exception {
        Run run = JoinTestKit.serialRun();
        Timeline timeline = run.timeline();
        checkChildren(timeline, SERIAL, SERIAL_RUN);
        List<ChildSpan> children = timeline.children();
        assertTrue(run.runningAtReturn().isEmpty(), SERIAL_RUN + " returned while children "
                + run.runningAtReturn() + " were still running" + table(timeline));
        for (int i = 0; i < children.size(); i++) {
            ChildSpan child = children.get(i);
            Duration joined = child.joined().orElseGet(() -> fail(SERIAL_RUN + ": child "
                    + child.name() + " was never joined" + table(timeline)));
            assertTrue(joined.compareTo(ended(child, SERIAL_RUN)) >= 0, SERIAL_RUN + ": child "
                    + child.name() + " was joined before its 'ended' line arrived: a join waits"
                    + " for the child's end and the end of its output" + table(timeline));
            if (i + 1 < children.size()) {
                ChildSpan next = children.get(i + 1);
                if (next.launched().compareTo(joined) < 0) {
                    fail(SERIAL_RUN + ": child " + next.name() + " was launched at "
                            + ms(next.launched()) + ", before child " + child.name() + " was"
                            + " joined at " + ms(joined) + ". Serially, the join goes inside the"
                            + " loop, right after each start." + table(timeline));
                }
            }
        }
        ChildSpan last = children.get(children.size() - 1);
        assertTrue(timeline.wentOn().compareTo(last.joined().orElseThrow()) >= 0, SERIAL_RUN
                + ": the parent went on before it joined the last child" + table(timeline));
    }

    @Test
    @Points(2)
    @Hint("startAll")
    void concurrentStartsEveryChildBeforeJoiningAny() throws Exception {
        Run run = JoinTestKit.concurrentRun();
        Timeline timeline = run.timeline();
        checkChildren(timeline, CONCURRENT, CONCURRENT_RUN);
        List<ChildSpan> children = timeline.children();
        for (int i = 0; i + 1 < children.size(); i++) {
            assertTrue(children.get(i).launched().compareTo(children.get(i + 1).launched()) <= 0,
                    CONCURRENT_RUN + ": the children must be launched in the order of the list"
                            + table(timeline));
        }
        Duration lastLaunched = children.get(children.size() - 1).launched();
        for (ChildSpan child : children) {
            child.joined().ifPresent(joined -> {
                if (joined.compareTo(lastLaunched) <= 0) {
                    fail(CONCURRENT_RUN + ": child " + child.name() + " was joined at "
                            + ms(joined) + ", before the last child was launched (at "
                            + ms(lastLaunched) + "). Concurrently, every child is started before"
                            + " the parent joins any: two loops, not one." + table(timeline));
                }
            });
        }
    }

    @Test
    @Points(1)
    @Hint("consistent")
    void timelinesAreConsistent() throws Exception {
        long self = CodeUnderTest.pid();
        for (boolean serial : new boolean[] {true, false}) {
            Run run = serial ? JoinTestKit.serialRun() : JoinTestKit.concurrentRun();
            String call = serial ? SERIAL_RUN : CONCURRENT_RUN;
            Timeline timeline = run.timeline();
            checkChildren(timeline, serial ? SERIAL : CONCURRENT, call);
            Set<Long> pids = new HashSet<>();
            for (ChildSpan child : timeline.children()) {
                assertNotEquals(self, child.pid(), call + ": child " + child.name() + " has the"
                        + " test JVM's pid: it must be a child process of its own");
                assertTrue(pids.add(child.pid()), call + ": two children have pid " + child.pid());
                assertTrue(run.started().contains(child.pid()), call + ": child " + child.name()
                        + " has pid " + child.pid() + ", but the processes that the run started"
                        + " were " + run.started() + ": a child's pid is its Process's pid()"
                        + table(timeline));
                List<Duration> order = new ArrayList<>();
                order.add(child.launched());
                order.add(JoinTestKit.began(child, call));
                order.add(ended(child, call));
                order.add(child.joined().orElseGet(() -> fail(call + ": child " + child.name()
                        + " was never joined" + table(timeline))));
                order.add(timeline.wentOn());
                for (int i = 0; i + 1 < order.size(); i++) {
                    assertTrue(order.get(i).compareTo(order.get(i + 1)) <= 0, call + ": for child "
                            + child.name() + ", launched <= began <= ended <= joined <= wentOn"
                            + " must hold" + table(timeline));
                }
                assertTrue(!child.launched().isNegative(), call + ": times are measured from the"
                        + " moment the run was called, so none is negative" + table(timeline));
            }
        }
    }

    @Test
    @Points(1)
    @Hint("input")
    void noChildrenAndBadSleeps() throws Exception {
        for (boolean serial : new boolean[] {true, false}) {
            String call = serial ? "Joiner.serial" : "Joiner.concurrent";
            Timeline empty = serial ? Joiner.serial(List.of()) : Joiner.concurrent(List.of());
            assertEquals(List.of(), empty.children(), call + "([]) runs no child");
            assertTrue(empty.wentOn().compareTo(Duration.ofSeconds(1)) < 0, call + "([]) has"
                    + " nothing to wait for, but went on only after " + ms(empty.wentOn()));
            List<Duration> negative = List.of(Duration.ofMillis(100), Duration.ofMillis(-1));
            refuses(IllegalArgumentException.class, call + "([100 ms, -1 ms])", serial
                    ? () -> Joiner.serial(negative) : () -> Joiner.concurrent(negative));
            refuses(NullPointerException.class, call + "(null)", serial
                    ? () -> Joiner.serial(null) : () -> Joiner.concurrent(null));
        }
    }

    private static void refuses(Class<? extends Exception> expected, String call, Executable run)
            throws Exception {
        Throwable thrown = null;
        Set<Long> started;
        try (JoinTestKit.ChildWatch watch = new JoinTestKit.ChildWatch()) {
            try {
                run.execute();
            } catch (UnsupportedOperationException todo) {
                throw todo;
            } catch (Throwable t) {
                thrown = t;
            } finally {
                started = watch.started();
                watch.killNew();
            }
        }
        if (!started.isEmpty()) {
            fail(call + " started a child (pid " + started + ") before refusing: check every"
                    + " sleep first, before starting any child");
        }
        if (!expected.isInstance(thrown)) {
            fail(call + " must throw " + expected.getSimpleName() + " (before starting anything),"
                    + " but it " + (thrown == null ? "returned" : "threw " + thrown));
        }
    }
}
