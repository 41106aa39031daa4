package conclab.scheduling;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.opentest4j.AssertionFailedError;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Invalid input is refused before anything is simulated, with a message that says where. */
@Tag("scheduling")
@Timeout(5)
class SchedulerInputTest {

    private static final Say SAY = Say.of(SchedulerInputTest.class);

    @Test
    @Points(2)
    @Hint("invalidJobs")
    void rejectsInvalidJobsNamingTheJobAndTheField() {
        Job fine = Job.of("ok", 0, 3);
        expectRejected(List.of(fine, Job.of("zero", 1, 0)), Policy.fcfs(), Machine.SINGLE_CPU,
                "zero", "burst", SAY.text("zeroBurst"));
        expectRejected(List.of(fine, Job.of("early", -1, 2)), Policy.fcfs(), Machine.SINGLE_CPU,
                "early", "arrival", SAY.text("earlyArrival"));
        expectRejected(List.of(Job.of("twin", 0, 2), fine, Job.of("twin", 3, 1)), Policy.fcfs(),
                Machine.SINGLE_CPU, "twin", "id", SAY.text("twins"));
        expectRejected(List.of(fine, Job.withIo("even", 0, 2, 5)), Policy.fcfs(),
                Machine.SINGLE_CPU, "even", "bursts", SAY.text("endsWithIo"));
        expectRejected(List.of(fine, Job.withIo("noIo", 0, 2, 0, 3)), Policy.fcfs(),
                Machine.SINGLE_CPU, "noIo", "burst", SAY.text("zeroIo"));
    }

    @Test
    @Points(1)
    @Hint("invalidSettings")
    void rejectsAZeroQuantumAndAMachineWithoutCpus() {
        List<Job> jobs = List.of(Job.of("A", 0, 3));
        expectRejected(jobs, Policy.roundRobin(0), Machine.SINGLE_CPU, "", "quantum", SAY.text("zeroQuantum"));
        expectRejected(jobs, Policy.feedbackQueue(0, 2, 0), Machine.SINGLE_CPU, "", "quantum",
                SAY.text("zeroLevelQuantum"));
        expectRejected(jobs, Policy.fcfs(), Machine.cpus(0), "", "cpus", SAY.text("noCpus"));
    }

    @Test
    @Points(1)
    @Hint("nulls")
    void refusesNullsWithNullPointerException() {
        List<Job> jobs = List.of(Job.of("A", 0, 3));
        List<Job> withNull = java.util.Arrays.asList(Job.of("A", 0, 3), null);
        expectNullPointer(() -> Scheduler.run(null, Policy.fcfs()), SAY.text("nullJobs"));
        expectNullPointer(() -> Scheduler.run(withNull, Policy.fcfs(), Machine.SINGLE_CPU), SAY.text("nullJob"));
        expectNullPointer(() -> Scheduler.run(jobs, null), SAY.text("nullPolicy"));
        expectNullPointer(() -> Scheduler.run(jobs, Policy.fcfs(), null), SAY.text("nullMachine"));
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
            // the cause is kept: a stub's TODO behind it counts as not started
            throw new AssertionFailedError(SAY.text("notNpe", what,
                    thrown == null ? SAY.text("returned") : SAY.text("threw", thrown)), thrown);
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
            SAY.hinting("names", () -> assertTrue(message.contains(job) && message.contains(field),
                    job.isEmpty() ? SAY.text("unnamedField", what, field, message)
                            : SAY.text("unnamed", what, job, field, message)));
            return;
        }
        fail(SAY.text("accepted", what, schedule.timeline().size()));
    }
}
