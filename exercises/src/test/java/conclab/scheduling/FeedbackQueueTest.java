package conclab.scheduling;

import static conclab.scheduling.SchedulingTestKit.assertTimeline;
import static conclab.scheduling.SchedulingTestKit.assertTimes;
import static conclab.scheduling.SchedulingTestKit.timeline;

import conclab.harness.Hint;
import conclab.harness.MeasurementLog;
import conclab.harness.Points;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The multi-level feedback queue: dropping a level, keeping progress, preemption, the boost. */
@Tag("scheduling")
@ExtendWith(MeasurementLog.class)
@Timeout(5)
class FeedbackQueueTest {

    @Test
    @Points(2)
    @Hint("demote")
    void aJobThatUsesItsWholeSliceDropsALevelAndKeepsItsProgress() {
        List<Job> jobs = List.of(Job.of("A", 0, 7), Job.of("B", 1, 3));
        Schedule schedule = Scheduler.run(jobs, Policy.feedbackQueue(0, 2, 4));
        assertTimeline("feedback queue with slices 2 (level 0) and 4 (level 1): A uses its slice"
                + " (0-2) and drops to level 1; B (level 0) goes first, uses its slice and drops"
                + " too; then level 1 takes turns with slices of 4: A has 5 ticks left, B 1",
                timeline("A 0-2, B 2-4, A 4-8, B 8-9, A 9-10"), schedule);
        assertTimes("feedback queue", jobs, new int[][] {{0, 10}, {2, 9}}, schedule);
    }

    @Test
    @Points(1)
    @Hint("oneLevelAtATime")
    void aUsedUpSliceDropsOneLevelAtATime() {
        List<Job> jobs = List.of(Job.of("A", 0, 8), Job.of("B", 2, 4));
        Schedule schedule = Scheduler.run(jobs, Policy.feedbackQueue(0, 1, 2, 4));
        assertTimeline("feedback queue with slices 1, 2 and 4: A uses its slice at level 0 (0-1) and"
                + " runs on at level 1; B arrives at 2 at level 0 and preempts it, uses its slice"
                + " (2-3) and drops to level 1, behind A; A uses its level-1 slice (3-5) and drops"
                + " to level 2, B uses its own (5-7) and drops too; level 2 takes turns with slices"
                + " of 4. Each used-up slice drops one level, not straight to the bottom",
                timeline("A 0-2, B 2-3, A 3-5, B 5-7, A 7-11, B 11-12"), schedule);
        assertTimes("feedback queue", jobs, new int[][] {{0, 11}, {2, 12}}, schedule);
    }

    @Test
    @Points(1)
    @Hint("preempt")
    void aShortJobPreemptsALongOneAndFinishesFirst() {
        List<Job> jobs = List.of(Job.of("A", 0, 20), Job.of("B", 5, 2));
        Schedule schedule = Scheduler.run(jobs, Policy.feedbackQueue(0, 2, 4, 8));
        assertTimeline("feedback queue with slices 2, 4, 8: A runs 0-2 at level 0, then at level"
                + " 1; B arrives at 5 at level 0 and takes the CPU at once; A goes on from where it"
                + " was (15 ticks left), at level 1 with a fresh slice of 4, then at level 2",
                timeline("A 0-5, B 5-7, A 7-22"), schedule);
        assertTimes("feedback queue", jobs, new int[][] {{0, 22}, {5, 7}}, schedule);
    }

    @Test
    @Points(2)
    @Hint("boost")
    void aBoostLiftsAWaitingLongJobBackToTheTop() {
        List<Job> jobs = List.of(Job.of("A", 0, 6), Job.of("B", 2, 2), Job.of("C", 4, 2),
                Job.of("D", 6, 2), Job.of("E", 8, 2), Job.of("F", 10, 2));
        Schedule starving = Scheduler.run(jobs, Policy.feedbackQueue(0, 2, 8));
        assertTimeline("feedback queue with slices 2 and 8, no boost: after its first slice A waits"
                + " at level 1 while short jobs keep arriving at level 0",
                timeline("A 0-2, B 2-4, C 4-6, D 6-8, E 8-10, F 10-12, A 12-16"), starving);

        Schedule boosted = Scheduler.run(jobs, Policy.feedbackQueue(5, 2, 8));
        assertTimeline("the same with a boost every 5 ticks: at 5 the boost interrupts C and lifts"
                + " A to level 0, ahead of C; A runs a slice and drops again, behind C and D; at 10"
                + " it is lifted again, behind E and F, which were at level 0 before",
                timeline("A 0-2, B 2-4, C 4-5, A 5-7, C 7-8, D 8-10, E 10-12, F 12-14, A 14-16"),
                boosted);
        assertTimes("feedback queue with a boost every 5 ticks", jobs, new int[][] {{0, 16},
            {2, 4}, {4, 8}, {8, 10}, {10, 12}, {12, 14}}, boosted);
    }
}
