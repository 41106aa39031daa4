package conclab.scheduling;

import static conclab.scheduling.SchedulingTestKit.assertKeepsTheRules;
import static conclab.scheduling.SchedulingTestKit.describe;
import static conclab.scheduling.SchedulingTestKit.lenient;
import static conclab.scheduling.SchedulingTestKit.randomJobs;
import static conclab.scheduling.SchedulingTestKit.schedule;
import static conclab.scheduling.SchedulingTestKit.timeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.MeasurementLog;
import conclab.harness.Points;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The exact form of a timeline, and rules that hold for any jobs: checked on seeded random sets. */
@Tag("scheduling")
@ExtendWith(MeasurementLog.class)
@Timeout(10)
class SchedulePropertiesTest {

    @Test
    @Points(1)
    @Hint("exact")
    void theTimelineCoversEveryCpuExactlyWithLongestSegments() {
        List<Job> jobs = List.of(Job.of("A", 1, 5), Job.of("B", 2, 1));
        Schedule schedule = Scheduler.run(jobs, Policy.roundRobin(2), Machine.cpus(2));
        List<String> expected = describe(timeline("- 0-1, A 1-6", "- 0-2, B 2-3, - 3-6"));
        List<String> actual = new ArrayList<>(describe(schedule.timeline()));
        if (!expected.equals(actual)) {
            fail("round robin (quantum 2) on two CPUs of A (arrives at 1, 5 ticks) and B (at 2, 1"
                    + " tick): the timeline must list cpu0's segments, then cpu1's, each in order"
                    + " of time, covering [0, 6) with idle segments (also before the first"
                    + " arrival and after a CPU's last job), and A, which runs on alone after each"
                    + " slice, as one segment.\n  expected " + expected + "\n  actual   "
                    + actual);
        }
    }

    @Test
    @Points(2)
    @Hint("rules")
    void firstComeFirstServedKeepsTheRulesOnRandomJobs() {
        Random random = new Random(20_240_501);
        for (int round = 0; round < 40; round++) {
            Machine machine = new Machine(1 + random.nextInt(2), random.nextInt(2));
            List<Job> jobs = randomJobs(random, 2 + random.nextInt(5), 8, 6, true);
            assertKeepsTheRules("round " + round, jobs, Policy.fcfs(), machine,
                    schedule(jobs, Policy.fcfs(), machine));
        }
        for (int round = 0; round < 40; round++) {
            List<Job> jobs = randomJobs(random, 2 + random.nextInt(5), 8, 6, false);
            Schedule schedule = schedule(jobs, Policy.fcfs(), Machine.SINGLE_CPU);
            List<Job> order = new ArrayList<>(jobs);
            order.sort(Comparator.comparingInt(Job::arrival)); // stable: ties keep the list's order
            List<String> expected = new ArrayList<>();
            for (Job job : order) {
                expected.add(job.id());
            }
            List<String> actual = new ArrayList<>();
            for (Segment segment : lenient(schedule.timeline())) {
                actual.add(segment.job());
            }
            if (!expected.equals(actual)) {
                fail("FCFS on one CPU must run each job in one piece, in order of arrival (on equal"
                        + " arrivals, in the order of the list).\njobs: " + jobs + "\n  expected "
                        + expected + "\n  actual   " + actual + "\n"
                        + SchedulingTestKit.chart(schedule.timeline()));
            }
        }
    }

    @Test
    @Points(1)
    @Hint("rrLong")
    void roundRobinWithAQuantumLongerThanEveryBurstIsFcfs() {
        Random random = new Random(31_337);
        for (int round = 0; round < 40; round++) {
            Machine machine = new Machine(1 + random.nextInt(2), random.nextInt(2));
            List<Job> jobs = randomJobs(random, 2 + random.nextInt(5), 8, 6, true);
            Schedule fcfs = schedule(jobs, Policy.fcfs(), machine);
            Schedule rr = schedule(jobs, Policy.roundRobin(6), machine);
            SchedulingTestKit.assertTimeline("round " + round + ": round robin with a quantum of 6"
                    + " on " + machine + ", jobs " + jobs + " (no burst is longer than 6, so no"
                    + " slice ever runs out), compared with FCFS", fcfs.timeline(), rr);
        }
    }

    @Test
    @Points(1)
    @Hint("sjfWaits")
    void shortestJobFirstNeverWaitsLongerOnAverageThanFcfs() {
        Random random = new Random(8_675_309);
        for (int round = 0; round < 40; round++) {
            List<Job> jobs = new ArrayList<>();
            for (Job job : randomJobs(random, 2 + random.nextInt(6), 0, 12, false)) {
                jobs.add(Job.of(job.id(), 0, job.cpuTime()));
            }
            Schedule fcfs = schedule(jobs, Policy.fcfs(), Machine.SINGLE_CPU);
            Schedule sjf = schedule(jobs, Policy.sjf(), Machine.SINGLE_CPU);
            if (sjf.averageWaiting() > fcfs.averageWaiting() + 1e-9) {
                fail("round " + round + ": all jobs arrive at 0, yet SJF waits longer on average ("
                        + sjf.averageWaiting() + ") than FCFS (" + fcfs.averageWaiting() + ").\njobs: "
                        + jobs + "\nSJF:\n" + SchedulingTestKit.chart(sjf.timeline()));
            }
            assertEquals(fcfs.makespan(), sjf.makespan(), "round " + round + ": both keep the CPU"
                    + " busy from 0 to the end, so they end at the same tick");
        }
    }
}
