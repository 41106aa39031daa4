package conclab.process;

import static conclab.harness.BoundedWait.within;
import static conclab.process.ProcessTestKit.CHILD_LIFETIME;
import static conclab.process.ProcessTestKit.expectThrows;
import static conclab.process.ProcessTestKit.quoted;
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

/** Hidden: names from 1 in a fresh program, a child that ends by itself, failures, refusals. */
@Tag("process")
@Timeout(30)
@ExtendWith(MeasurementLog.class)
class JvmProcessHiddenTest {

    @Test
    @Points(1)
    @Hint("fromOne")
    void defaultNamesCountFromOneInAFreshProgram() throws Exception {
        // A program of its own, as a new JVM loads it: every counter at zero, no handle behind it.
        Process fresh = ChildJvm.processBuilder(FreshNames.class).redirectErrorStream(true).start();
        try {
            fresh.getOutputStream().close();
            String output = within(CHILD_LIFETIME, "a fresh program making four handles",
                    "making a handle only counts and names it.",
                    () -> new String(fresh.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(fresh.waitFor(CHILD_LIFETIME.toSeconds(), TimeUnit.SECONDS),
                    "the fresh program did not end" + quoted(output));
            Map<String, String> seen = ProcessTestKit.values(output);
            if (!seen.containsKey("names")) {
                fail("a fresh program that made four handles ended without naming them (exit code "
                        + fresh.exitValue() + ")" + quoted(output));
            }
            assertEquals("Process-1,Process-2,worker,Process-4", seen.get("names"),
                    "in a program that just started, the default names must be Process-1,"
                            + " Process-2, ... (counting from 1, as Python does), and a process"
                            + " given a name of its own still takes its number (the fourth"
                            + " process is Process-4)" + quoted(output));
            assertEquals(CurrentProcess.MAIN_NAME, seen.get("main-name"), "a program not"
                    + " started as a JvmProcess is called " + CurrentProcess.MAIN_NAME
                    + quoted(output));
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
                assertTrue(p.isAlive(), "the child is running, so isAlive() must be true");
                assertTrue(within(Duration.ofSeconds(1), p.name() + ".join(Duration.ZERO)",
                        "a timeout of zero means: do not wait, just look.",
                        () -> !p.join(Duration.ZERO)), "join(Duration.ZERO) must say false while"
                        + " the child runs");
                assertTrue(within(Duration.ofSeconds(1), p.name() + ".join(-5 ms)",
                        "a timeout below zero means: do not wait, just look.",
                        () -> !p.join(Duration.ofMillis(-5))), "join(-5 ms) must say false while"
                        + " the child runs");

                gate.release(); // the child ends by itself now; nobody joins it
                lives.end("child", "held at the gate");
                Duration bound = Timing.upperBound(Duration.ofSeconds(1));
                long begin = System.nanoTime();
                BoundedWait.announce(bound);
                try {
                    await().atMost(bound).dontCatchUncaughtExceptions().pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(10)).until(() -> !p.isAlive());
                } catch (ConditionTimeoutException e) {
                    fail("the child ended by itself (nobody called join() or terminate()), but"
                            + " isAlive() was still true " + bound.toMillis() + " ms after it was"
                            + " let go" + (child.ended() ? ", although the operating system"
                            + " says it has ended. isAlive() must ask the process each time,"
                            + " not answer from a flag set by start() and cleared by join()."
                            : "; the child is indeed still running." + quoted(p.output())));
                }
                ProcessTestKit.publish(reporter, "endSeenMs", System.nanoTime() - begin, bound);
                child.seenToEnd();
                assertEquals(OptionalInt.of(0), p.exitCode(), "the child ended normally; its exit"
                        + " code must be there without join(): 0." + quoted(p.output()));
                assertTrue(within(Duration.ofSeconds(2), p.name() + ".join(Duration.ZERO)",
                        "the child has ended; join must return at once.",
                        () -> p.join(Duration.ZERO)), "join(Duration.ZERO) must say true once the"
                        + " child has ended");
                assertTrue(p.output().contains("released"), "after join, output() must hold all"
                        + " the child printed." + quoted(p.output()));
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
                    "the child ends at once.", () -> p.join(CHILD_LIFETIME));
            child.seenToEnd();
            assertTrue(joined, "the child should have ended" + quoted(p.output()));
            assertEquals(OptionalInt.of(1), p.exitCode(), "the task threw, so the child must exit"
                    + " with 1: let the exception out of SpawnMain.main (ChildMain then prints it"
                    + " and exits with 1)." + quoted(p.output()));
            assertTrue(p.output().contains("deliberate failure in the child"), "output() must"
                    + " hold the child's standard error too, here the exception's stack trace."
                    + quoted(p.output()));
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
            expectThrows(IllegalStateException.class, "a second start()", "a process starts only"
                    + " once; create a new JvmProcess to run the task again", p::start);
            expectThrows(IllegalStateException.class, "name(\"late\") after start()", "the child"
                    + " took its name along when it started", () -> p.name("late"));
            assertEquals(pid, p.pid(), "a refused second start() must leave the first child alone");
            assertTrue(ProcessTestKit.childrenSince(children).isEmpty(), "a refused second"
                    + " start() must start no child");
            boolean joined = within(CHILD_LIFETIME.plusSeconds(1), p.name() + ".join(...)",
                    "the child ends at once.", () -> p.join(CHILD_LIFETIME));
            child.seenToEnd();
            assertTrue(joined, "the child should have ended" + quoted(p.output()));
            expectThrows(IllegalStateException.class, "start() after the child ended", "a"
                    + " process starts only once, even after it ended", p::start);
            assertEquals(OptionalInt.of(0), p.exitCode(), "a subclass that does not override"
                    + " run() does nothing in its child, which ends normally (exit code 0)"
                    + quoted(p.output()));
        }
    }

    @Test
    @Points(1)
    @Hint("rebuild")
    void aSubclassTheChildCannotRebuildIsRefused() throws Exception {
        CountingProcess p = new CountingProcess(3);
        Set<Long> children = ProcessTestKit.children().keySet();
        try {
            expectThrows(IllegalStateException.class, "start() of a subclass without a public"
                    + " (String... args) constructor", "the child could not rebuild it: say so"
                    + " in the parent, before starting a child that can only fail", p::start);
            assertFalse(p.isAlive(), "a refused start() starts no child");
            assertTrue(ProcessTestKit.childrenSince(children).isEmpty(), "a refused start()"
                    + " must start no child");
        } finally {
            ProcessTestKit.killChildrenSince(children);
        }
    }
}
