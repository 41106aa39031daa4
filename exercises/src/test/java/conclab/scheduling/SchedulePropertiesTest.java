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
import conclab.harness.Say;
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

    private static final Say SAY = Say.of(SchedulePropertiesTest.class);

    @Test
    @Points(1)
    @Hint("exact")
    void theTimelineCoversEveryCpuExactlyWithLongestSegments() {
        List<Job> jobs = List.of(Job.of("A", 1, 5), Job.of("B", 2, 1));
        Schedule schedule = Scheduler.run(jobs, Policy.roundRobin(2), Machine.cpus(2));
        List<String> expected = describe(timeline("- 0-1, A 1-6", "- 0-2, B 2-3, - 3-6"));
        List<String> actual = new ArrayList<>(describe(schedule.timeline()));
        if (!expected.equals(actual)) {
            fail(SAY.text("exact.order", expected, actual));
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
            assertKeepsTheRules(SAY.text("round", round), jobs, Policy.fcfs(), machine,
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
                fail(SAY.text("fcfsOrder", jobs, expected, actual, SchedulingTestKit.chart(schedule.timeline())));
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
            SchedulingTestKit.assertTimeline(SAY.text("rrLong.compare", round, machine, jobs), fcfs.timeline(), rr);
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
                fail(SAY.text("sjfWaits.average", round, sjf.averageWaiting(), fcfs.averageWaiting(), jobs,
                        SchedulingTestKit.chart(sjf.timeline())));
            }
            assertEquals(fcfs.makespan(), sjf.makespan(), SAY.text("sameMakespan", round));
        }
    }
}
