package conclab.scheduling;

import static conclab.scheduling.SchedulerInputTest.expectRejected;

import conclab.harness.Hint;
import conclab.harness.Points;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hidden: every invalid field, named. */
@Tag("scheduling")
@Timeout(5)
class SchedulerInputHiddenTest {

    @Test
    @Points(2)
    @Hint("everyJobField")
    void namesEveryWrongFieldOfAJob() {
        Job fine = Job.of("ok", 0, 3);
        Machine one = Machine.SINGLE_CPU;
        expectRejected(List.of(fine, Job.of(" ", 0, 1)), Policy.fcfs(), one, "#1", "id",
                "a blank id (job #1 of the list, counted from 0: name it by its position)");
        expectRejected(Arrays.asList(fine, new Job(null, 0, List.of(1))), Policy.fcfs(), one, "#1",
                "id", "a null id (job #1 of the list, counted from 0)");
        expectRejected(List.of(fine, new Job("none", 0, List.of())), Policy.fcfs(), one, "none",
                "bursts", "a job without bursts");
        expectRejected(List.of(fine, Job.withIo("negative", 0, 2, 3, -4)), Policy.sjf(), one,
                "negative", "burst", "a CPU burst of -4 ticks");
        expectRejected(List.of(fine, Job.withIo("fourth", 0, 2, 3, 4, 5)), Policy.srtf(), one,
                "fourth", "bursts", "four bursts (the last one must be a CPU burst)");
        expectRejected(List.of(Job.of("first", -3, 1)), Policy.roundRobin(2), one, "first",
                "arrival", "an arrival at tick -3");
        expectRejected(List.of(fine, Job.of("ok", 5, 1)), Policy.batch(), one, "ok", "id",
                "two jobs with the id \"ok\"");
    }

    @Test
    @Points(1)
    @Hint("everySetting")
    void namesEveryWrongSetting() {
        List<Job> jobs = List.of(Job.of("A", 0, 3));
        expectRejected(List.of(), Policy.fcfs(), Machine.SINGLE_CPU, "", "jobs",
                "an empty job list");
        expectRejected(jobs, Policy.roundRobin(-2), Machine.SINGLE_CPU, "", "quantum",
                "round robin with a quantum of -2");
        expectRejected(jobs, Policy.feedbackQueue(0), Machine.SINGLE_CPU, "", "quanta",
                "a feedback queue without levels");
        expectRejected(jobs, Policy.feedbackQueue(-1, 2, 4), Machine.SINGLE_CPU, "", "boostPeriod",
                "a feedback queue with a boost period of -1");
        expectRejected(jobs, Policy.fcfs(), new Machine(1, -1), "", "contextSwitch",
                "a context switch of -1 ticks");
        expectRejected(jobs, Policy.fcfs(), new Machine(-2, 0), "", "cpus",
                "a machine with -2 CPUs");
    }
}
