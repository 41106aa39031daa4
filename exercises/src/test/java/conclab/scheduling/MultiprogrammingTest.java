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

/** I/O and multiprogramming, the cost of a context switch, and two CPUs. */
@Tag("scheduling")
@ExtendWith(MeasurementLog.class)
@Timeout(5)
class MultiprogrammingTest {

    private static final Say SAY = Say.of(MultiprogrammingTest.class);

    @Test
    @Points(2)
    @Hint("multiprogramming")
    void multiprogrammingKeepsTheCpuBusierThanOneProgramAtATime() {
        List<Job> jobs = List.of(Job.withIo("A", 0, 2, 3, 2), Job.withIo("B", 0, 2, 3, 2));

        Schedule batch = Scheduler.run(jobs, Policy.batch());
        assertTimeline(SAY.text("batch"), timeline("A 0-2, - 2-5, A 5-7, B 7-9, - 9-12, B 12-14"), batch);
        assertTimes("batch", jobs, new int[][] {{0, 7}, {7, 14}}, batch);
        assertAverage(SAY.text("batch.utilisation"), 8.0 / 14, batch.utilisation(), batch);

        Schedule fcfs = Scheduler.run(jobs, Policy.fcfs());
        assertTimeline(SAY.text("fcfs"), timeline("A 0-2, B 2-4, - 4-5, A 5-7, B 7-9"), fcfs);
        assertTimes("FCFS", jobs, new int[][] {{0, 7}, {2, 9}}, fcfs);
        assertAverage(SAY.text("fcfs.utilisation"), 8.0 / 9, fcfs.utilisation(), fcfs);
    }

    @Test
    @Points(1)
    @Hint("switch")
    void aContextSwitchCostsTicksBeforeEachJobRuns() {
        List<Job> jobs = List.of(Job.of("A", 0, 3), Job.of("B", 0, 2));
        Schedule schedule = Scheduler.run(jobs, Policy.roundRobin(2), Machine.SINGLE_CPU
                .withContextSwitch(1));
        assertTimeline(SAY.text("switch.timeline"), timeline("~A 0-1, A 1-3, ~B 3-4, B 4-6, ~A 6-7, A 7-8"), schedule);
        assertTimes(SAY.text("switch.times"), jobs, new int[][] {{1, 8}, {4, 6}}, schedule);
        assertAverage(SAY.text("switch.waiting"), 4.5, schedule.averageWaiting(), schedule);
    }

    @Test
    @Points(1)
    @Hint("victim")
    void onlyAJobThatRanDuringTheTickBeforeCanBePreempted() {
        List<Job> jobs = List.of(Job.of("A", 0, 7), Job.of("B", 2, 9), Job.of("C", 3, 2));
        Schedule schedule = Scheduler.run(jobs, Policy.srtf(), new Machine(2, 2));
        assertTimeline(SAY.text("victim.timeline"), timeline("~A 0-2, A 2-3, ~C 3-5, C 5-7, ~B 7-9, B 9-17",
                "- 0-2, ~B 2-4, B 4-5, ~A 5-7, A 7-13"), schedule);
        assertTimes(SAY.text("victim.times"), jobs, new int[][] {{2, 13}, {4, 17}, {5, 7}}, schedule);
    }

    @Test
    @Points(2)
    @Hint("cpus")
    void twoCpusRunTwoJobsAtOnce() {
        List<Job> jobs = List.of(Job.of("A", 0, 4), Job.of("B", 0, 3), Job.of("C", 1, 2));
        Schedule one = Scheduler.run(jobs, Policy.fcfs(), Machine.cpus(1));
        assertTimeline(SAY.text("oneCpu"), timeline("A 0-4, B 4-7, C 7-9"), one);

        Schedule two = Scheduler.run(jobs, Policy.fcfs(), Machine.cpus(2));
        assertTimeline(SAY.text("twoCpus"), timeline("A 0-4", "B 0-3, C 3-5"), two);
        assertTimes(SAY.text("twoCpus.times"), jobs, new int[][] {{0, 4}, {0, 3}, {3, 5}}, two);
        assertAverage(SAY.text("twoCpus.utilisation"), 0.9, two.utilisation(), two);
    }
}
