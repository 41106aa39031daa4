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
import conclab.harness.MeasurementLog;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.harness.Timing;
import conclab.harness.TimingBoundExceeded;
import conclab.harness.TimingTest;
import conclab.join.JoinTestKit.Run;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The timelines of a serial and a concurrent run, judged by their shape: the children's lives
 * (launched until ended, as the parent saw them) disjoint and in order, or overlapping; each
 * child's working interval holding its sleep and not its JVM's start-up; the parent going on
 * only after every child.
 *
 * <p>Why lives, and not the working intervals, for overlap: children started together come up at
 * different moments, since their JVMs' start-ups compete for the CPU; on a busy machine they
 * differ by a second and more, and then one child may finish its short sleep before another is
 * even up. Launching and joining, though, are the parent's own acts, and their order does not
 * depend on the machine.
 *
 * <p>Every text is in {@code JoinTest.properties} (and {@code _zh_CN}); each check that can fail
 * in its own way carries the hint for that way ({@link Say#hinting}).
 */
@Tag("join")
@ExtendWith({MeasurementLog.class, JoinTestKit.OncePerTestRun.class})
@Timeout(60)
class JoinTest {

    private static final Say SAY = Say.of(JoinTest.class);

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
            if (next.launched().compareTo(previousEnded) <= 0) {
                fail(SAY.text("serial.launchedEarly", SERIAL_RUN, next.name(),
                        ms(next.launched()), previous.name(), ms(previousEnded), table(timeline)));
            }
            Duration nextBegan = began(next, SERIAL_RUN);
            SAY.hinting("serial.began", () -> assertTrue(nextBegan.compareTo(previousEnded) > 0,
                    SAY.text("serial.beganEarly", SERIAL_RUN, next.name(), ms(nextBegan),
                            previous.name(), ms(previousEnded), table(timeline))));
        }
    }

    @TimingTest
    @Points(2)
    @Hint("work")
    void eachChildWorksItsOwnSleepAfterStartingUp(TestReporter reporter) throws Exception {
        Duration worstWork = Duration.ZERO;
        Duration worstBound = Duration.ZERO;
        double worst = -1;
        Duration worstExcess = null;
        Duration worstStartUp = null;
        double worstShare = Double.NEGATIVE_INFINITY;
        for (boolean serial : new boolean[] {true, false}) {
            Run run = serial ? JoinTestKit.serialRun() : JoinTestKit.concurrentRun();
            String call = serial ? SERIAL_RUN : CONCURRENT_RUN;
            Timeline timeline = run.timeline();
            checkChildren(timeline, serial ? SERIAL : CONCURRENT, call);
            for (ChildSpan child : timeline.children()) {
                if (!serial && child.ended().isEmpty()) {
                    continue; // the parent went on too early: judged by another test
                }
                Duration began = began(child, call);
                Duration work = ended(child, call).minus(began);
                // Lines are noted when they arrive, and a busy parent may note the first one
                // late (by a hundred milliseconds and more): the interval may look shorter than
                // the sleep, but never as short as this.
                Duration least = child.sleep().dividedBy(10);
                Duration bound = Timing.upperBound(child.sleep().plus(Duration.ofMillis(250)));
                if (work.compareTo(least) < 0) {
                    // a parent starved of the CPU for the whole sleep sees both lines at once too,
                    // so this earns another attempt; a parent that reads after waitFor() fails each
                    TimingBoundExceeded tooShort = new TimingBoundExceeded(SAY.text("work.tooShort",
                            call, child.name(), ms(child.sleep()), ms(work), table(timeline)),
                            work, least);
                    SAY.hinting("work.readLive", () -> {
                        throw tooShort;
                    });
                }
                // The start-up is measured in the same run: from the launch to the first line.
                // A JVM's start-up takes a hundred milliseconds and more, and what the work
                // interval holds beyond the sleep is only how late the lines were noted and the
                // sleep woke (on a busy machine up to half the start-up): never twice as much as
                // the start-up. A 'began' noted at the launch puts the whole start-up into the
                // work, and leaves almost none before it (a few milliseconds).
                Duration startUp = began.minus(child.launched());
                Duration excess = work.minus(child.sleep());
                Duration allowed = startUp.multipliedBy(2);
                if (excess.compareTo(allowed) > 0) {
                    String counted = SAY.text("work.startUpCounted", call, child.name(), ms(work),
                            ms(child.sleep()), ms(excess), ms(startUp), table(timeline));
                    SAY.hinting("work.beganAtArrival", () -> fail(counted));
                }
                double share = allowed.isZero() ? Double.POSITIVE_INFINITY
                        : (double) excess.toNanos() / allowed.toNanos();
                if (share > worstShare) {
                    worstShare = share;
                    worstExcess = excess;
                    worstStartUp = allowed;
                }
                if (work.compareTo(bound) > 0) {
                    TimingBoundExceeded tooLong = new TimingBoundExceeded(SAY.text("work.tooLong",
                            call, child.name(), ms(child.sleep()), ms(work), ms(bound),
                            table(timeline)), work, bound);
                    SAY.hinting("work.millis", () -> {
                        throw tooLong;
                    });
                }
                double ratio = (double) work.toNanos() / bound.toNanos();
                if (ratio > worst) {
                    worst = ratio;
                    worstWork = work;
                    worstBound = bound;
                }
            }
        }
        JoinTestKit.publish(reporter, "childWorkMs", worstWork, worstBound);
        if (worstExcess != null) {
            // what the work held beyond the sleep, against twice the start-up of the same child
            JoinTestKit.publish(reporter, "workBeyondSleepMs", worstExcess, worstStartUp);
        }
    }

    @Test
    @Points(3)
    @Hint("overlap")
    void concurrentChildrenLiveAtTheSameTime(TestReporter reporter) throws Exception {
        Run run = JoinTestKit.concurrentRun();
        Timeline timeline = run.timeline();
        checkChildren(timeline, CONCURRENT, CONCURRENT_RUN);
        List<ChildSpan> children = timeline.children();
        // A child whose end the parent never saw was still running when the parent went on:
        // it lived on. (Going on early is judged by another test.)
        ChildSpan firstToEnd = null;
        for (ChildSpan child : children) {
            if (child.ended().isPresent() && (firstToEnd == null
                    || child.ended().get().compareTo(firstToEnd.ended().get()) < 0)) {
                firstToEnd = child;
            }
        }
        Duration firstLaunched = children.get(0).launched();
        Duration lastLaunched = children.get(children.size() - 1).launched();
        if (firstToEnd != null) {
            Duration firstEnd = firstToEnd.ended().get();
            for (ChildSpan child : children) {
                if (child.launched().compareTo(firstEnd) >= 0) {
                    fail(SAY.text("overlap.launchedLate", CONCURRENT_RUN, child.name(),
                            ms(child.launched()), firstToEnd.name(), ms(firstEnd),
                            table(timeline)));
                }
            }
            JoinTestKit.publish(reporter, "launchSpreadMs", lastLaunched.minus(firstLaunched),
                    firstEnd.minus(firstLaunched));
        }
        // For the record: how long all the children worked at the same time (negative: never
        // all at once, which a busy machine's staggered start-ups can cause).
        if (children.stream().allMatch(c -> c.began().isPresent() && c.ended().isPresent())) {
            Duration lastBegan = children.stream().map(c -> c.began().get())
                    .max(Duration::compareTo).orElseThrow();
            Duration firstEnded = children.stream().map(c -> c.ended().get())
                    .min(Duration::compareTo).orElseThrow();
            reporter.publishEntry("workOverlapMs",
                    String.valueOf(firstEnded.minus(lastBegan).toMillis()));
        }
    }

    @TimingTest
    @Points(2)
    @Hint("longest")
    void concurrentRunTakesAboutTheLongestChild(TestReporter reporter) throws Exception {
        Run run = JoinTestKit.concurrentRun();
        Timeline timeline = run.timeline();
        checkChildren(timeline, CONCURRENT, CONCURRENT_RUN);
        Duration sumOfLives = Duration.ZERO;
        Duration longest = Duration.ZERO;
        for (ChildSpan child : timeline.children()) {
            Duration life = JoinTestKit.life(child, timeline);
            sumOfLives = sumOfLives.plus(life);
            longest = life.compareTo(longest) > 0 ? life : longest;
        }
        Duration whole = timeline.wentOn();
        Duration bound = Timing.upperBound(longest);
        reporter.publishEntry("sumOfLivesMs", String.valueOf(sumOfLives.toMillis()));
        JoinTestKit.publish(reporter, "wentOnMs", whole, bound);
        if (whole.compareTo(sumOfLives) >= 0) {
            String sum = SAY.text("longest.sum", CONCURRENT_RUN, ms(whole), ms(sumOfLives),
                    table(timeline));
            SAY.hinting("longest.serial", () -> fail(sum));
        }
        if (whole.compareTo(bound) > 0) {
            TimingBoundExceeded late = new TimingBoundExceeded(SAY.text("longest.late",
                    CONCURRENT_RUN, ms(whole), ms(bound), ms(longest), table(timeline)), whole,
                    bound);
            SAY.hinting("longest.promptly", () -> {
                throw late;
            });
        }
    }

    @Test
    @Points(2)
    @Hint("wentOn")
    void concurrentParentGoesOnOnlyAfterEveryChildEnded() throws Exception {
        Run run = JoinTestKit.concurrentRun();
        Timeline timeline = run.timeline();
        checkChildren(timeline, CONCURRENT, CONCURRENT_RUN);
        if (!run.runningAtReturn().isEmpty()) {
            String which = timeline.children().stream()
                    .filter(child -> run.runningAtReturn().contains(child.pid()))
                    .map(child -> SAY.text("wentOn.child", child.name(), child.pid(),
                            ms(child.sleep()))).collect(Collectors.joining(SAY.text("list.separator")));
            String running = SAY.text("wentOn.running", CONCURRENT_RUN, which.isEmpty()
                    ? SAY.text("wentOn.processes", run.runningAtReturn()) : which, table(timeline));
            SAY.hinting("wentOn.every", () -> fail(running));
        }
        for (ChildSpan child : timeline.children()) {
            Duration ended = ended(child, CONCURRENT_RUN);
            Duration joined = child.joined().orElseGet(() -> SAY.hinting("wentOn.every",
                    () -> fail(SAY.text("wentOn.neverJoined", CONCURRENT_RUN, child.name(),
                            table(timeline)))));
            SAY.hinting("wentOn.joinWaits", () -> assertTrue(joined.compareTo(ended) >= 0,
                    SAY.text("wentOn.joinedEarly", CONCURRENT_RUN, child.name(), ms(joined),
                            ms(ended), table(timeline))));
            SAY.hinting("wentOn.noteLast", () -> assertTrue(timeline.wentOn().compareTo(joined) >= 0,
                    SAY.text("wentOn.beforeJoin", CONCURRENT_RUN, ms(timeline.wentOn()),
                            child.name(), ms(joined), table(timeline))));
        }
    }
}
