package conclab.scheduling;

import static conclab.scheduling.SchedulingTestKit.assertTimeline;
import static conclab.scheduling.SchedulingTestKit.assertTimes;
import static conclab.scheduling.SchedulingTestKit.timeline;

import conclab.harness.Hint;
import conclab.harness.MeasurementLog;
import conclab.harness.Points;
import conclab.harness.Say;
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

    private static final Say SAY = Say.of(FeedbackQueueTest.class);

    @Test
    @Points(2)
    @Hint("demote")
    void aJobThatUsesItsWholeSliceDropsALevelAndKeepsItsProgress() {
        List<Job> jobs = List.of(Job.of("A", 0, 7), Job.of("B", 1, 3));
        Schedule schedule = Scheduler.run(jobs, Policy.feedbackQueue(0, 2, 4));
        assertTimeline(SAY.text("demote.timeline"), timeline("A 0-2, B 2-4, A 4-8, B 8-9, A 9-10"), schedule);
        assertTimes(SAY.text("times"), jobs, new int[][] {{0, 10}, {2, 9}}, schedule);
    }

    @Test
    @Points(1)
    @Hint("oneLevelAtATime")
    void aUsedUpSliceDropsOneLevelAtATime() {
        List<Job> jobs = List.of(Job.of("A", 0, 8), Job.of("B", 2, 4));
        Schedule schedule = Scheduler.run(jobs, Policy.feedbackQueue(0, 1, 2, 4));
        assertTimeline(SAY.text("oneLevelAtATime.timeline"), timeline("A 0-2, B 2-3, A 3-5, B 5-7, A 7-11, B 11-12"),
                schedule);
        assertTimes(SAY.text("times"), jobs, new int[][] {{0, 11}, {2, 12}}, schedule);
    }

    @Test
    @Points(1)
    @Hint("preempt")
    void aShortJobPreemptsALongOneAndFinishesFirst() {
        List<Job> jobs = List.of(Job.of("A", 0, 20), Job.of("B", 5, 2));
        Schedule schedule = Scheduler.run(jobs, Policy.feedbackQueue(0, 2, 4, 8));
        assertTimeline(SAY.text("preempt.timeline"), timeline("A 0-5, B 5-7, A 7-22"), schedule);
        assertTimes(SAY.text("times"), jobs, new int[][] {{0, 22}, {5, 7}}, schedule);
    }

    @Test
    @Points(2)
    @Hint("boost")
    void aBoostLiftsAWaitingLongJobBackToTheTop() {
        List<Job> jobs = List.of(Job.of("A", 0, 6), Job.of("B", 2, 2), Job.of("C", 4, 2),
                Job.of("D", 6, 2), Job.of("E", 8, 2), Job.of("F", 10, 2));
        Schedule starving = Scheduler.run(jobs, Policy.feedbackQueue(0, 2, 8));
        assertTimeline(SAY.text("starving"), timeline("A 0-2, B 2-4, C 4-6, D 6-8, E 8-10, F 10-12, A 12-16"),
                starving);

        Schedule boosted = Scheduler.run(jobs, Policy.feedbackQueue(5, 2, 8));
        assertTimeline(SAY.text("boost.timeline"), timeline("A 0-2, B 2-4, C 4-5, A 5-7, C 7-8, D 8-10, E 10-12, F 12-14,"
                + " A 14-16"), boosted);
        assertTimes(SAY.text("boost.times"), jobs, new int[][] {{0, 16},
            {2, 4}, {4, 8}, {8, 10}, {10, 12}, {12, 14}}, boosted);
    }
}
