package conclab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseTest {

    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        return Files.writeString(dir.resolve("course.json"), json);
    }

    @Test
    void readsExercisesInOrderWithWeightsAndDeadline() throws Exception {
        Course course = Course.read(file("""
                {"course": "Concurrency 2026", "assignment": "week 3",
                 "exercises": {"tcp": 2, "udp": 0.5, "framing": 0},
                 "deadline": "2026-12-01T23:59:00+08:00"}"""));
        assertEquals("Concurrency 2026", course.course());
        assertEquals("week 3", course.assignment());
        assertEquals(List.of("tcp", "udp", "framing"), List.copyOf(course.exercises()));
        assertEquals(2.0, course.weight("tcp"));
        assertEquals(0.5, course.weight("udp"));
        assertEquals(0.0, course.weight("framing"));
        assertEquals(1.0, course.weight("ipc"), "an exercise the course does not name weighs 1");
        assertEquals(OffsetDateTime.parse("2026-12-01T23:59:00+08:00"), course.deadline());
    }

    @Test
    void assignmentAndDeadlineAreOptional() throws Exception {
        Course course = Course.read(file("{\"course\": \"C\", \"exercises\": {\"udp\": 1}}"));
        assertNull(course.assignment());
        assertNull(course.deadline());
    }

    private void assertInvalid(String json, String... phrases) throws IOException {
        Path file = file(json);
        Course.InvalidCourse e = assertThrows(Course.InvalidCourse.class, () -> Course.read(file));
        assertTrue(e.getMessage().startsWith("course file " + file + ": "), e.getMessage());
        for (String phrase : phrases) {
            assertTrue(e.getMessage().contains(phrase), () -> "'" + phrase + "' not in: " + e.getMessage());
        }
    }

    @Test
    void badFilesSayWhatIsWrongAndHowToFixIt() throws IOException {
        assertInvalid("{\"course\": \"C\", \"exercises\": {\"udp\": 1}", "not valid JSON", "line 1");
        assertInvalid("[]", "must hold a JSON object");
        assertInvalid("{\"exercises\": {\"udp\": 1}}", "'course' is missing");
        assertInvalid("{\"course\": \"C\"}", "'exercises' must map at least one exercise");
        assertInvalid("{\"course\": \"C\", \"exercises\": {}}", "'exercises' must map at least one exercise");
        assertInvalid("{\"course\": \"C\", \"exercises\": [\"udp\"]}", "'exercises' must map");
        assertInvalid("{\"course\": \"C\", \"exercises\": {\"UDP\": 1}}", "'UDP' is not an exercise id");
        assertInvalid("{\"course\": \"C\", \"exercises\": {\"udp\": -1}}", "weight of udp must be a number from 0 to 1000");
        assertInvalid("{\"course\": \"C\", \"exercises\": {\"udp\": 1e308}}", "weight of udp must be a number from 0 to 1000", "1.0E308");
        assertInvalid("{\"course\": \"C\", \"exercises\": {\"udp\": 1, \"tcp\": 2, \"udp\": 3}}", "a key appears twice", "'udp'");
        assertInvalid("{\"course\": \"C\", \"exercises\": {\"udp\": \"2\"}}", "weight of udp");
        assertInvalid("{\"course\": \"C\", \"exercises\": {\"udp\": 0}}", "every weight is 0");
        assertInvalid("{\"course\": \"C\", \"exercises\": {\"udp\": 1}, \"weights\": {}}", "unknown field 'weights'");
        assertInvalid("{\"course\": \"C\", \"exercises\": {\"udp\": 1}, \"deadline\": \"friday\"}", "ISO-8601", "friday");
        assertInvalid("{\"course\": \"C\", \"exercises\": {\"udp\": 1}} {}", "not valid JSON");
    }

    @Test
    void aMissingFileIsNamed() {
        Course.InvalidCourse e = assertThrows(Course.InvalidCourse.class, () -> Course.read(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("nope.json: no such file"), e.getMessage());
    }

    @Test
    void exercisesNarrowACourseAndNeverWidenIt() throws Exception {
        Course course = Course.read(file("{\"course\": \"C\", \"exercises\": {\"udp\": 1, \"tcp\": 2, \"states\": 0}}"));
        assertEquals(List.of("udp", "tcp", "states"), course.narrowed(List.of()));
        assertEquals(List.of("udp", "states"), course.narrowed(List.of("states", "udp")), "in the course file's order");
        Course.OutsideCourse e = assertThrows(Course.OutsideCourse.class, () -> course.narrowed(List.of("udp", "ipc")));
        assertEquals("ipc", e.exercise());
        assertTrue(e.getMessage().contains("narrows a course"), e.getMessage());
    }
}
