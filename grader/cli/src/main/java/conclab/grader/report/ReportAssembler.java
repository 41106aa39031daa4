package conclab.grader.report;

import conclab.grader.fork.PlannedTest;
import conclab.grader.fork.RunOutcome;
import conclab.grader.submission.CompileOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** Puts the exercises of a report together from what was compiled and what ran. */
public final class ReportAssembler {

    private ReportAssembler() {
    }

    /**
     * @param exercises the exercises graded
     * @param compile   what compiling the submission gave
     * @param run       what running the tests gave
     * @param weight    the weight of an exercise
     */
    public static List<ExerciseResult> exercises(Set<String> exercises, CompileOutcome compile,
                                                 RunOutcome run, ToDoubleFunction<String> weight) {
        Set<String> ids = new TreeSet<>(exercises);
        run.plan().forEach(test -> ids.add(test.exercise()));
        List<ExerciseResult> results = new ArrayList<>();
        for (String id : ids) {
            boolean broken = compile.brokenExercises().containsKey(id);
            boolean missing = !broken && !compile.compiledExercises().contains(id);
            List<TestResult> tests = new ArrayList<>();
            for (PlannedTest test : run.plan()) {
                if (test.exercise().equals(id)) {
                    tests.add(broken ? notRun(test, "Not run: the code of exercise " + id
                            + " does not compile; the compiler's messages are in the report.")
                            : missing ? notRun(test, "Not run: the submission has no code in package conclab."
                            + id + ".")
                            : result(test, run.results().get(test.id()), run.measurements().get(test.id())));
                }
            }
            int score = tests.stream().mapToInt(TestResult::earned).sum();
            int max = tests.stream().mapToInt(TestResult::points).sum();
            String status = broken ? "compile_error" : missing ? "missing"
                    : tests.stream().allMatch(t -> t.status().equals("passed")) ? "passed" : "failed";
            results.add(new ExerciseResult(id, status, score, max, weight.applyAsDouble(id),
                    compile.brokenExercises().getOrDefault(id, List.of()), tests));
        }
        return results;
    }

    private static TestResult notRun(PlannedTest test, String why) {
        return new TestResult(test.id(), test.name(), test.visibility(), test.points(), 0,
                "not_run", 0, 0, why, false, null, "", 0, false, Map.of());
    }

    private static TestResult result(PlannedTest test, RunOutcome.TestOutcome outcome,
                                     Map<String, String> measurements) {
        if (outcome == null) {
            return notRun(test, "Not run: the test JVM never reported a result for this test.");
        }
        boolean passed = outcome.status().equals("passed");
        String message = outcome.message();
        boolean cut = message != null && outcome.messageLength() > message.length();
        if (cut) {
            message = message + "… [cut: " + outcome.messageLength() + " characters in all]";
        }
        String output = outcome.output() == null ? "" : outcome.output();
        boolean outputCut = outcome.outputBytes() > output.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return new TestResult(test.id(), test.name(), test.visibility(), test.points(),
                passed ? test.points() : 0, outcome.status(), outcome.durationMs(),
                outcome.status().equals("not_run") ? 0 : outcome.attempts(), passed ? null : message, cut,
                passed ? null : outcome.hint() != null ? outcome.hint() : test.hint(), output, outcome.outputBytes(), outputCut,
                measurements == null ? Map.of() : measurements);
    }
}
