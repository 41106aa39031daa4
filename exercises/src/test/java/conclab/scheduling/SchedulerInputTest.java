package conclab.scheduling;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Invalid input is refused before anything is simulated, with a message that says where. */
@Tag("scheduling")
@Timeout(5)
class SchedulerInputTest {

    @Test
    @Points(2)
    @Hint("invalidJobs")
    void rejectsInvalidJobsNamingTheJobAndTheField() {
        Job fine = Job.of("ok", 0, 3);
        expectRejected(List.of(fine, Job.of("zero", 1, 0)), Policy.fcfs(), Machine.SINGLE_CPU,
                "zero", "burst", "a CPU burst of 0 ticks");
        expectRejected(List.of(fine, Job.of("early", -1, 2)), Policy.fcfs(), Machine.SINGLE_CPU,
                "early", "arrival", "an arrival at tick -1");
        expectRejected(List.of(Job.of("twin", 0, 2), fine, Job.of("twin", 3, 1)), Policy.fcfs(),
                Machine.SINGLE_CPU, "twin", "id", "two jobs with the id \"twin\"");
        expectRejected(List.of(fine, Job.withIo("even", 0, 2, 5)), Policy.fcfs(),
                Machine.SINGLE_CPU, "even", "bursts", "bursts that end with an I/O burst");
        expectRejected(List.of(fine, Job.withIo("noIo", 0, 2, 0, 3)), Policy.fcfs(),
                Machine.SINGLE_CPU, "noIo", "burst", "an I/O burst of 0 ticks");
    }

    @Test
    @Points(1)
    @Hint("invalidSettings")
    void rejectsAZeroQuantumAndAMachineWithoutCpus() {
        List<Job> jobs = List.of(Job.of("A", 0, 3));
        expectRejected(jobs, Policy.roundRobin(0), Machine.SINGLE_CPU, "", "quantum",
                "round robin with a quantum of 0");
        expectRejected(jobs, Policy.feedbackQueue(0, 2, 0), Machine.SINGLE_CPU, "", "quantum",
                "a feedback queue whose level 1 has a quantum of 0");
        expectRejected(jobs, Policy.fcfs(), Machine.cpus(0), "", "cpus", "a machine with 0 CPUs");
    }

    @Test
    @Points(1)
    @Hint("nulls")
    void refusesNullsWithNullPointerException() {
        List<Job> jobs = List.of(Job.of("A", 0, 3));
        List<Job> withNull = java.util.Arrays.asList(Job.of("A", 0, 3), null);
        expectNullPointer(() -> Scheduler.run(null, Policy.fcfs()), "a null job list");
        expectNullPointer(() -> Scheduler.run(withNull, Policy.fcfs(), Machine.SINGLE_CPU),
                "a null job in the list");
        expectNullPointer(() -> Scheduler.run(jobs, null), "a null policy");
        expectNullPointer(() -> Scheduler.run(jobs, Policy.fcfs(), null), "a null machine");
    }

    private static void expectNullPointer(org.junit.jupiter.api.function.Executable call,
                                          String what) {
        Throwable thrown = null;
        try {
            call.execute();
        } catch (Throwable e) {
            thrown = e;
        }
        if (!(thrown instanceof NullPointerException)) {
            fail("for " + what + " Scheduler.run must throw NullPointerException (null is not an"
                    + " invalid value to name, it is no value at all), but it "
                    + (thrown == null ? "returned a schedule" : "threw " + thrown));
        }
    }

    /**
     * {@code run} must throw IllegalArgumentException whose message contains the job's id (if
     * given) and the field's name.
     */
    static void expectRejected(List<Job> jobs, Policy policy, Machine machine, String job,
                               String field, String what) {
        Schedule schedule;
        try {
            schedule = Scheduler.run(jobs, policy, machine);
        } catch (IllegalArgumentException expected) {
            String message = String.valueOf(expected.getMessage());
            assertTrue(message.contains(job) && message.contains(field), "for " + what
                    + ", the IllegalArgumentException must name "
                    + (job.isEmpty() ? "" : "the job \"" + job + "\" and ") + "the field \""
                    + field + "\", but its message was: " + message);
            return;
        }
        fail("for " + what + " Scheduler.run must throw IllegalArgumentException, but it returned"
                + " a schedule with " + schedule.timeline().size() + " segments");
    }
}
