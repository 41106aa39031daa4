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

/**
 * The textbook's worked examples (Silberschatz, Galvin and Gagne, <i>Operating System
 * Concepts</i>, § 5.3), checked to the tick, and the tie rules of the specification.
 */
@Tag("scheduling")
@ExtendWith(MeasurementLog.class)
@Timeout(5)
class ClassicSchedulesTest {

    private static final Say SAY = Say.of(ClassicSchedulesTest.class);

    @Test
    @Points(2)
    @Hint("fcfs")
    void firstComeFirstServedAndTheConvoyEffect() {
        List<Job> convoy = List.of(Job.of("P1", 0, 24), Job.of("P2", 0, 3), Job.of("P3", 0, 3));
        Schedule slow = Scheduler.run(convoy, Policy.fcfs());
        assertTimeline(SAY.text("convoy"), timeline("P1 0-24, P2 24-27, P3 27-30"), slow);
        assertTimes(SAY.text("convoy.times"), convoy, new int[][] {{0, 24}, {24, 27}, {27, 30}}, slow);
        assertAverage(SAY.text("convoy.waiting"), 17.0, slow.averageWaiting(), slow);

        List<Job> shortFirst = List.of(Job.of("P2", 0, 3), Job.of("P3", 0, 3), Job.of("P1", 0, 24));
        Schedule quick = Scheduler.run(shortFirst, Policy.fcfs());
        assertTimeline(SAY.text("shortFirst"), timeline("P2 0-3, P3 3-6, P1 6-30"), quick);
        assertAverage(SAY.text("shortFirst.waiting"), 3.0, quick.averageWaiting(), quick);
    }

    @Test
    @Points(1)
    @Hint("fcfsOrder")
    void firstComeFirstServedGoesByArrivalThenByTheList() {
        List<Job> jobs = List.of(Job.of("C", 0, 2), Job.of("A", 0, 3), Job.of("B", 1, 1),
                Job.of("D", 7, 1), Job.of("E", 6, 2));
        Schedule schedule = Scheduler.run(jobs, Policy.fcfs());
        assertTimeline(SAY.text("fcfsOrder.timeline"), timeline("C 0-2, A 2-5, B 5-6, E 6-8, D 8-9"), schedule);
        assertTimes("FCFS", jobs, new int[][] {{0, 2}, {2, 5}, {5, 6}, {8, 9}, {6, 8}}, schedule);
    }

    @Test
    @Points(2)
    @Hint("sjf")
    void shortestJobFirst() {
        List<Job> jobs = List.of(Job.of("P1", 0, 6), Job.of("P2", 0, 8), Job.of("P3", 0, 7),
                Job.of("P4", 0, 3));
        Schedule schedule = Scheduler.run(jobs, Policy.sjf());
        assertTimeline(SAY.text("sjf.timeline"), timeline("P4 0-3, P1 3-9, P3 9-16, P2 16-24"), schedule);
        assertTimes("SJF", jobs, new int[][] {{3, 9}, {16, 24}, {9, 16}, {0, 3}}, schedule);
        assertAverage(SAY.text("sjf.waiting"), 7.0, schedule.averageWaiting(), schedule);

        List<Job> late = List.of(Job.of("L", 0, 6), Job.of("S", 1, 1));
        Schedule nonPreemptive = Scheduler.run(late, Policy.sjf());
        assertTimeline(SAY.text("sjf.notPreemptive"), timeline("L 0-6, S 6-7"), nonPreemptive);
    }

    @Test
    @Points(1)
    @Hint("sjfNextBurst")
    void shortestJobFirstRanksByTheNextCpuBurst() {
        List<Job> jobs = List.of(Job.of("L", 0, 3), Job.withIo("X", 1, 2, 1, 9), Job.of("Y", 1, 5));
        Schedule schedule = Scheduler.run(jobs, Policy.sjf());
        assertTimeline(SAY.text("sjfNextBurst.timeline"), timeline("L 0-3, X 3-5, Y 5-10, X 10-19"), schedule);
        assertTimes("SJF", jobs, new int[][] {{0, 3}, {3, 19}, {5, 10}}, schedule);
    }

    @Test
    @Points(2)
    @Hint("srtf")
    void shortestRemainingTimeFirst() {
        List<Job> jobs = List.of(Job.of("P1", 0, 8), Job.of("P2", 1, 4), Job.of("P3", 2, 9),
                Job.of("P4", 3, 5));
        Schedule schedule = Scheduler.run(jobs, Policy.srtf());
        assertTimeline(SAY.text("srtf.timeline"), timeline("P1 0-1, P2 1-5, P4 5-10, P1 10-17, P3 17-26"), schedule);
        assertTimes("SRTF", jobs, new int[][] {{0, 17}, {1, 5}, {17, 26}, {5, 10}}, schedule);
        assertAverage(SAY.text("srtf.waiting"), 6.5, schedule.averageWaiting(), schedule);
        assertAverage(SAY.text("srtf.response"), 4.25, schedule.averageResponse(), schedule);
    }

    @Test
    @Points(2)
    @Hint("rr")
    void roundRobin() {
        List<Job> jobs = List.of(Job.of("P1", 0, 24), Job.of("P2", 0, 3), Job.of("P3", 0, 3));
        Schedule schedule = Scheduler.run(jobs, Policy.roundRobin(4));
        assertTimeline(SAY.text("rr.timeline"), timeline("P1 0-4, P2 4-7, P3 7-10, P1 10-30"), schedule);
        assertTimes(SAY.text("rr.times"), jobs, new int[][] {{0, 30}, {4, 7}, {7, 10}}, schedule);
        assertAverage(SAY.text("rr.waiting"), 17.0 / 3, schedule.averageWaiting(), schedule);
    }

    @Test
    @Points(1)
    @Hint("rrTie")
    void roundRobinPutsANewArrivalAheadOfThePreemptedJob() {
        List<Job> jobs = List.of(Job.of("A", 0, 5), Job.of("B", 2, 2));
        Schedule schedule = Scheduler.run(jobs, Policy.roundRobin(2));
        assertTimeline(SAY.text("rrTie.timeline"), timeline("A 0-2, B 2-4, A 4-7"), schedule);
        assertTimes(SAY.text("rr.times"), jobs, new int[][] {{0, 7}, {2, 4}}, schedule);
    }
}
