package conclab.scheduling;

import static conclab.scheduling.SchedulerInputTest.expectRejected;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hidden: every invalid field, named. */
@Tag("scheduling")
@Timeout(5)
class SchedulerInputHiddenTest {

    /** What each wrong input is, as the public test's sentences name it, in the student's language. */
    private static final Say SAY = Say.of(SchedulerInputHiddenTest.class);

    @Test
    @Points(2)
    @Hint("everyJobField")
    void namesEveryWrongFieldOfAJob() {
        Job fine = Job.of("ok", 0, 3);
        Machine one = Machine.SINGLE_CPU;
        expectRejected(List.of(fine, Job.of(" ", 0, 1)), Policy.fcfs(), one, "#1", "id",
                SAY.text("blankId"));
        expectRejected(Arrays.asList(fine, new Job(null, 0, List.of(1))), Policy.fcfs(), one, "#1",
                "id", SAY.text("nullId"));
        expectRejected(List.of(fine, new Job("none", 0, List.of())), Policy.fcfs(), one, "none",
                "bursts", SAY.text("noBursts"));
        expectRejected(List.of(fine, Job.withIo("negative", 0, 2, 3, -4)), Policy.sjf(), one,
                "negative", "burst", SAY.text("negativeBurst"));
        expectRejected(List.of(fine, Job.withIo("fourth", 0, 2, 3, 4, 5)), Policy.srtf(), one,
                "fourth", "bursts", SAY.text("fourBursts"));
        expectRejected(List.of(Job.of("first", -3, 1)), Policy.roundRobin(2), one, "first",
                "arrival", SAY.text("negativeArrival"));
        expectRejected(List.of(fine, Job.of("ok", 5, 1)), Policy.batch(), one, "ok", "id",
                SAY.text("twice"));
    }

    @Test
    @Points(1)
    @Hint("everySetting")
    void namesEveryWrongSetting() {
        List<Job> jobs = List.of(Job.of("A", 0, 3));
        expectRejected(List.of(), Policy.fcfs(), Machine.SINGLE_CPU, "", "jobs",
                SAY.text("noJobs"));
        expectRejected(jobs, Policy.roundRobin(-2), Machine.SINGLE_CPU, "", "quantum",
                SAY.text("quantum"));
        expectRejected(jobs, Policy.feedbackQueue(0), Machine.SINGLE_CPU, "", "quanta",
                SAY.text("noLevels"));
        expectRejected(jobs, Policy.feedbackQueue(-1, 2, 4), Machine.SINGLE_CPU, "", "boostPeriod",
                SAY.text("boostPeriod"));
        expectRejected(jobs, Policy.fcfs(), new Machine(1, -1), "", "contextSwitch",
                SAY.text("contextSwitch"));
        expectRejected(jobs, Policy.fcfs(), new Machine(-2, 0), "", "cpus",
                SAY.text("cpus"));
    }
}
