package conclab.process;

import static conclab.process.ProcessTestKit.CHILD_LIFETIME;
import static conclab.process.ProcessTestKit.expectThrows;
import static conclab.process.ProcessTestKit.quoted;
import static conclab.process.ProcessTestKit.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.Hint;
import conclab.harness.Intervals;
import conclab.harness.MeasurementLog;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.harness.Timing;
import conclab.lab.ChildJvm;
import conclab.process.ProcessTasks.CountingProcess;
import conclab.process.ProcessTasks.Failing;
import conclab.process.ProcessTasks.FreshNames;
import conclab.process.ProcessTasks.Gated;
import conclab.process.ProcessTasks.Quiet;
import conclab.process.ProcessTestKit.Gate;
import conclab.process.ProcessTestKit.Launched;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hidden: names from 1 in a fresh program, a child that ends by itself, failures, refusals. Every
 * text is in {@code JvmProcessHiddenTest.properties} (and {@code _zh_CN}); the kit's in its own.
 */
@Tag("process")
@Timeout(30)
@ExtendWith(MeasurementLog.class)
class JvmProcessHiddenTest {

    private static final Say SAY = Say.of(JvmProcessHiddenTest.class);

    @Test
    @Points(1)
    @Hint("fromOne")
    void defaultNamesCountFromOneInAFreshProgram() throws Exception {
        // A program of its own, as a new JVM loads it: every counter at zero, no handle behind it.
        Process fresh = ChildJvm.processBuilder(FreshNames.class).redirectErrorStream(true).start();
        try {
            fresh.getOutputStream().close();
            String output = within(CHILD_LIFETIME, SAY.text("fresh.what"),
                    SAY.text("fresh.advice"),
                    () -> new String(fresh.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(fresh.waitFor(CHILD_LIFETIME.toSeconds(), TimeUnit.SECONDS),
                    SAY.text("fresh.notEnded", quoted(output)));
            Map<String, String> seen = ProcessTestKit.values(output);
            if (!seen.containsKey("names")) {
                fail(SAY.text("fresh.noNames", fresh.exitValue(), quoted(output)));
            }
            String names = seen.get("names");
            SAY.hinting(names.startsWith("Process-0") ? "fromOne.zero" : "fromOne.renamed",
                    () -> assertEquals("Process-1,Process-2,worker,Process-4", names,
                            SAY.text("fresh.names", quoted(output))));
            assertEquals(CurrentProcess.MAIN_NAME, seen.get("main-name"), SAY.text("fresh.mainName",
                    CurrentProcess.MAIN_NAME, quoted(output)));
        } finally {
            fresh.destroyForcibly(); // the test's own process
        }
    }

    @Test
    @Points(2)
    @Hint("alive")
    void isAliveAndExitCodeFollowAChildThatEndsByItself(TestReporter reporter) throws Exception {
        try (Gate gate = new Gate()) {
            JvmProcess p = JvmProcess.target(Gated.class, gate.port());
            Intervals lives = Intervals.of(Intervals.CHILDREN);
            try (Launched child = ProcessTestKit.startGated(p)) {
                gate.awaitChild(CHILD_LIFETIME, child, p::output);
                lives.begin("child", "held at the gate");
                assertTrue(p.isAlive(), SAY.text("alive.running"));
                boolean zero = SAY.hinting("joinLooks", () -> within(Duration.ofSeconds(1),
                        p.name() + ".join(Duration.ZERO)", SAY.text("alive.zeroAdvice"),
                        () -> !p.join(Duration.ZERO)));
                assertTrue(zero, SAY.text("alive.zeroFalse", "join(Duration.ZERO)"));
                boolean negative = SAY.hinting("joinLooks", () -> within(Duration.ofSeconds(1),
                        p.name() + ".join(-5 ms)", SAY.text("alive.negativeAdvice"),
                        () -> !p.join(Duration.ofMillis(-5))));
                assertTrue(negative, SAY.text("alive.zeroFalse", "join(-5 ms)"));

                gate.release(); // the child ends by itself now; nobody joins it
                lives.end("child", "held at the gate");
                Duration bound = Timing.upperBound(Duration.ofSeconds(1));
                long begin = System.nanoTime();
                BoundedWait.announce(bound);
                try {
                    await().atMost(bound).dontCatchUncaughtExceptions().pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(10)).until(() -> !p.isAlive());
                } catch (ConditionTimeoutException e) {
                    fail(child.ended() ? SAY.text("alive.stale", bound.toMillis())
                            : SAY.text("alive.stillRuns", bound.toMillis(), quoted(p.output())));
                }
                ProcessTestKit.publish(reporter, "endSeenMs", System.nanoTime() - begin, bound);
                child.seenToEnd();
                assertEquals(OptionalInt.of(0), p.exitCode(), SAY.text("alive.exitCode", p.exitCode(),
                        quoted(p.output())));
                boolean ended = within(Duration.ofSeconds(2), p.name() + ".join(Duration.ZERO)",
                        SAY.text("alive.endedAdvice"), () -> p.join(Duration.ZERO));
                SAY.hinting("joinLooks", () -> assertTrue(ended, SAY.text("alive.zeroTrue")));
                SAY.hinting("joinReadsAll", () -> assertTrue(p.output().contains("released"),
                        SAY.text("alive.output", quoted(p.output()))));
            }
        }
    }

    @Test
    @Points(1)
    @Hint("failing")
    void aTaskThatThrowsEndsItsChildWithExitCodeOne() throws Exception {
        JvmProcess p = JvmProcess.target(Failing.class);
        try (Launched child = ProcessTestKit.launch(p)) {
            boolean joined = within(CHILD_LIFETIME.plusSeconds(1), p.name() + ".join(...)",
                    SAY.text("endsAtOnce"), () -> p.join(CHILD_LIFETIME));
            child.seenToEnd();
            assertTrue(joined, SAY.text("shouldHaveEnded", quoted(p.output())));
            SAY.hinting("exitOne", () -> assertEquals(OptionalInt.of(1), p.exitCode(),
                    SAY.text("failing.exit", p.exitCode(), quoted(p.output()))));
            SAY.hinting("mergeStderr", () -> assertTrue(p.output().contains(
                    "deliberate failure in the child"), SAY.text("failing.stderr",
                    quoted(p.output()))));
        }
    }

    @Test
    @Points(1)
    @Hint("twice")
    void aProcessStartsOnlyOnce() throws Exception {
        // a subclass that does not override run(): its child does nothing, and ends with 0
        JvmProcess p = new Quiet("once");
        try (Launched child = ProcessTestKit.launch(p)) {
            long pid = child.pid();
            Set<Long> children = ProcessTestKit.children().keySet();
            SAY.hinting("twice.start", () -> expectThrows(IllegalStateException.class,
                    SAY.text("twice.secondStart"), SAY.text("twice.once"), p::start));
            SAY.hinting("twice.name", () -> expectThrows(IllegalStateException.class,
                    SAY.text("twice.lateName"), SAY.text("twice.nameTaken"), () -> p.name("late")));
            SAY.hinting("twice.start", () -> {
                assertEquals(pid, p.pid(), SAY.text("twice.firstAlone"));
                assertTrue(ProcessTestKit.childrenSince(children).isEmpty(),
                        SAY.text("twice.noChild"));
            });
            boolean joined = within(CHILD_LIFETIME.plusSeconds(1), p.name() + ".join(...)",
                    SAY.text("endsAtOnce"), () -> p.join(CHILD_LIFETIME));
            child.seenToEnd();
            assertTrue(joined, SAY.text("shouldHaveEnded", quoted(p.output())));
            SAY.hinting("twice.start", () -> expectThrows(IllegalStateException.class,
                    SAY.text("twice.afterEnd"), SAY.text("twice.evenAfter"), p::start));
            SAY.hinting("quietRun", () -> assertEquals(OptionalInt.of(0), p.exitCode(),
                    SAY.text("twice.quiet", p.exitCode(), quoted(p.output()))));
        }
    }

    @Test
    @Points(1)
    @Hint("rebuild")
    void aSubclassTheChildCannotRebuildIsRefused() throws Exception {
        CountingProcess p = new CountingProcess(3);
        Set<Long> children = ProcessTestKit.children().keySet();
        try {
            expectThrows(IllegalStateException.class, SAY.text("rebuild.what"),
                    SAY.text("rebuild.why"), p::start);
            assertFalse(p.isAlive(), SAY.text("rebuild.alive"));
            SAY.hinting("rebuild.first", () -> assertTrue(
                    ProcessTestKit.childrenSince(children).isEmpty(), SAY.text("rebuild.noChild")));
        } finally {
            ProcessTestKit.killChildrenSince(children);
        }
    }
}
