package conclab.scheduling;

import static conclab.scheduling.SchedulingTestKit.assertAverage;
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

/** Hidden: SJF and SRTF with staggered arrivals, and the tie rules not shown in public. */
@Tag("scheduling")
@ExtendWith(MeasurementLog.class)
@Timeout(5)
class ClassicSchedulesHiddenTest {

    /** What each schedule is, as the kit's sentences name it, in the student's language. */
    private static final Say SAY = Say.of(ClassicSchedulesHiddenTest.class);

    @Test
    @Points(2)
    @Hint("arrivals")
    void shortestFirstWithStaggeredArrivals() {
        List<Job> jobs = List.of(Job.of("P1", 0, 7), Job.of("P2", 2, 4), Job.of("P3", 4, 1),
                Job.of("P4", 5, 4));
        Schedule sjf = Scheduler.run(jobs, Policy.sjf());
        assertTimeline(SAY.text("arrivals.sjf"),
                timeline("P1 0-7, P3 7-8, P2 8-12, P4 12-16"), sjf);
        assertTimes(SAY.text("sjf"), jobs, new int[][] {{0, 7}, {8, 12}, {7, 8}, {12, 16}}, sjf);
        assertAverage(SAY.text("arrivals.sjfWaiting"), 4.0, sjf.averageWaiting(),
                sjf);

        Schedule srtf = Scheduler.run(jobs, Policy.srtf());
        assertTimeline(SAY.text("arrivals.srtf"), timeline("P1 0-2, P2 2-4, P3 4-5, P2 5-7, P4 7-11,"
                + " P1 11-16"), srtf);
        assertTimes(SAY.text("srtf"), jobs, new int[][] {{0, 16}, {2, 7}, {4, 5}, {7, 11}}, srtf);
        assertAverage(SAY.text("arrivals.srtfWaiting"), 3.0,
                srtf.averageWaiting(), srtf);
    }

    @Test
    @Points(1)
    @Hint("sjfTie")
    void shortestJobFirstBreaksTiesByQueueOrder() {
        List<Job> jobs = List.of(Job.of("L", 0, 4), Job.of("Z", 2, 2), Job.of("Y", 1, 2),
                Job.of("W", 2, 2));
        Schedule schedule = Scheduler.run(jobs, Policy.sjf());
        assertTimeline(SAY.text("sjfTie.timeline"),
                timeline("L 0-4, Y 4-6, Z 6-8, W 8-10"), schedule);
    }

    @Test
    @Points(1)
    @Hint("srtfTie")
    void shortestRemainingTimeKeepsTheRunningJobOnATie() {
        List<Job> jobs = List.of(Job.of("A", 0, 4), Job.of("B", 1, 3), Job.of("C", 5, 1),
                Job.of("D", 5, 2));
        Schedule schedule = Scheduler.run(jobs, Policy.srtf());
        assertTimeline(SAY.text("srtfTie.timeline"),
                timeline("A 0-4, B 4-5, C 5-6, D 6-8, B 8-10"), schedule);
        assertTimes(SAY.text("srtf"), jobs, new int[][] {{0, 4}, {4, 10}, {5, 6}, {6, 8}}, schedule);
    }

    @Test
    @Points(1)
    @Hint("rrOrder")
    void roundRobinQueuesIoReturnsThenArrivalsThenThePreempted() {
        List<Job> jobs = List.of(Job.withIo("A", 0, 1, 2, 2), Job.of("C", 0, 6), Job.of("B", 3, 2));
        Schedule schedule = Scheduler.run(jobs, Policy.roundRobin(2));
        assertTimeline(SAY.text("rrOrder.timeline"),
                timeline("A 0-1, C 1-3, A 3-5, B 5-7, C 7-11"), schedule);
        assertTimes(SAY.text("rr"), jobs, new int[][] {{0, 5}, {1, 11}, {5, 7}}, schedule);
    }
}
