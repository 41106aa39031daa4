package conclab.grader.summary;

import static conclab.grader.summary.Reports.graded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import conclab.grader.report.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionTest {

    private static String name(String folder) {
        return new Submission("r.json", Report.graded(graded(folder, null, null, "t"), List.of(), List.of(), List.of()))
                .name();
    }

    @Test
    void isTheGradedFolderName() {
        assertEquals("alice", name("/class/alice"));
        assertEquals("alice", name("/class/alice/"));
        assertEquals("bob", name("C:\\class\\bob"));
        assertEquals("r", name(null), "the report's file name without .json");
    }

    @Test
    void aFolderThatIsNoValidPathIsStillAName() {
        assertEquals("evil\0name", name("/class/evil\0name"));
    }
}
