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
import conclab.harness.Say;
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

/**
 * Hidden: the child program on its own, where the joins are, and a consistent timeline. Every
 * text is in {@code JoinHiddenTest.properties} (and {@code _zh_CN}); the kit's in its own.
 */
@Tag("join")
@ExtendWith({MeasurementLog.class, JoinTestKit.OncePerTestRun.class})
@Timeout(60)
class JoinHiddenTest {

    private static final Say SAY = Say.of(JoinHiddenTest.class);

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
                fail(SAY.text("sleeper.threw", output));
            }
            assertTrue(done, SAY.text("sleeper.notEnded", output));
            int exit = child.exitValue();
            SAY.hinting("exitZero", () -> assertEquals(0, exit, SAY.text("sleeper.exit", exit,
                    output)));
            SAY.hinting("twoLines", () -> assertEquals(List.of("tony began", "tony ended"),
                    seen, SAY.text("sleeper.lines")));
            long apart = arrivals.get(1) - arrivals.get(0);
            Duration bound = Timing.upperBound(sleep.plus(Duration.ofMillis(250)));
            JoinTestKit.publish(reporter, "sleeperWorkMs", Duration.ofNanos(apart), bound);
            SAY.hinting("sleeper.sleepBetween", () -> assertTrue(
                    apart >= sleep.dividedBy(10).toNanos(), SAY.text("sleeper.apart",
                            apart / 1_000_000)));
            SAY.hinting("millis", () -> Timing.assertWithin(Duration.ofNanos(apart), bound,
                    SAY.text("sleeper.what"), SAY.text("sleeper.millis")));
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
        assertTrue(run.runningAtReturn().isEmpty(), SAY.text("serialJoins.running", SERIAL_RUN,
                run.runningAtReturn(), table(timeline)));
        for (int i = 0; i < children.size(); i++) {
            ChildSpan child = children.get(i);
            Duration joined = child.joined().orElseGet(() -> SAY.hinting("joinEvery", () -> fail(
                    SAY.text("neverJoined", SERIAL_RUN, child.name(), table(timeline)))));
            Duration ended = ended(child, SERIAL_RUN);
            SAY.hinting("joinWaits", () -> assertTrue(joined.compareTo(ended) >= 0, SAY.text(
                    "serialJoins.joinedEarly", SERIAL_RUN, child.name(), table(timeline))));
            if (i + 1 < children.size()) {
                ChildSpan next = children.get(i + 1);
                if (next.launched().compareTo(joined) < 0) {
                    fail(SAY.text("serialJoins.launchedEarly", SERIAL_RUN, next.name(),
                            ms(next.launched()), child.name(), ms(joined), table(timeline)));
                }
            }
        }
        ChildSpan last = children.get(children.size() - 1);
        SAY.hinting("noteWentOn", () -> assertTrue(
                timeline.wentOn().compareTo(last.joined().orElseThrow()) >= 0,
                SAY.text("serialJoins.wentOnEarly", SERIAL_RUN, table(timeline))));
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
                    SAY.text("startAll.order", CONCURRENT_RUN, table(timeline)));
        }
        Duration lastLaunched = children.get(children.size() - 1).launched();
        for (ChildSpan child : children) {
            child.joined().ifPresent(joined -> {
                if (joined.compareTo(lastLaunched) <= 0) {
                    fail(SAY.text("startAll.joinedEarly", CONCURRENT_RUN, child.name(),
                            ms(joined), ms(lastLaunched), table(timeline)));
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
                SAY.hinting("childPid", () -> {
                    assertNotEquals(self, child.pid(), SAY.text("consistent.selfPid", call,
                            child.name()));
                    assertTrue(pids.add(child.pid()), SAY.text("consistent.samePid", call,
                            child.pid()));
                    assertTrue(run.started().contains(child.pid()), SAY.text("consistent.notStarted",
                            call, child.name(), child.pid(), run.started(), table(timeline)));
                });
                List<Duration> order = new ArrayList<>();
                order.add(child.launched());
                order.add(JoinTestKit.began(child, call));
                order.add(ended(child, call));
                order.add(child.joined().orElseGet(() -> SAY.hinting("joinEvery", () -> fail(
                        SAY.text("neverJoined", call, child.name(), table(timeline))))));
                order.add(timeline.wentOn());
                for (int i = 0; i + 1 < order.size(); i++) {
                    assertTrue(order.get(i).compareTo(order.get(i + 1)) <= 0, SAY.text(
                            "consistent.order", call, child.name(), table(timeline)));
                }
                SAY.hinting("origin", () -> assertTrue(!child.launched().isNegative(), SAY.text(
                        "consistent.negative", call, table(timeline))));
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
            assertEquals(List.of(), empty.children(), SAY.text("input.empty", call));
            assertTrue(empty.wentOn().compareTo(Duration.ofSeconds(1)) < 0, SAY.text("input.slow",
                    call, ms(empty.wentOn())));
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
            fail(SAY.text("refuses.started", call, started));
        }
        if (!expected.isInstance(thrown)) {
            fail(thrown == null ? SAY.text("refuses.returned", call, expected.getSimpleName())
                    : SAY.text("refuses.threw", call, expected.getSimpleName(), thrown));
        }
    }
}
