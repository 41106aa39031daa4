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
import conclab.harness.Say;
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
 *
 * <p>Every text is in {@code IsolationTest.properties} (and {@code _zh_CN}); each step that can
 * fail in its own way carries the hint for that way ({@link Say#hinting}).
 */
@Tag("isolation")
@Timeout(30)
class IsolationTest {

    private static final Say SAY = Say.of(IsolationTest.class);

    @Test
    @Points(1)
    @Hint("look")
    void lookReadsSetsAndReportsThisProcess() {
        int[] v = values(3);
        money(v[0]);
        Sighting first = Isolation.look(v[1]);
        SAY.hinting("returnsSighting", () -> assertNotNull(first, SAY.text("null", "look(" + v[1] + ")")));
        SAY.hinting("look.readFirst", () -> assertEquals(v[0], first.moneyBefore(),
                SAY.text("look.before", v[0], v[1])));
        SAY.hinting("look.setField", () -> assertEquals(v[1], money(), SAY.text("look.set", v[1])));
        SAY.hinting("look.afterSet", () -> assertEquals(v[1], first.moneyAfter(), SAY.text("look.after", v[1])));
        SAY.hinting("look.ownPid", () -> assertEquals(myPid(), first.pid(),
                SAY.text("look.pid", myPid(), first.pid())));
        long parent = myParentPid();
        SAY.hinting("look.parentPid", () -> assertEquals(parent, first.parentPid(),
                SAY.text("look.parent", parent, first.parentPid())));
        SAY.hinting("look.ownInitialisation", () -> assertEquals(Isolation.INITIALISATION,
                first.initialisation(), SAY.text("look.initialisation")));

        Sighting second = Isolation.look(v[2]);
        SAY.hinting("look.keepsNothing", () -> assertEquals(v[1], second.moneyBefore(),
                SAY.text("look.again", v[2], v[1])));
    }

    @Test
    @Points(3)
    @Hint("fresh")
    void aChildProcessStartsAsAFreshProgram(TestReporter reporter) throws Exception {
        int[] v = values(2);
        money(v[0]);
        ChildRun run = IsolationTestKit.inChildProcess(v[1], reporter);
        Sighting child = run.sighting();
        SAY.hinting("child.returns", () -> assertNotNull(child,
                SAY.text("null", "inChildProcess(" + v[1] + ")")));

        SAY.hinting("child.process", () -> assertNotEquals(myPid(), child.pid(),
                SAY.text("child.samePid", myPid())));
        SAY.hinting("child.printed", () -> assertTrue(run.started().contains(child.pid()),
                SAY.text("child.notStarted", child.pid(), run.started(), run.watched())));
        SAY.hinting("child.direct", () -> assertEquals(myPid(), child.parentPid(),
                SAY.text("child.parent", child.pid(), child.parentPid(), myPid())));
        SAY.hinting("child.nothingElse", () -> assertEquals(INITIAL_MONEY, child.moneyBefore(),
                SAY.text("child.fresh", v[0], child.moneyBefore(), INITIAL_MONEY)));
        SAY.hinting("child.ownInitialisation", () -> assertNotEquals(Isolation.INITIALISATION,
                child.initialisation(), SAY.text("child.initialisation", child.initialisation())));
        SAY.hinting("child.waitFor", () -> assertTrue(run.runningAtReturn().isEmpty(),
                SAY.text("child.running", run.runningAtReturn())));
    }

    @Test
    @Points(2)
    @Hint("own")
    void aChildsChangeStaysInTheChild(TestReporter reporter) throws Exception {
        int[] v = values(2);
        money(v[0]);
        Sighting child = IsolationTestKit.inChildProcess(v[1], reporter).sighting();
        SAY.hinting("child.returns", () -> assertNotNull(child,
                SAY.text("null", "inChildProcess(" + v[1] + ")")));
        SAY.hinting("child.value", () -> assertEquals(v[1], child.moneyAfter(),
                SAY.text("child.after", v[1], child.moneyAfter())));
        SAY.hinting("child.process", () -> assertNotEquals(myPid(), child.pid(),
                SAY.text("child.notAChild", myPid())));
        SAY.hinting("child.leaveMoney", () -> assertEquals(v[0], money(),
                SAY.text("child.copiedBack", v[0], v[1], money())));

        // Child's main is an ordinary method: called here, it calls look(VALUE) here
        String call = SAY.text("main.call", v[1]);
        SAY.hinting("main.returns", () -> BoundedWait.within(Duration.ofSeconds(5), call,
                SAY.text("main.advice"), () -> {
                    Isolation.Child.main(new String[] {String.valueOf(v[1])});
                    return null;
                }));
        SAY.hinting("main.callsLook", () -> assertEquals(v[1], money(), SAY.text("main.look", call, v[1], money())));
    }

    @Test
    @Points(2)
    @Hint("thread")
    void aThreadSharesTheParentsMemory(TestReporter reporter) throws Exception {
        int[] v = values(2);
        money(v[0]);
        ThreadRun run = IsolationTestKit.lookThenInThread(v[1], reporter);
        Sighting thread = run.thread();
        SAY.hinting("thread.returns", () -> assertNotNull(thread, SAY.text("null", "inThread(" + v[1] + ")")));
        SAY.hinting("thread.notAProcess", () -> assertEquals(myPid(), thread.pid(),
                SAY.text("thread.pid", myPid(), thread.pid())));
        SAY.hinting("thread.start", () -> assertNotEquals(run.caller().threadId(), thread.threadId(),
                SAY.text("thread.caller", thread.threadId())));
        SAY.hinting("thread.join", () -> assertFalse(run.threadAliveAfter(),
                SAY.text("thread.alive", thread.threadId())));
        SAY.hinting("thread.shares", () -> assertEquals(v[0], thread.moneyBefore(),
                SAY.text("thread.before", v[0], thread.moneyBefore())));
        SAY.hinting("thread.value", () -> assertEquals(v[1], thread.moneyAfter(),
                SAY.text("thread.after", v[1], thread.moneyAfter())));
        SAY.hinting("thread.keep", () -> assertEquals(v[1], money(),
                SAY.text("thread.parentSees", v[1], money())));
        SAY.hinting("thread.sameInitialisation", () -> assertEquals(Isolation.INITIALISATION,
                thread.initialisation(), SAY.text("thread.initialisation")));
    }
}
