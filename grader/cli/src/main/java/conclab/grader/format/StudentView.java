package conclab.grader.format;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report a student may read. Visible tests are shown whole. Every other test (Gradescope's
 * {@code hidden}, {@code after_due_date} and {@code after_published}) still counts in the totals,
 * but its name, message, hint, output and measurements are withheld: the tests of one exercise and
 * one visibility become a single entry that says how many of them passed and what they earned.
 * Grouping them, rather than renaming each, also keeps their number, order and durations to
 * itself. The run's events name the hidden tests they concern; those names are replaced too.
 */
public final class StudentView {

    /** The visibility whose tests a student sees. */
    public static final String VISIBLE = "visible";

    private StudentView() {
    }

    public static Report of(Report report) {
        List<ExerciseResult> exercises = new ArrayList<>();
        Map<String, String> withheldIds = new LinkedHashMap<>();
        for (ExerciseResult exercise : report.exercises()) {
            List<TestResult> tests = new ArrayList<>();
            Map<String, List<TestResult>> withheld = new LinkedHashMap<>();
            for (TestResult test : exercise.tests()) {
                if (test.visibility().equals(VISIBLE)) {
                    tests.add(test);
                } else {
                    withheld.computeIfAbsent(test.visibility(), v -> new ArrayList<>()).add(test);
                    withheldIds.put(test.id(), "a withheld test of " + exercise.id());
                }
            }
            withheld.forEach((visibility, group) -> tests.add(summary(exercise.id(), visibility, group)));
            exercises.add(new ExerciseResult(exercise.id(), exercise.status(), exercise.score(),
                    exercise.maxScore(), exercise.weight(), exercise.diagnostics(), tests));
        }
        List<Report.RunEventRecord> events = report.events().stream()
                .map(e -> new Report.RunEventRecord(e.type(), withhold(e.detail(), withheldIds)))
                .toList();
        return report.withExercises(exercises).withEvents(events);
    }

    private static TestResult summary(String exercise, String visibility, List<TestResult> group) {
        long passed = group.stream().filter(t -> t.status().equals("passed")).count();
        int points = group.stream().mapToInt(TestResult::points).sum();
        int earned = group.stream().mapToInt(TestResult::earned).sum();
        String kind = visibility.replace('_', ' ');
        String name = kind + " tests";
        boolean allPassed = passed == group.size();
        String message = allPassed ? null
                : passed + " of " + group.size() + " " + kind + " tests passed (" + earned + " of "
                + points + " points). Their names and messages are withheld; re-read the"
                + " specification in the Javadoc for cases the public tests do not cover.";
        return new TestResult(exercise + "/" + visibility, name, visibility, points, earned,
                allPassed ? "passed" : "failed", 0, 0, message, false, null, "", 0, false, Map.of());
    }

    private static String withhold(String detail, Map<String, String> withheldIds) {
        String shown = detail;
        // longest first, so that an id that begins another one never leaves the other's tail
        List<String> ids = new ArrayList<>(withheldIds.keySet());
        ids.sort(Comparator.comparingInt(String::length).reversed());
        for (String id : ids) {
            shown = shown.replace(id, withheldIds.get(id));
        }
        return shown;
    }
}
