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
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hidden: utilisation on random jobs, when a switch is needed, preemption on two CPUs. */
@Tag("scheduling")
@ExtendWith(MeasurementLog.class)
@Timeout(10)
class MultiprogrammingHiddenTest {

    /** What each schedule is, as the kit's sentences name it, in the student's language. */
    private static final Say SAY = Say.of(MultiprogrammingHiddenTest.class);

    @Test
    @Points(2)
    @Hint("utilisation")
    void multiprogrammingNeverLowersTheUtilisation() {
        Random random = new Random(1_965);
        for (int round = 0; round < 60; round++) {
            List<Job> jobs = randomJobs(random, 2 + random.nextInt(5), 6, 6, true);
            Schedule batch = schedule(jobs, Policy.batch(), Machine.SINGLE_CPU);
            Schedule fcfs = schedule(jobs, Policy.fcfs(), Machine.SINGLE_CPU);
            assertKeepsTheRules(SAY.text("round", round), jobs, Policy.batch(), Machine.SINGLE_CPU, batch);
            assertKeepsTheRules(SAY.text("round", round), jobs, Policy.fcfs(), Machine.SINGLE_CPU, fcfs);
            if (fcfs.utilisation() < batch.utilisation() - 1e-9) {
                fail("round " + round + ": FCFS (multiprogramming) used the CPU less ("
                        + fcfs.utilisation() + ") than batch (" + batch.utilisation() + ")\njobs: "
                        + jobs + "\n" + SchedulingTestKit.chart(fcfs.timeline()));
            }
        }
    }

    @Test
    @Points(1)
    @Hint("whenSwitch")
    void aSwitchIsNeededUnlessTheSameJobRunsOn() {
        Machine machine = Machine.SINGLE_CPU.withContextSwitch(1);
        List<Job> alone = List.of(Job.of("A", 0, 5), Job.of("B", 7, 1));
        Schedule rr = Scheduler.run(alone, Policy.roundRobin(2), machine);
        assertTimeline(SAY.text("whenSwitch.rr"),
                timeline("~A 0-1, A 1-6, - 6-7, ~B 7-8, B 8-9"), rr);

        List<Job> io = List.of(Job.withIo("A", 0, 1, 1, 1));
        Schedule back = Scheduler.run(io, Policy.fcfs(), machine);
        assertTimeline(SAY.text("whenSwitch.fcfs"),
                timeline("~A 0-1, A 1-2, - 2-3, ~A 3-4, A 4-5"), back);
        assertTimes(SAY.text("whenSwitch.times"), io, new int[][] {{1, 5}}, back);
    }

    @Test
    @Points(1)
    @Hint("srtfCpus")
    void srtfOnTwoCpusPreemptsTheLongestRunningJob() {
        List<Job> jobs = List.of(Job.of("A", 0, 8), Job.of("B", 0, 6), Job.of("C", 2, 1));
        Schedule schedule = Scheduler.run(jobs, Policy.srtf(), Machine.cpus(2));
        assertTimeline(SAY.text("srtfCpus.timeline"),
                timeline("B 0-6", "A 0-2, C 2-3, A 3-9"), schedule);
        assertTimes(SAY.text("srtfCpus.times"), jobs, new int[][] {{0, 9}, {0, 6}, {2, 3}}, schedule);
    }
}
