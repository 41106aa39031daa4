package conclab.scheduling;

import static conclab.scheduling.SchedulingTestKit.assertKeepsTheRules;
import static conclab.scheduling.SchedulingTestKit.lenient;
import static conclab.scheduling.SchedulingTestKit.randomJobs;
import static conclab.scheduling.SchedulingTestKit.schedule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden: every policy keeps the rules on seeded random jobs (with I/O, one to three CPUs,
 * switches free or not); SRTF is optimal; work-conserving policies end together; the reported
 * times agree with the timeline.
 */
@Tag("scheduling")
@Timeout(10)
class SchedulePropertiesHiddenTest {

    /** What each schedule is, as the kit's sentences name it, in the student's language. */
    private static final Say SAY = Say.of(SchedulePropertiesHiddenTest.class);

    /** 60 random rounds of one policy, each on a random machine. */
    private static void keepsTheRules(long seed, Function<Random, Policy> policies) {
        Random random = new Random(seed);
        for (int round = 0; round < 60; round++) {
            Policy policy = policies.apply(random);
            Machine machine = new Machine(1 + random.nextInt(3), random.nextInt(3));
            List<Job> jobs = randomJobs(random, 1 + random.nextInt(6), 10, 7, true);
            assertKeepsTheRules(SAY.text("round", round), jobs, policy, machine,
                    schedule(jobs, policy, machine));
        }
    }

    @Test
    @Points(1)
    @Hint("rules")
    void batchKeepsTheRules() {
        keepsTheRules(101, random -> Policy.batch());
    }

    @Test
    @Points(1)
    @Hint("sjfRules")
    void shortestJobFirstKeepsTheRules() {
        keepsTheRules(102, random -> Policy.sjf());
        Random random = new Random(1_102);
        for (int round = 0; round < 40; round++) {
            List<Job> jobs = randomJobs(random, 2 + random.nextInt(6), 10, 8, false);
            Schedule schedule = schedule(jobs, Policy.sjf(), Machine.SINGLE_CPU);
            List<Segment> runs = lenient(schedule.timeline());
            List<String> started = new ArrayList<>();
            for (Segment segment : runs) {
                if (started.contains(segment.job())) {
                    fail("round " + round + ": SJF is not preemptive, yet " + segment.job()
                            + " runs in more than one piece\njobs: " + jobs + "\n"
                            + SchedulingTestKit.chart(schedule.timeline()));
                }
                started.add(segment.job());
                for (Job job : jobs) {
                    Job chosen = jobs.stream().filter(j -> j.id().equals(segment.job()))
                            .findFirst().orElseThrow();
                    if (job.arrival() <= segment.start() && !started.contains(job.id())
                            && job.cpuTime() < chosen.cpuTime()) {
                        fail("round " + round + ": at " + segment.start() + " SJF picked "
                                + chosen + " although " + job + " was ready and shorter\njobs: "
                                + jobs + "\n" + SchedulingTestKit.chart(schedule.timeline()));
                    }
                }
            }
        }
    }

    @Test
    @Points(1)
    @Hint("rules")
    void shortestRemainingTimeFirstKeepsTheRules() {
        keepsTheRules(103, random -> Policy.srtf());
    }

    @Test
    @Points(1)
    @Hint("rules")
    void roundRobinKeepsTheRules() {
        keepsTheRules(104, random -> Policy.roundRobin(1 + random.nextInt(4)));
    }

    @Test
    @Points(1)
    @Hint("rules")
    void feedbackQueueKeepsTheRules() {
        keepsTheRules(105, random -> Policy.feedbackQueue(random.nextBoolean() ? 0
                : 3 + random.nextInt(10), 1 + random.nextInt(2), 2 + random.nextInt(3), 6));
    }

    @Test
    @Points(2)
    @Hint("srtfBest")
    void shortestRemainingTimeFirstGivesTheShortestAverageTurnaround() {
        Random random = new Random(106);
        for (int round = 0; round < 60; round++) {
            List<Job> jobs = randomJobs(random, 2 + random.nextInt(6), 10, 8, false);
            Schedule srtf = schedule(jobs, Policy.srtf(), Machine.SINGLE_CPU);
            for (Policy other : List.of(Policy.fcfs(), Policy.sjf(),
                    Policy.roundRobin(1 + random.nextInt(3)), Policy.feedbackQueue(0, 1, 2, 4))) {
                Schedule schedule = schedule(jobs, other, Machine.SINGLE_CPU);
                if (schedule.averageTurnaround() < srtf.averageTurnaround() - 1e-9) {
                    fail("round " + round + ": on one CPU without I/O SRTF gives the shortest"
                            + " average turnaround of all schedules, yet " + other.label() + " gave "
                            + schedule.averageTurnaround() + " and SRTF "
                            + srtf.averageTurnaround() + "\njobs: " + jobs + "\n"
                            + SchedulingTestKit.compare(other.label(), schedule, "SRTF", srtf));
                }
            }
        }
    }

    @Test
    @Points(1)
    @Hint("makespan")
    void everyPolicyThatKeepsTheCpuBusyEndsAtTheSameTick() {
        Random random = new Random(107);
        for (int round = 0; round < 60; round++) {
            List<Job> jobs = randomJobs(random, 1 + random.nextInt(6), 15, 6, false);
            List<Job> byArrival = new ArrayList<>(jobs);
            byArrival.sort(Comparator.comparingInt(Job::arrival));
            int end = 0;
            for (Job job : byArrival) {
                end = Math.max(end, job.arrival()) + job.cpuTime();
            }
            for (Policy policy : List.of(Policy.batch(), Policy.fcfs(), Policy.sjf(),
                    Policy.srtf(), Policy.roundRobin(2), Policy.feedbackQueue(7, 1, 3))) {
                Schedule schedule = schedule(jobs, policy, Machine.SINGLE_CPU);
                assertEquals(end, schedule.makespan(), "round " + round + ": " + policy.label()
                        + " on one CPU, without I/O or switches, never idles while a job is ready,"
                        + " so it must end at " + end + "\njobs: " + jobs + "\n"
                        + SchedulingTestKit.chart(schedule.timeline()));
            }
        }
    }

    @Test
    @Points(2)
    @Hint("times")
    void theReportedTimesAgreeWithTheTimeline() {
        Random random = new Random(108);
        List<Policy> policies = List.of(Policy.batch(), Policy.fcfs(), Policy.sjf(), Policy.srtf(),
                Policy.roundRobin(2), Policy.feedbackQueue(9, 1, 2, 5));
        for (int round = 0; round < 30; round++) {
            Machine machine = new Machine(1 + random.nextInt(2), random.nextInt(2));
            List<Job> jobs = randomJobs(random, 1 + random.nextInt(5), 8, 6, true);
            for (Policy policy : policies) {
                Schedule schedule = schedule(jobs, policy, machine);
                SchedulingTestKit.assertTimes(SAY.text("times.what", round, policy.label(), machine, jobs), jobs,
                        SchedulingTestKit.timesFromTimeline(jobs, schedule), schedule);
            }
        }
    }
}
