package conclab.scheduling;

import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.MeasurementLog;
import conclab.harness.Points;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hidden: whole schedules, every segment and every job's first run and completion, against
 * {@link ScheduleModel} (the specification executed) on seeded random workloads: jobs with I/O,
 * one to three CPUs, context switches free or not, every policy. A difference is shrunk to the
 * smallest workload that still shows it, and that is what the message shows, with the command
 * that prints it.
 */
@Tag("scheduling")
@ExtendWith(MeasurementLog.class)
@Timeout(30)
class ExactScheduleHiddenTest {

    /** Random workloads per policy: small ones, where a wrong rule shows soonest. */
    private static final int CASES = 250;

    /** Scheduler calls a shrink may make: it runs only after a difference was found. */
    private static final int SHRINK_CALLS = 400;

    @Test
    @Points(1)
    @Hint("exactBatch")
    void batchMatchesTheSpecificationExactly() {
        compareOnRandomWorkloads(16_001, random -> Policy.batch());
    }

    @Test
    @Points(1)
    @Hint("exactFcfs")
    void firstComeFirstServedMatchesTheSpecificationExactly() {
        compareOnRandomWorkloads(16_002, random -> Policy.fcfs());
    }

    @Test
    @Points(1)
    @Hint("exactSjf")
    void shortestJobFirstMatchesTheSpecificationExactly() {
        compareOnRandomWorkloads(16_003, random -> Policy.sjf());
    }

    @Test
    @Points(1)
    @Hint("exactSrtf")
    void shortestRemainingTimeFirstMatchesTheSpecificationExactly() {
        compareOnRandomWorkloads(16_004, random -> Policy.srtf());
    }

    @Test
    @Points(1)
    @Hint("exactRr")
    void roundRobinMatchesTheSpecificationExactly() {
        compareOnRandomWorkloads(16_005, random -> Policy.roundRobin(1 + random.nextInt(4)));
    }

    @Test
    @Points(1)
    @Hint("exactMlfq")
    void feedbackQueueMatchesTheSpecificationExactly() {
        compareOnRandomWorkloads(16_006, random -> {
            int[] quanta = new int[2 + random.nextInt(3)];
            for (int i = 0; i < quanta.length; i++) {
                quanta[i] = 1 + random.nextInt(2 + 2 * i);
            }
            return Policy.feedbackQueue(0, quanta);
        });
    }

    @Test
    @Points(1)
    @Hint("exactBoost")
    void feedbackQueueWithABoostMatchesTheSpecificationExactly() {
        compareOnRandomWorkloads(16_007, random -> {
            int[] quanta = new int[1 + random.nextInt(4)];
            for (int i = 0; i < quanta.length; i++) {
                quanta[i] = 1 + random.nextInt(2 + 2 * i);
            }
            return Policy.feedbackQueue(2 + random.nextInt(9), quanta);
        });
    }

    // ---------------------------------------------------------------- one workload

    /** A workload: the jobs, the policy and the machine. */
    record Workload(List<Job> jobs, Policy policy, Machine machine) {

        /** The command that prints this workload under every policy, with the stub's main. */
        String command() {
            StringBuilder command = new StringBuilder("java -cp target/classes"
                    + " conclab.scheduling.Scheduler");
            if (policy instanceof Policy.RoundRobin rr) {
                command.append(" --quantum ").append(rr.quantum());
            }
            if (policy instanceof Policy.FeedbackQueue queue) {
                command.append(" --levels ");
                for (int i = 0; i < queue.quanta().size(); i++) {
                    command.append(i == 0 ? "" : ",").append(queue.quanta().get(i));
                }
                if (queue.boostPeriod() > 0) {
                    command.append(" --boost ").append(queue.boostPeriod());
                }
            }
            if (machine.cpus() > 1) {
                command.append(" --cpus ").append(machine.cpus());
            }
            if (machine.contextSwitch() > 0) {
                command.append(" --switch ").append(machine.contextSwitch());
            }
            for (Job job : jobs) {
                command.append(' ').append(job.id()).append(':').append(job.arrival()).append(':');
                for (int b = 0; b < job.bursts().size(); b++) {
                    command.append(b == 0 ? "" : ",").append(job.bursts().get(b));
                }
            }
            return command.toString();
        }
    }

    /** How the submission's schedule of a workload differs from the model's, or null if not. */
    private static String difference(Workload workload) {
        Schedule expected = ScheduleModel.schedule(workload.jobs(), workload.policy(),
                workload.machine());
        Schedule actual;
        try {
            actual = Scheduler.run(workload.jobs(), workload.policy(), workload.machine());
        } catch (UnsupportedOperationException todo) {
            throw todo;
        } catch (RuntimeException e) {
            return "Scheduler.run threw " + e;
        }
        if (actual == null) {
            return "Scheduler.run returned null";
        }
        List<String> want = SchedulingTestKit.describe(SchedulingTestKit.lenient(expected.timeline()));
        List<String> got;
        try {
            got = SchedulingTestKit.describe(SchedulingTestKit.lenient(actual.timeline()));
        } catch (AssertionError malformed) {
            return malformed.getMessage();
        }
        if (!want.equals(got)) {
            int i = 0;
            while (i < want.size() && i < got.size() && want.get(i).equals(got.get(i))) {
                i++;
            }
            return i < want.size() && i < got.size()
                    ? "the first different segment: expected " + want.get(i) + ", got " + got.get(i)
                    : i < want.size() ? "segments missing from " + want.get(i) + " on"
                    : "segments that should not be there, from " + got.get(i) + " on";
        }
        if (actual.jobs().size() != expected.jobs().size()) {
            return "the schedule holds times for " + actual.jobs().size() + " jobs, expected "
                    + expected.jobs().size() + " in the order of the job list";
        }
        for (int j = 0; j < expected.jobs().size(); j++) {
            JobStats want1 = expected.jobs().get(j);
            JobStats got1 = actual.jobs().get(j);
            if (got1 == null || !Objects.equals(want1.job(), got1.job())
                    || want1.firstRun() != got1.firstRun()
                    || want1.completion() != got1.completion()) {
                return "the times of job " + want1.job() + ": expected first run "
                        + want1.firstRun() + " and completion " + want1.completion() + ", got "
                        + (got1 == null ? "null" : got1.job() + " with first run "
                        + got1.firstRun() + " and completion " + got1.completion());
            }
        }
        return null;
    }

    private static void compareOnRandomWorkloads(long seed, Function<Random, Policy> policies) {
        Random random = new Random(seed);
        for (int round = 0; round < CASES; round++) {
            Policy policy = policies.apply(random);
            Machine machine = new Machine(1 + random.nextInt(3), random.nextInt(3));
            Workload workload = new Workload(randomJobs(random), policy, machine);
            if (difference(workload) != null) {
                report(round, workload);
            }
        }
    }

    /** 1 to 5 jobs named out of order, arrivals 0 to 6, bursts 1 to 5, up to two I/O bursts. */
    private static List<Job> randomJobs(Random random) {
        int count = 1 + random.nextInt(5);
        List<String> names = new ArrayList<>(List.of("A", "B", "C", "D", "E").subList(0, count));
        Collections.shuffle(names, random);
        List<Job> jobs = new ArrayList<>();
        for (String name : names) {
            int bursts = random.nextInt(3) == 0 ? 1 : 1 + 2 * (1 + random.nextInt(2));
            List<Integer> list = new ArrayList<>();
            for (int b = 0; b < bursts; b++) {
                list.add(1 + random.nextInt(5));
            }
            jobs.add(new Job(name, random.nextInt(7), list));
        }
        return jobs;
    }

    // ---------------------------------------------------------------- shrinking and the message

    private static void report(int round, Workload found) {
        Workload smallest = found;
        int calls = 0;
        boolean shrunk = true;
        while (shrunk && calls < SHRINK_CALLS) {
            shrunk = false;
            for (Workload smaller : smaller(smallest)) {
                if (calls++ >= SHRINK_CALLS) {
                    break;
                }
                if (difference(smaller) != null) {
                    smallest = smaller;
                    shrunk = true;
                    break;
                }
            }
        }
        Schedule expected = ScheduleModel.schedule(smallest.jobs(), smallest.policy(),
                smallest.machine());
        MeasurementLog.note("ganttExpected", SchedulingTestKit.notation(expected.timeline()));
        String yours;
        try {
            Schedule actual = Scheduler.run(smallest.jobs(), smallest.policy(), smallest.machine());
            MeasurementLog.note("gantt", SchedulingTestKit.notation(actual.timeline()));
            yours = SchedulingTestKit.chart(actual.timeline()) + GanttChart.times(actual);
        } catch (RuntimeException e) {
            yours = "Scheduler.run threw " + e + "\n";
        }
        fail(smallest.policy().label() + " on " + smallest.machine() + ": your schedule differs"
                + " from the specification's (random workload " + round + ", shrunk to the"
                + " smallest that still differs): " + difference(smallest) + "\njobs: "
                + smallest.jobs() + "\nexpected:\n" + SchedulingTestKit.chart(expected.timeline())
                + GanttChart.times(expected) + "yours:\n" + yours
                + "Try it: " + smallest.command() + "\nand follow the steps of an instant in"
                + " Scheduler's documentation tick by tick.");
    }

    /** Workloads one step smaller than {@code w}, the boldest steps first. */
    private static List<Workload> smaller(Workload w) {
        List<Workload> out = new ArrayList<>();
        List<Job> jobs = w.jobs();
        for (int j = 0; jobs.size() > 1 && j < jobs.size(); j++) {
            List<Job> fewer = new ArrayList<>(jobs);
            fewer.remove(j);
            out.add(new Workload(fewer, w.policy(), w.machine()));
        }
        if (w.machine().cpus() > 1) {
            out.add(new Workload(jobs, w.policy(), new Machine(w.machine().cpus() - 1,
                    w.machine().contextSwitch())));
        }
        if (w.machine().contextSwitch() > 0) {
            out.add(new Workload(jobs, w.policy(), new Machine(w.machine().cpus(),
                    w.machine().contextSwitch() - 1)));
        }
        for (Policy policy : smallerPolicies(w.policy())) {
            out.add(new Workload(jobs, policy, w.machine()));
        }
        if (jobs.stream().allMatch(job -> job.arrival() > 0)) {
            List<Job> earlier = new ArrayList<>();
            for (Job job : jobs) {
                earlier.add(new Job(job.id(), job.arrival() - 1, job.bursts()));
            }
            out.add(new Workload(earlier, w.policy(), w.machine()));
        }
        for (int j = 0; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            List<Integer> bursts = job.bursts();
            if (bursts.size() > 1) {
                out.add(replace(w, j, new Job(job.id(), job.arrival(),
                        bursts.subList(0, bursts.size() - 2))));
            }
            if (job.arrival() > 0) {
                out.add(replace(w, j, new Job(job.id(), 0, bursts)));
                out.add(replace(w, j, new Job(job.id(), job.arrival() - 1, bursts)));
            }
            for (int b = 0; b < bursts.size(); b++) {
                if (bursts.get(b) > 1) {
                    List<Integer> shorter = new ArrayList<>(bursts);
                    shorter.set(b, bursts.get(b) - 1);
                    out.add(replace(w, j, new Job(job.id(), job.arrival(), shorter)));
                }
            }
        }
        return out;
    }

    private static Workload replace(Workload w, int index, Job job) {
        List<Job> jobs = new ArrayList<>(w.jobs());
        jobs.set(index, job);
        return new Workload(jobs, w.policy(), w.machine());
    }

    private static List<Policy> smallerPolicies(Policy policy) {
        List<Policy> out = new ArrayList<>();
        if (policy instanceof Policy.RoundRobin rr && rr.quantum() > 1) {
            out.add(Policy.roundRobin(rr.quantum() - 1));
        }
        if (policy instanceof Policy.FeedbackQueue queue) {
            List<Integer> quanta = queue.quanta();
            if (quanta.size() > 1) {
                out.add(new Policy.FeedbackQueue(quanta.subList(0, quanta.size() - 1),
                        queue.boostPeriod()));
            }
            if (queue.boostPeriod() > 0) {
                out.add(new Policy.FeedbackQueue(quanta, 0));
            }
            if (queue.boostPeriod() > 1) {
                out.add(new Policy.FeedbackQueue(quanta, queue.boostPeriod() - 1));
            }
            for (int i = 0; i < quanta.size(); i++) {
                if (quanta.get(i) > 1) {
                    List<Integer> less = new ArrayList<>(quanta);
                    less.set(i, quanta.get(i) - 1);
                    out.add(new Policy.FeedbackQueue(less, queue.boostPeriod()));
                }
            }
        }
        return out;
    }
}
