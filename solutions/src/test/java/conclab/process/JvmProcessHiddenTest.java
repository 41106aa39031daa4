package conclab.process;

import static conclab.process.ProcessTestKit.CHILD_LIFETIME;
import static conclab.process.ProcessTestKit.ended;
import static conclab.process.ProcessTestKit.expectThrows;
import static conclab.process.ProcessTestKit.kill;
import static conclab.process.ProcessTestKit.quoted;
import static conclab.harness.BoundedWait.within;
import static conclab.process.ProcessTestKit.seenToEnd;
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
import conclab.process.ProcessTasks.CountingProcess;
import conclab.process.ProcessTasks.Failing;
import conclab.process.ProcessTasks.Gated;
import conclab.process.ProcessTasks.Report;
import conclab.process.ProcessTestKit.Gate;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
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
        // A fresh copy of the student's classes, as a new JVM would load them: counters at zero.
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader fresh = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(fresh);
            Class<?> type = Class.forName(JvmProcess.class.getName(), true, fresh);
            Method target = type.getMethod("target", String.class, String[].class);
            Method name = type.getMethod("name");
            Method rename = type.getMethod("name", String.class);
            String task = Report.class.getName();
            List<String> names = new ArrayList<>();
            try {
                Object first = target.invoke(null, task, new String[0]);
                Object second = target.invoke(null, task, new String[0]);
                Object renamed = rename.invoke(target.invoke(null, task, new String[0]), "worker");
                Object fourth = target.invoke(null, task, new String[0]);
                for (Object p : List.of(first, second, renamed, fourth)) {
                    names.add((String) name.invoke(p));
                }
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
            assertEquals(List.of("Process-1", "Process-2", "worker", "Process-4"), names,
                    "in a program that just started, the default names must be Process-1,"
                            + " Process-2, ... (counting from 1, as Python does), and a process"
                            + " given a name of its own still takes its number (the fourth"
                            + " process is Process-4)");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    @Points(2)
    @Hint("alive")
    void isAliveAndExitCodeFollowAChildThatEndsByItself(TestReporter reporter) throws Exception {
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
                assertTrue(within(Duration.ofSeconds(1), p.name() + ".join(Duration.ZERO)",
                        "a timeout of zero means: do not wait, just look.",
                        () -> !p.join(Duration.ZERO)), "join(Duration.ZERO) must say false while"
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
                            + " let go" + (ended(childPid) ? ", although the operating system"
                            + " says it has ended. isAlive() must ask the process each time,"
                            + " not answer from a flag set by start() and cleared by join()."
                            : "; the child is indeed still running." + quoted(p.output())));
                }
                ProcessTestKit.publish(reporter, "endSeenMs", System.nanoTime() - begin, bound);
                seenToEnd(lives, childPid);
                assertEquals(OptionalInt.of(0), p.exitCode(), "the child ended normally; its exit"
                        + " code must be there without join(): 0." + quoted(p.output()));
                assertTrue(within(Duration.ofSeconds(2), p.name() + ".join(Duration.ZERO)",
                        "the child has ended; join must return at once.",
                        () -> p.join(Duration.ZERO)), "join(Duration.ZERO) must say true once the"
                        + " child has ended");
                assertTrue(p.output().contains("released"), "after join, output() must hold all"
                        + " the child printed." + quoted(p.output()));
            } finally {
                gate.close(); // lets the child go, should start() or join() wait for it
                kill(p);
            }
        }
    }

    @Test
    @Points(1)
    @Hint("failing")
    void aTaskThatThrowsEndsItsChildWithExitCodeOne() throws Exception {
        JvmProcess p = JvmProcess.target(Failing.class);
        Intervals lives = Intervals.of(Intervals.CHILDREN);
        try {
            long launched = System.nanoTime();
            p.start();
            lives.begin("child", "lived", launched);
            boolean joined = within(CHILD_LIFETIME.plusSeconds(1), p.name() + ".join(...)",
                    "the child ends at once.", () -> p.join(CHILD_LIFETIME));
            if (joined) {
                lives.end("child", "lived");
            }
            assertTrue(joined, "the child should have ended" + quoted(p.output()));
            assertEquals(OptionalInt.of(1), p.exitCode(), "the task threw, so the child must exit"
                    + " with 1: let the exception out of SpawnMain.main (ChildMain then prints it"
                    + " and exits with 1)." + quoted(p.output()));
            assertTrue(p.output().contains("deliberate failure in the child"), "output() must"
                    + " hold the child's standard error too, here the exception's stack trace."
                    + quoted(p.output()));
        } finally {
            kill(p);
        }
    }

    @Test
    @Points(1)
    @Hint("twice")
    void aProcessStartsOnlyOnce() throws Exception {
        JvmProcess p = JvmProcess.target(Report.class, "once");
        Intervals lives = Intervals.of(Intervals.CHILDREN);
        try {
            long launched = System.nanoTime();
            p.start();
            lives.begin("child", "lived", launched);
            long pid = p.pid();
            expectThrows(IllegalStateException.class, "a second start()", "a process starts only"
                    + " once; create a new JvmProcess to run the task again", p::start);
            expectThrows(IllegalStateException.class, "name(\"late\") after start()", "the child"
                    + " took its name along when it started", () -> p.name("late"));
            assertEquals(pid, p.pid(), "a refused second start() must leave the first child alone");
            boolean joined = within(CHILD_LIFETIME.plusSeconds(1), p.name() + ".join(...)",
                    "the child ends at once.", () -> p.join(CHILD_LIFETIME));
            if (joined) {
                lives.end("child", "lived");
            }
            assertTrue(joined, "the child should have ended" + quoted(p.output()));
            expectThrows(IllegalStateException.class, "start() after the child ended", "a"
                    + " process starts only once, even after it ended", p::start);
            assertEquals(OptionalInt.of(0), p.exitCode(), "the child ended normally"
                    + quoted(p.output()));
        } finally {
            kill(p);
        }
    }

    @Test
    @Points(1)
    @Hint("rebuild")
    void aSubclassTheChildCannotRebuildIsRefused() throws Exception {
        CountingProcess p = new CountingProcess(3);
        try {
            expectThrows(IllegalStateException.class, "start() of a subclass without a public"
                    + " (String... args) constructor", "the child could not rebuild it: say so"
                    + " in the parent, before starting a child that can only fail", p::start);
            assertFalse(p.isAlive(), "a refused start() starts no child");
        } finally {
            kill(p);
        }
    }
}
