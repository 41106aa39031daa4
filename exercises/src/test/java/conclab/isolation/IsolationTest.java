package conclab.isolation;

import static conclab.isolation.IsolationTestKit.INITIAL_MONEY;
import static conclab.isolation.IsolationTestKit.money;
import static conclab.isolation.IsolationTestKit.myParentPid;
import static conclab.isolation.IsolationTestKit.myPid;
import static conclab.isolation.IsolationTestKit.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.harness.BoundedWait;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.isolation.IsolationTestKit.ChildRun;
import conclab.isolation.IsolationTestKit.ThreadRun;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * The isolation proof, with values the test chooses at run time: a child JVM starts from
 * {@code money = 100} whatever the parent set, and its change stays in the child; a thread sees
 * and changes the parent's {@code money}. A child's sighting is believed only for a process the
 * call was seen to start, and a thread's only for a thread other than the caller's.
 */
@Tag("isolation")
@Timeout(30)
class IsolationTest {

    @Test
    @Points(1)
    @Hint("look")
    void lookReadsSetsAndReportsThisProcess() {
        int[] v = values(3);
        money(v[0]);
        Sighting first = Isolation.look(v[1]);
        assertNotNull(first, "look(" + v[1] + ") returned null; it must return a Sighting");
        assertEquals(v[0], first.moneyBefore(), "money was " + v[0] + " when look(" + v[1]
                + ") was called: moneyBefore must be the value it found, read before changing it");
        assertEquals(v[1], money(), "after look(" + v[1] + "), money must be " + v[1]);
        assertEquals(v[1], first.moneyAfter(), "look(" + v[1] + ") must report money after setting"
                + " it: " + v[1]);
        assertEquals(myPid(), first.pid(), "look() ran in this process (pid " + myPid() + "),"
                + " but reported pid " + first.pid() + ": use ProcessHandle.current().pid()");
        long parent = myParentPid();
        assertEquals(parent, first.parentPid(), "this process's parent is pid " + parent
                + ", but look() reported " + first.parentPid()
                + ": use ProcessHandle.current().parent()");
        assertEquals(Isolation.INITIALISATION, first.initialisation(), "look() must report this"
                + " JVM's Isolation.INITIALISATION");

        Sighting second = Isolation.look(v[2]);
        assertEquals(v[1], second.moneyBefore(), "a second look(" + v[2] + ") must find the value"
                + " the first one set (" + v[1] + ")");
    }

    @Test
    @Points(3)
    @Hint("fresh")
    void aChildProcessStartsAsAFreshProgram(TestReporter reporter) throws Exception {
        int[] v = values(2);
        money(v[0]);
        ChildRun run = IsolationTestKit.inChildProcess(v[1], reporter);
        Sighting child = run.sighting();
        assertNotNull(child, "inChildProcess(" + v[1] + ") returned null");

        assertNotEquals(myPid(), child.pid(), "the sighting came from this very process (pid "
                + myPid() + "): inChildProcess must run look() in a child JVM, a process of its"
                + " own (ChildJvm.processBuilder(Child.class, ...).start()), not in a thread");
        assertTrue(run.started().contains(child.pid()), "the sighting says it came from pid "
                + child.pid() + ", but the processes inChildProcess started were "
                + run.started() + " (" + run.watched() + "): return the sighting the child printed, in its"
                + " own process");
        assertEquals(myPid(), child.parentPid(), "the child reported pid " + child.pid()
                + " with parent " + child.parentPid() + ", but the process that called"
                + " inChildProcess is pid " + myPid() + ": the child must be started by this"
                + " process, and report ProcessHandle.current().parent() as it sees it");
        assertEquals(INITIAL_MONEY, child.moneyBefore(), "the parent had set money = " + v[0]
                + " before starting the child, and the child saw " + child.moneyBefore()
                + ". A child JVM is a fresh program (spawn, not fork): it loads Isolation anew and"
                + " must see the initial value " + INITIAL_MONEY + ". Pass the child nothing but"
                + " the new value, and let it read its own money.");
        assertNotEquals(Isolation.INITIALISATION, child.initialisation(), "the child reported"
                + " this JVM's INITIALISATION (" + child.initialisation() + "); a child JVM runs"
                + " Isolation's static initialiser again and must report its own");
        assertTrue(run.runningAtReturn().isEmpty(), "inChildProcess returned while the child"
                + " (pid " + run.runningAtReturn() + ") was still running: wait for it to end"
                + " (waitFor(), the lecture's join) before returning");
    }

    @Test
    @Points(2)
    @Hint("own")
    void aChildsChangeStaysInTheChild(TestReporter reporter) throws Exception {
        int[] v = values(2);
        money(v[0]);
        Sighting child = IsolationTestKit.inChildProcess(v[1], reporter).sighting();
        assertNotNull(child, "inChildProcess(" + v[1] + ") returned null");
        assertEquals(v[1], child.moneyAfter(), "the child was asked to set its money to " + v[1]
                + " but reported " + child.moneyAfter() + ": pass the value as the child's"
                + " argument, call look(value) there and print what it returns (negative values"
                + " too)");
        assertNotEquals(myPid(), child.pid(), "the sighting came from this very process (pid "
                + myPid() + "), not from a child process");
        assertEquals(v[0], money(), "the parent's money was " + v[0] + " before"
                + " inChildProcess(" + v[1] + ") and is " + money() + " after it. A child"
                + " changes only its own copy: the parent's money must stay as it was (do not"
                + " copy the child's value back).");

        // Child's main is an ordinary method: called here, it calls look(VALUE) here
        String call = "Isolation.Child.main(\"" + v[1] + "\") called in this JVM";
        BoundedWait.within(Duration.ofSeconds(5), call, "Child.main takes one argument, the"
                + " value, calls look with it and prints the sighting: it waits for nothing",
                () -> {
                    Isolation.Child.main(new String[] {String.valueOf(v[1])});
                    return null;
                });
        assertEquals(v[1], money(), call + " must call look(" + v[1] + ") here, setting this"
                + " JVM's money to " + v[1] + ", but money is " + money() + ": the child's main"
                + " takes one argument, the value to set money to, and calls look(value)");
    }

    @Test
    @Points(2)
    @Hint("thread")
    void aThreadSharesTheParentsMemory(TestReporter reporter) throws Exception {
        int[] v = values(2);
        money(v[0]);
        ThreadRun run = IsolationTestKit.lookThenInThread(v[1], reporter);
        Sighting thread = run.thread();
        assertNotNull(thread, "inThread(" + v[1] + ") returned null");
        assertEquals(myPid(), thread.pid(), "a thread runs in the process that started it (pid "
                + myPid() + "), but the sighting came from pid " + thread.pid()
                + ": inThread must start a Thread, not a process");
        assertNotEquals(run.caller().threadId(), thread.threadId(), "inThread ran look() on the"
                + " thread that called it (thread " + thread.threadId() + "), not on a new one:"
                + " start() the new Thread; calling its run() runs the code right here");
        assertFalse(run.threadAliveAfter(), "the thread that ran look() (thread "
                + thread.threadId() + ") was still alive when inThread returned: start a new"
                + " thread and join() it (a pool's thread lives on)");
        assertEquals(v[0], thread.moneyBefore(), "the parent had set money = " + v[0] + "; a thread"
                + " shares the parent's memory and must see it, but saw " + thread.moneyBefore());
        assertEquals(v[1], thread.moneyAfter(), "the thread was asked to set money to " + v[1]
                + " but reported " + thread.moneyAfter());
        assertEquals(v[1], money(), "the thread set money to " + v[1] + ", and after"
                + " join() the parent must see it, but money is " + money()
                + ". Did inThread return before the thread had run (join() it)?");
        assertEquals(Isolation.INITIALISATION, thread.initialisation(), "a thread uses the"
                + " classes already loaded in its JVM: it must report this JVM's INITIALISATION");
    }
}
