package conclab.isolation;

import static conclab.isolation.IsolationTestKit.INITIAL_MONEY;
import static conclab.isolation.IsolationTestKit.money;
import static conclab.isolation.IsolationTestKit.myPid;
import static conclab.isolation.IsolationTestKit.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.isolation.IsolationTestKit.ChildRun;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/** Hidden: threads and children mixed, children in a row, and values at the ends of int. */
@Tag("isolation")
@Timeout(30)
class IsolationHiddenTest {

    @Test
    @Points(2)
    @Hint("mixed")
    void aThreadsChangeNeverReachesAChild(TestReporter reporter) throws Exception {
        int threadValue = values(1)[0];
        money(Integer.MAX_VALUE);
        IsolationTestKit.inThread(threadValue, reporter);
        assertEquals(threadValue, money(), "after inThread(" + threadValue + ") the"
                + " parent's money must be " + threadValue);

        ChildRun run = IsolationTestKit.inChildProcess(Integer.MIN_VALUE, reporter);
        Sighting child = run.sighting();
        assertNotNull(child, "inChildProcess(" + Integer.MIN_VALUE + ") returned null");
        assertNotEquals(myPid(), child.pid(), "the sighting came from this very process, not"
                + " from a child process");
        assertTrue(run.started().contains(child.pid()), "the sighting says it came from pid "
                + child.pid() + ", but the processes inChildProcess started were "
                + run.started() + " (" + run.watched() + ")");
        assertEquals(INITIAL_MONEY, child.moneyBefore(), "a thread had set the parent's money to "
                + threadValue + "; a child JVM started afterwards is still a fresh program and"
                + " must see " + INITIAL_MONEY + ", but saw " + child.moneyBefore());
        assertEquals(Integer.MIN_VALUE, child.moneyAfter(), "the child was asked to set its money"
                + " to Integer.MIN_VALUE (" + Integer.MIN_VALUE + ") but reported "
                + child.moneyAfter() + ": every int, negative ones too, must reach the child and"
                + " come back intact");
        assertEquals(threadValue, money(), "the parent's money was " + threadValue
                + " before the child ran and is " + money() + " after it: the child's"
                + " change must stay in the child");
    }

    @Test
    @Points(2)
    @Hint("again")
    void everyChildStartsAfresh(TestReporter reporter) throws Exception {
        int[] v = values(3);
        money(v[0]);
        ChildRun firstRun = IsolationTestKit.inChildProcess(v[1], reporter, "firstChildRun");
        ChildRun secondRun = IsolationTestKit.inChildProcess(v[2], reporter, "secondChildRun");
        Sighting first = firstRun.sighting();
        Sighting second = secondRun.sighting();
        assertNotNull(first, "inChildProcess(" + v[1] + ") returned null");
        assertNotNull(second, "inChildProcess(" + v[2] + ") returned null");
        assertEquals(3, Stream.of(myPid(), first.pid(), second.pid()).distinct().count(),
                "two calls of inChildProcess must run in two new processes, but the pids were:"
                + " parent " + myPid() + ", first " + first.pid() + ", second " + second.pid());
        assertTrue(firstRun.started().contains(first.pid())
                && secondRun.started().contains(second.pid()), "each call's sighting must come"
                + " from the child that call started: the sightings said pids " + first.pid()
                + " and " + second.pid() + ", the calls started " + firstRun.started() + " and "
                + secondRun.started());
        assertEquals(INITIAL_MONEY, second.moneyBefore(), "the first child set its money to "
                + v[1] + "; the second child is another fresh program and must see "
                + INITIAL_MONEY + ", but saw " + second.moneyBefore());
        assertEquals(3, Stream.of(Isolation.INITIALISATION, first.initialisation(),
                second.initialisation()).distinct().count(), "each child JVM runs Isolation's"
                + " static initialiser again and must report its own INITIALISATION");
        assertEquals(v[0], money(), "the parent's money was " + v[0] + " before two"
                + " children ran and is " + money() + " after them");
    }

    @Test
    @Points(1)
    @Hint("chain")
    void threadsInARowEachSeeTheLastChange(TestReporter reporter) throws Exception {
        int[] v = values(4);
        money(v[0]);
        Set<Long> threads = new HashSet<>();
        for (int i = 1; i < v.length; i++) {
            Sighting thread = IsolationTestKit.inThread(v[i], reporter, "thread" + i + "Run");
            assertEquals(v[i - 1], thread.moneyBefore(), "thread " + i + " must see the value the"
                    + " one before it set (" + v[i - 1] + "), but saw " + thread.moneyBefore());
            assertEquals(v[i], money(), "after thread " + i + " the parent must see "
                    + v[i] + ", but money is " + money());
            assertTrue(threads.add(thread.threadId()), "inThread(" + v[i] + ") ran look() on"
                    + " thread " + thread.threadId() + ", which an earlier call had used: every"
                    + " call starts a new thread (new Thread(...).start(), then join())");
        }
    }
}
