package conclab.scheduling;

import static conclab.scheduling.SchedulingTestKit.assertKeepsTheRules;
import static conclab.scheduling.SchedulingTestKit.assertTimeline;
import static conclab.scheduling.SchedulingTestKit.assertTimes;
import static conclab.scheduling.SchedulingTestKit.randomJobs;
import static conclab.scheduling.SchedulingTestKit.schedule;
import static conclab.scheduling.SchedulingTestKit.timeline;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.MeasurementLog;
import conclab.harness.Points;
import conclab.harness.Say;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hidden: levels and I/O, a boost that interrupts, short jobs first, one level is round robin. */
@Tag("scheduling")
@ExtendWith(MeasurementLog.class)
@Timeout(10)
class FeedbackQueueHiddenTest {

    /** What each schedule is, as the kit's sentences name it, in the student's language. */
    private static final Say SAY = Say.of(FeedbackQueueHiddenTest.class);

    @Test
    @Points(1)
    @Hint("exactSlice")
    void aBurstThatEndsWithItsSliceDoesNotDrop() {
        List<Job> jobs = List.of(Job.withIo("A", 0, 2, 1, 3), Job.of("B", 1, 5));
        Schedule schedule = Scheduler.run(jobs, Policy.feedbackQueue(0, 2, 4));
        assertTimeline(SAY.text("exactSlice.timeline"), timeline("A 0-2, B 2-4, A 4-6, B 6-9,"
                + " A 9-10"), schedule);
        assertTimes(SAY.text("mlfq"), jobs, new int[][] {{0, 10}, {2, 9}}, schedule);
    }

    @Test
    @Points(1)
    @Hint("interactive")
    void aJobThatBlocksBeforeItsSliceEndsStaysOnTop() {
        List<Job> jobs = List.of(Job.withIo("I", 0, 1, 2, 1, 2, 1), Job.of("L", 0, 10));
        Schedule schedule = Scheduler.run(jobs, Policy.feedbackQueue(0, 2, 4));
        assertTimeline(SAY.text("interactive.timeline"),
                timeline("I 0-1, L 1-3, I 3-4, L 4-6, I 6-7, L 7-13"), schedule);
        assertTimes(SAY.text("mlfq"), jobs, new int[][] {{0, 7}, {1, 13}}, schedule);
    }

    @Test
    @Points(2)
    @Hint("boostInterrupts")
    void aBoostInterruptsTheRunningJobAndLiftsEverybody() {
        List<Job> jobs = List.of(Job.of("A", 0, 9), Job.of("B", 1, 6));
        Schedule schedule = Scheduler.run(jobs, Policy.feedbackQueue(5, 2, 4));
        assertTimeline(SAY.text("boost.timeline"),
                timeline("A 0-2, B 2-4, A 4-5, B 5-7, A 7-9, B 9-10, A 10-12, B 12-13, A 13-15"),
                schedule);
        assertTimes(SAY.text("boost.times"), jobs, new int[][] {{0, 15}, {2, 13}}, schedule);
    }

    @Test
    @Points(2)
    @Hint("shortFirst")
    void aShortJobThatArrivesWhileALongOneRunsFinishesFirst() {
        Random random = new Random(77_001);
        int checked = 0;
        for (int round = 0; round < 200 && checked < 60; round++) {
            int top = 1 + random.nextInt(4);
            Policy policy = Policy.feedbackQueue(0, top, top + 2, 2 * top + 4);
            List<Job> jobs = new ArrayList<>();
            int longBurst = top + 2 + random.nextInt(20);
            jobs.add(Job.of("long", 0, longBurst));
            for (Job other : randomJobs(random, random.nextInt(4), 10, 10, false)) {
                jobs.add(other);
            }
            Schedule before = schedule(jobs, policy, Machine.SINGLE_CPU);
            // a tick t at which "long" ran during t-1 and still has more than the top slice left
            int ran = 0;
            int arrival = -1;
            for (int t = 0; t < before.makespan() && arrival < 0; t++) {
                if (runs(before, "long", t)) {
                    ran++;
                    if (longBurst - ran > top && random.nextInt(3) == 0) {
                        arrival = t + 1;
                    }
                }
            }
            if (arrival < 0) {
                continue;
            }
            List<Job> withShort = new ArrayList<>(jobs);
            withShort.add(Job.of("short", arrival, 1 + random.nextInt(top)));
            Schedule after = schedule(withShort, policy, Machine.SINGLE_CPU);
            assertKeepsTheRules(SAY.text("round", round), withShort, policy, Machine.SINGLE_CPU, after);
            if (after.stats("short").completion() > after.stats("long").completion()) {
                fail("round " + round + ": " + policy.label() + ": \"short\" arrives at " + arrival
                        + ", while \"long\" runs with more than the top level's slice left; short"
                        + " (at most one top slice of work) must finish first, but it completed at "
                        + after.stats("short").completion() + " and long at "
                        + after.stats("long").completion() + "\njobs: " + withShort + "\n"
                        + SchedulingTestKit.chart(after.timeline()));
            }
            checked++;
        }
        if (checked < 30) {
            fail("the test found only " + checked + " cases to check");
        }
    }

    @Test
    @Points(1)
    @Hint("oneLevel")
    void aFeedbackQueueWithOneLevelIsRoundRobin() {
        Random random = new Random(90_210);
        for (int round = 0; round < 40; round++) {
            int quantum = 1 + random.nextInt(4);
            Machine machine = new Machine(1 + random.nextInt(2), random.nextInt(2));
            List<Job> jobs = randomJobs(random, 2 + random.nextInt(5), 8, 8, true);
            Schedule rr = schedule(jobs, Policy.roundRobin(quantum), machine);
            Schedule mlfq = schedule(jobs, Policy.feedbackQueue(0, quantum), machine);
            assertTimeline(SAY.text("oneLevel.timeline", round, quantum, machine, jobs), rr.timeline(),
                    mlfq);
        }
    }

    private static boolean runs(Schedule schedule, String job, int tick) {
        for (Segment segment : schedule.timeline()) {
            if (segment.kind() == Segment.Kind.RUN && job.equals(segment.job())
                    && segment.start() <= tick && tick < segment.end()) {
                return true;
            }
        }
        return false;
    }
}
