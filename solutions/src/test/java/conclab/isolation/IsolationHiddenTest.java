package conclab.isolation;

import static conclab.isolation.IsolationTestKit.INITIAL_MONEY;
import static conclab.isolation.IsolationTestKit.myPid;
import static conclab.isolation.IsolationTestKit.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import conclab.harness.Hint;
import conclab.harness.Points;
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
        Isolation.money = Integer.MAX_VALUE;
        IsolationTestKit.inThread(threadValue, reporter);
        assertEquals(threadValue, Isolation.money, "after inThread(" + threadValue + ") the"
                + " parent's money must be " + threadValue);

        Sighting child = IsolationTestKit.inChildProcess(Integer.MIN_VALUE, reporter);
        assertNotNull(child, "inChildProcess(" + Integer.MIN_VALUE + ") returned null");
        assertNotEquals(myPid(), child.pid(), "the sighting came from this very process, not"
                + " from a child process");
        assertEquals(INITIAL_MONEY, child.moneyBefore(), "a thread had set the parent's money to "
                + threadValue + "; a child JVM started afterwards is still a fresh program and"
                + " must see " + INITIAL_MONEY + ", but saw " + child.moneyBefore());
        assertEquals(Integer.MIN_VALUE, child.moneyAfter(), "the child was asked to set its money"
                + " to Integer.MIN_VALUE (" + Integer.MIN_VALUE + ") but reported "
                + child.moneyAfter() + ": every int, negative ones too, must reach the child and"
                + " come back intact");
        assertEquals(threadValue, Isolation.money, "the parent's money was " + threadValue
                + " before the child ran and is " + Isolation.money + " after it: the child's"
                + " change must stay in the child");
    }

    @Test
    @Points(2)
    @Hint("again")
    void everyChildStartsAfresh(TestReporter reporter) throws Exception {
        int[] v = values(3);
        Isolation.money = v[0];
        Sighting first = IsolationTestKit.inChildProcess(v[1], reporter, "firstChildRun");
        Sighting second = IsolationTestKit.inChildProcess(v[2], reporter, "secondChildRun");
        assertNotNull(first, "inChildProcess(" + v[1] + ") returned null");
        assertNotNull(second, "inChildProcess(" + v[2] + ") returned null");
        assertEquals(3, Stream.of(myPid(), first.pid(), second.pid()).distinct().count(),
                "two calls of inChildProcess must run in two new processes, but the pids were:"
                + " parent " + myPid() + ", first " + first.pid() + ", second " + second.pid());
        assertEquals(INITIAL_MONEY, second.moneyBefore(), "the first child set its money to "
                + v[1] + "; the second child is another fresh program and must see "
                + INITIAL_MONEY + ", but saw " + second.moneyBefore());
        assertEquals(3, Stream.of(Isolation.INITIALISATION, first.initialisation(),
                second.initialisation()).distinct().count(), "each child JVM runs Isolation's"
                + " static initialiser again and must report its own INITIALISATION");
        assertEquals(v[0], Isolation.money, "the parent's money was " + v[0] + " before two"
                + " children ran and is " + Isolation.money + " after them");
    }

    @Test
    @Points(1)
    @Hint("chain")
    void threadsInARowEachSeeTheLastChange(TestReporter reporter) throws Exception {
        int[] v = values(4);
        Isolation.money = v[0];
        for (int i = 1; i < v.length; i++) {
            Sighting thread = IsolationTestKit.inThread(v[i], reporter, "thread" + i + "Run");
            assertEquals(v[i - 1], thread.moneyBefore(), "thread " + i + " must see the value the"
                    + " one before it set (" + v[i - 1] + "), but saw " + thread.moneyBefore());
            assertEquals(v[i], Isolation.money, "after thread " + i + " the parent must see "
                    + v[i] + ", but money is " + Isolation.money);
        }
    }
}
