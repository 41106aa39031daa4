package conclab.join;

import static conclab.join.JoinTestKit.CONCURRENT;
import static conclab.join.JoinTestKit.SERIAL;
import static conclab.join.JoinTestKit.began;
import static conclab.join.JoinTestKit.checkChildren;
import static conclab.join.JoinTestKit.ended;
import static conclab.join.JoinTestKit.ms;
import static conclab.join.JoinTestKit.table;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Timing;
import conclab.join.JoinTestKit.Run;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * The timelines of a serial and a concurrent run, judged by their shape: disjoint and in order,
 * or overlapping; the parent going on only after every child.
 */
@Tag("join")
@Timeout(60)
class JoinTest {

    private static final String SERIAL_RUN = "Joiner.serial(" + JoinTestKit.describe(SERIAL) + ")";
    private static final String CONCURRENT_RUN =
            "Joiner.concurrent(" + JoinTestKit.describe(CONCURRENT) + ")";

    @Test
    @Points(2)
    @Hint("serial")
    void serialChildrenRunOneAfterAnother() throws Exception {
        Run run = JoinTestKit.serialRun();
        Timeline timeline = run.timeline();
        checkChildren(timeline, SERIAL, SERIAL_RUN);
        List<ChildSpan> children = timeline.children();
        for (int i = 0; i + 1 < children.size(); i++) {
            ChildSpan previous = children.get(i);
            ChildSpan next = children.get(i + 1);
            Duration previousEnded = ended(previous, SERIAL_RUN);
            Duration nextBegan = began(next, SERIAL_RUN);
            if (nextBegan.compareTo(previousEnded) <= 0) {
                fail(SERIAL_RUN + ": child " + next.name() + " began at " + ms(nextBegan)
                        + ", before child " + previous.name() + " had ended (at "
                        + ms(previousEnded) + "). In a serial run each child is started only after"
                        + " the previous one was joined: start, join, start, join, ..."
                        + table(timeline));
            }
        }
    }

    @Test
    @Points(1)
    @Hint("work")
    void serialChildrenWorkTheirOwnSleepAfterStartingUp(TestReporter reporter) throws Exception {
        Run run = JoinTestKit.serialRun();
        Timeline timeline = run.timeline();
        checkChildren(timeline, SERIAL, SERIAL_RUN);
        double worst = -1;
        Duration worstWork = Duration.ZERO;
        Duration worstBound = Duration.ZERO;
        for (ChildSpan child : timeline.children()) {
            Duration work = ended(child, SERIAL_RUN).minus(began(child, SERIAL_RUN));
            // Lines are noted when they arrive, so a busy parent may note the first one late:
            // the interval may look shorter than the sleep, but never this much shorter.
            Duration least = child.sleep().dividedBy(2);
            Duration bound = Timing.upperBound(child.sleep().plus(Duration.ofMillis(250)));
            if (work.compareTo(least) < 0) {
                fail(SERIAL_RUN + ": child " + child.name() + " slept " + ms(child.sleep())
                        + ", but the parent saw its two lines only " + ms(work) + " apart. The"
                        + " child prints 'began' before its sleep and 'ended' after it, and the"
                        + " parent must note each line when it arrives, reading the output while"
                        + " the child runs (not after waitFor())." + table(timeline));
            }
            if (work.compareTo(bound) > 0) {
                fail(SERIAL_RUN + ": child " + child.name() + " was asked to sleep "
                        + ms(child.sleep()) + ", but its two lines came " + ms(work) + " apart"
                        + " (at most " + ms(bound) + " expected). Does the child sleep MILLIS"
                        + " milliseconds (not seconds)? Is 'began' taken from the child's first"
                        + " line, printed once its JVM is up?" + table(timeline));
            }
            double ratio = (double) work.toNanos() / bound.toNanos();
            if (ratio > worst) {
                worst = ratio;
                worstWork = work;
                worstBound = bound;
            }
        }
        JoinTestKit.publish(reporter, "serialChildWorkMs", worstWork, worstBound);
    }

    @Test
    @Points(3)
    @Hint("overlap")
    void concurrentChildrenOverlap(TestReporter reporter) throws Exception {
        Run run = JoinTestKit.concurrentRun();
        Timeline timeline = run.timeline();
        checkChildren(timeline, CONCURRENT, CONCURRENT_RUN);
        List<ChildSpan> children = timeline.children();
        // A child whose end the parent never saw was still running when the parent went on:
        // for overlap, it ends at infinity. (Going on early is judged by another test.)
        Duration firstEnd = children.stream().flatMap(c -> c.ended().stream())
                .min(Duration::compareTo).orElse(Duration.ofDays(1));
        ChildSpan firstEnded = children.stream()
                .filter(c -> c.ended().isPresent() && c.ended().get().equals(firstEnd))
                .findFirst().orElse(null);
        for (ChildSpan child : children) {
            if (child.launched().compareTo(firstEnd) >= 0) {
                fail(CONCURRENT_RUN + ": child " + child.name() + " was launched at "
                        + ms(child.launched()) + ", after child " + firstEnded.name()
                        + " had already ended (at " + ms(firstEnd) + "). Start every child"
                        + " first, and only then join them: a join inside the start loop makes"
                        + " the run serial." + table(timeline));
            }
        }
        Duration firstBegan = children.stream().map(c -> began(c, CONCURRENT_RUN))
                .min(Duration::compareTo).orElseThrow();
        ChildSpan lastToBegin = children.stream().max((a, b) -> began(a, CONCURRENT_RUN)
                .compareTo(began(b, CONCURRENT_RUN))).orElseThrow();
        Duration lastBegan = began(lastToBegin, CONCURRENT_RUN);
        if (children.size() > 1) {
            JoinTestKit.publish(reporter, "beganSpreadMs", lastBegan.minus(firstBegan),
                    firstEnd.minus(firstBegan));
        }
        if (lastBegan.compareTo(firstEnd) >= 0) {
            fail(CONCURRENT_RUN + ": the children's work did not overlap: child "
                    + lastToBegin.name() + " began at " + ms(lastBegan) + ", but child "
                    + firstEnded.name() + " had already ended at " + ms(firstEnd) + ". Started"
                    + " together, sleeping children all sleep at the same time." + table(timeline));
        }
    }

    @Test
    @Points(2)
    @Hint("longest")
    void concurrentRunTakesAboutTheLongestSleep(TestReporter reporter) throws Exception {
        Run run = JoinTestKit.concurrentRun();
        Timeline timeline = run.timeline();
        checkChildren(timeline, CONCURRENT, CONCURRENT_RUN);
        Duration firstBegan = null;
        Duration lastEnded = null;
        Duration sumOfWork = Duration.ZERO;
        Duration longest = Duration.ZERO;
        for (ChildSpan child : timeline.children()) {
            Duration began = began(child, CONCURRENT_RUN);
            Duration ended = ended(child, CONCURRENT_RUN);
            firstBegan = firstBegan == null || began.compareTo(firstBegan) < 0 ? began : firstBegan;
            lastEnded = lastEnded == null || ended.compareTo(lastEnded) > 0 ? ended : lastEnded;
            sumOfWork = sumOfWork.plus(ended.minus(began));
            longest = child.sleep().compareTo(longest) > 0 ? child.sleep() : longest;
        }
        Duration working = lastEnded.minus(firstBegan);
        Duration bound = Timing.upperBound(longest);
        reporter.publishEntry("sumOfWorkMs", String.valueOf(sumOfWork.toMillis()));
        JoinTestKit.publish(reporter, "workPhaseMs", working, bound);
        if (working.compareTo(sumOfWork) >= 0) {
            fail(CONCURRENT_RUN + ": from the first child's 'began' to the last child's 'ended'"
                    + " took " + ms(working) + ", no less than the children's work added up ("
                    + ms(sumOfWork) + "): the children ran one after another. Concurrently, the"
                    + " whole takes about the longest sleep, not the sum." + table(timeline));
        }
        assertTrue(working.compareTo(bound) <= 0, CONCURRENT_RUN + ": the working phase took "
                + ms(working) + ", more than " + ms(bound) + " for a longest sleep of "
                + ms(longest) + "." + table(timeline));
    }

    @Test
    @Points(2)
    @Hint("wentOn")
    void concurrentParentGoesOnOnlyAfterEveryChildEnded() throws Exception {
        Run run = JoinTestKit.concurrentRun();
        Timeline timeline = run.timeline();
        checkChildren(timeline, CONCURRENT, CONCURRENT_RUN);
        for (ChildSpan child : timeline.children()) {
            if (run.runningAtReturn().contains(child.pid())) {
                fail(CONCURRENT_RUN + " returned while child " + child.name() + " (pid "
                        + child.pid() + ", sleeping " + ms(child.sleep()) + ") was still running."
                        + " The parent must join every child before it goes on, not only the"
                        + " last one started (after the start loop, 'p' is only the last child)."
                        + table(timeline));
            }
        }
        for (ChildSpan child : timeline.children()) {
            Duration ended = ended(child, CONCURRENT_RUN);
            Duration joined = child.joined().orElseGet(() -> fail(CONCURRENT_RUN + ": child "
                    + child.name() + " was never joined. Join every child." + table(timeline)));
            assertTrue(joined.compareTo(ended) >= 0, CONCURRENT_RUN + ": child " + child.name()
                    + "'s join returned at " + ms(joined) + ", before its 'ended' line arrived at "
                    + ms(ended) + ": a join waits until the child has ended and its output was"
                    + " read." + table(timeline));
            assertTrue(timeline.wentOn().compareTo(joined) >= 0, CONCURRENT_RUN + ": the parent"
                    + " went on at " + ms(timeline.wentOn()) + ", before child " + child.name()
                    + " was joined at " + ms(joined) + ": note wentOn after the last join."
                    + table(timeline));
        }
    }
}
