package conclab.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import conclab.grader.timing.Calibration;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each {@code with...} of a report changes only its own parts: every other component, those
 * added later included (they are found by reflection), is carried over.
 */
class ReportWithTest {

    private static final Report.GradedWith GRADED = new Report.GradedWith("v", "suite", "/s", "hash", "17", "linux",
            "2026-11-27T00:00:00Z", 1000, 600,
            new Report.Limits(List.of("udp"), 10_000, 600_000, 1.5, "512m", 16384, 3, 1 << 20, 200, 2, 1),
            new Report.CourseRef("course", "week 1"), new Report.StudentRef("1", "Ann"), "abc",
            new Calibration(120, 2.0, 1.0, 1.5, 1.5, 200, 0.2), "none", null);
    private static final Report REPORT = new Report(1, "graded", "m", 3, 5, 6.0, 10.0, GRADED,
            List.of(new ExerciseResult("udp", "failed", 3, 5, 2, List.of(), List.of())),
            List.of("w"), List.of(new Report.RunEventRecord("fork_exited", "d")));

    @Test
    void eachWithChangesItsPartsAndKeepsEveryOther() throws Exception {
        List<ExerciseResult> exercises = List.of();
        List<Report.RunEventRecord> events = List.of(new Report.RunEventRecord("time_limit", "t"));
        Report.GradedWith graded = GRADED.withOrigin("/elsewhere", null, null);

        same(REPORT, REPORT.withExercises(exercises), Set.of("exercises"));
        assertEquals(exercises, REPORT.withExercises(exercises).exercises());
        same(REPORT, REPORT.withEvents(events), Set.of("events"));
        assertEquals(events, REPORT.withEvents(events).events());
        same(REPORT, REPORT.withEvent(events.get(0)), Set.of("events"));
        assertEquals(List.of(REPORT.events().get(0), events.get(0)), REPORT.withEvent(events.get(0)).events());
        same(REPORT, REPORT.withGraded(graded), Set.of("graded"));
        assertEquals(graded, REPORT.withGraded(graded).graded());

        same(GRADED, graded, Set.of("submission", "student", "commit"));
        assertEquals("/elsewhere", graded.submission());
    }

    /** Every component of {@code after} but {@code changed} equals {@code before}'s; the changed ones differ. */
    private static void same(Record before, Record after, Set<String> changed) throws Exception {
        for (RecordComponent component : before.getClass().getRecordComponents()) {
            Object was = component.getAccessor().invoke(before);
            Object is = component.getAccessor().invoke(after);
            if (changed.contains(component.getName())) {
                assertNotEquals(was, is, component.getName());
            } else {
                assertEquals(was, is, component.getName() + " carried over");
            }
        }
    }
}
