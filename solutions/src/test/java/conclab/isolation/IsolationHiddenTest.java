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
import conclab.harness.Say;
import conclab.isolation.IsolationTestKit.ChildRun;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden: threads and children mixed, children in a row, and values at the ends of int. Every
 * text is in {@code IsolationHiddenTest.properties} (and {@code _zh_CN}); each step that can fail
 * in its own way carries the hint for that way ({@link Say#hinting}).
 */
@Tag("isolation")
@Timeout(30)
class IsolationHiddenTest {

    private static final Say SAY = Say.of(IsolationHiddenTest.class);

    @Test
    @Points(2)
    @Hint("mixed")
    void aThreadsChangeNeverReachesAChild(TestReporter reporter) throws Exception {
        int threadValue = values(1)[0];
        money(Integer.MAX_VALUE);
        IsolationTestKit.inThread(threadValue, reporter);
        SAY.hinting("threadKept", () -> assertEquals(threadValue, money(),
                SAY.text("threadStays", threadValue)));

        ChildRun run = IsolationTestKit.inChildProcess(Integer.MIN_VALUE, reporter);
        Sighting child = run.sighting();
        SAY.hinting("childReturns", () -> assertNotNull(child,
                SAY.text("null", "inChildProcess(" + Integer.MIN_VALUE + ")")));
        SAY.hinting("childProcess", () -> assertNotEquals(myPid(), child.pid(), SAY.text("notAChild")));
        SAY.hinting("childPrinted", () -> assertTrue(run.started().contains(child.pid()),
                SAY.text("notStarted", child.pid(), run.started(), run.watched())));
        SAY.hinting("fresh", () -> assertEquals(INITIAL_MONEY, child.moneyBefore(),
                SAY.text("afterThread", threadValue, INITIAL_MONEY, child.moneyBefore())));
        SAY.hinting("intact", () -> assertEquals(Integer.MIN_VALUE, child.moneyAfter(),
                SAY.text("minValue", Integer.MIN_VALUE, child.moneyAfter())));
        SAY.hinting("leaveMoney", () -> assertEquals(threadValue, money(),
                SAY.text("stays", threadValue, money())));
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
        SAY.hinting("childReturns", () -> assertNotNull(first, SAY.text("null", "inChildProcess(" + v[1] + ")")));
        SAY.hinting("childReturns", () -> assertNotNull(second, SAY.text("null", "inChildProcess(" + v[2] + ")")));
        SAY.hinting("newChild", () -> assertEquals(3, Stream.of(myPid(), first.pid(), second.pid())
                .distinct().count(), SAY.text("twoProcesses", myPid(), first.pid(), second.pid())));
        SAY.hinting("childPrinted", () -> assertTrue(firstRun.started().contains(first.pid())
                && secondRun.started().contains(second.pid()), SAY.text("fromItsChild", first.pid(),
                second.pid(), firstRun.started(), secondRun.started())));
        SAY.hinting("newChild", () -> assertEquals(INITIAL_MONEY, second.moneyBefore(),
                SAY.text("secondFresh", v[1], INITIAL_MONEY, second.moneyBefore())));
        SAY.hinting("ownInitialisation", () -> assertEquals(3, Stream.of(Isolation.INITIALISATION,
                first.initialisation(), second.initialisation()).distinct().count(),
                SAY.text("initialisations")));
        SAY.hinting("leaveMoney", () -> assertEquals(v[0], money(), SAY.text("parentStays", v[0], money())));
    }

    @Test
    @Points(1)
    @Hint("chain")
    void threadsInARowEachSeeTheLastChange(TestReporter reporter) throws Exception {
        int[] v = values(4);
        money(v[0]);
        Set<Long> threads = new HashSet<>();
        for (int i = 1; i < v.length; i++) {
            int n = i;
            Sighting thread = IsolationTestKit.inThread(v[i], reporter, "thread" + i + "Run");
            SAY.hinting("shared", () -> assertEquals(v[n - 1], thread.moneyBefore(),
                    SAY.text("chainBefore", n, v[n - 1], thread.moneyBefore())));
            SAY.hinting("threadKept", () -> assertEquals(v[n], money(),
                    SAY.text("chainParent", n, v[n], money())));
            SAY.hinting("newThread", () -> assertTrue(threads.add(thread.threadId()),
                    SAY.text("chainNew", v[n], thread.threadId())));
        }
    }
}
