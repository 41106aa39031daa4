package conclab.grader.summary;

import static conclab.grader.summary.Reports.exercise;
import static conclab.grader.summary.Reports.graded;
import static conclab.grader.summary.Reports.submission;
import static conclab.grader.summary.Reports.test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradebookTest {

    private static final Submission ALICE = submission("alice.json", graded("/class/alice", "2026001", "张伟", "t1"),
            exercise("udp", 2, test("u1", "passed", 3, null, Map.of()), test("u2", "failed", 2, "no", Map.of())),
            exercise("tcp", 0.5, test("t1", "passed", 4, null, Map.of())));

    @Test
    void oneRowPerSubmissionWithWeightedTotalsAndExercisesThatAddUp() {
        List<String> lines = Gradebook.text(List.of(ALICE)).lines().toList();
        assertEquals("submission,student_id,student_name,status,commit,score,max_score,tcp,udp,percent", lines.get(0));
        // udp: 3 of 5 points, weight 2 -> 6 of 10; tcp: 4 of 4, weight 0.5 -> 2 of 2; total 8 of 12
        assertEquals("alice,2026001,张伟,graded,,8,12,2,6,66.7", lines.get(1));
        assertEquals(2, lines.size());
    }

    @Test
    void utf8WithAByteOrderMarkAndCrlfLines() {
        byte[] bytes = Gradebook.bytes(List.of(ALICE));
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertEquals(Gradebook.text(List.of(ALICE)), text);
        assertEquals(2, text.split("\r\n", -1).length - 1, "every line ends with CRLF");
        assertEquals(true, text.contains("张伟"));
    }

    @Test
    void fieldsAreQuotedAsRfc4180Says() {
        assertEquals("plain", Gradebook.quote("plain"));
        assertEquals("\"Li, Na\"", Gradebook.quote("Li, Na"));
        assertEquals("\"say \"\"hi\"\"\"", Gradebook.quote("say \"hi\""));
        assertEquals("\"two\nlines\"", Gradebook.quote("two\nlines"));
        assertEquals("\"cr\rhere\"", Gradebook.quote("cr\rhere"));
        Submission odd = submission("x.json", graded("/class/x", "7", "O'Neil, \"Bob\"", "t"),
                exercise("udp", 1, test("u1", "passed", 1, null, Map.of())));
        assertEquals("x,7,\"O'Neil, \"\"Bob\"\"\",graded,,1,1,1,100.0",
                Gradebook.text(List.of(odd)).lines().toList().get(1));
    }

    @Test
    void aFieldASpreadsheetWouldRunAsAFormulaIsDefused() {
        assertEquals("'=HYPERLINK(\"x\")", Gradebook.defused("=HYPERLINK(\"x\")"));
        assertEquals("'+1", Gradebook.defused("+1"));
        assertEquals("'@SUM(A1)", Gradebook.defused("@SUM(A1)"));
        assertEquals("Zhang", Gradebook.defused("Zhang"));
        assertEquals("", Gradebook.defused(null));
    }

    @Test
    void anExerciseNotGradedForASubmissionIsAnEmptyCell() {
        Submission bob = submission("bob.json", graded("/class/bob", null, null, "t"),
                exercise("udp", 1, test("u1", "failed", 5, "no", Map.of())));
        List<String> lines = Gradebook.text(List.of(ALICE, bob)).lines().toList();
        assertEquals("bob,,,graded,,0,5,,0,0.0", lines.get(2));
    }

    @Test
    void numbersAreWrittenWithoutNeedlessDecimals() {
        assertEquals("12", Gradebook.number(12.0));
        assertEquals("0.33", Gradebook.number(0.33));
        assertEquals("22.5", Gradebook.number(22.5));
    }

    @Test
    void anExerciseOfWeightZeroShowsItsRawPointsInAColumnSaidNotToCount() {
        Submission s = Reports.submission("a.json", Reports.graded("/c/a", "1", "A", "t"),
                Reports.exercise("udp", 2, Reports.test("conclab.udp.T#a", "passed", 3, null, java.util.Map.of())),
                Reports.exercise("states", 0, Reports.test("conclab.states.T#a", "passed", 5, null, java.util.Map.of())));
        java.util.List<String> rows = Gradebook.text(java.util.List.of(s)).lines().toList();
        org.junit.jupiter.api.Assertions.assertEquals(
                "submission,student_id,student_name,status,commit,score,max_score,states (not counted),udp,percent", rows.get(0));
        org.junit.jupiter.api.Assertions.assertEquals("a,1,A,graded,,6,6,5,6,100.0", rows.get(1));
    }
}
