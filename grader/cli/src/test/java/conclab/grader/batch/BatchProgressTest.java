package conclab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchProgressTest {

    @Test
    void theRedrawnLineNeverWrapsAnEightyColumnTerminalAndSaysKeptAsTheSummaryDoes() {
        StringWriter text = new StringWriter();
        BatchProgress progress = new BatchProgress(new PrintWriter(text), true, 80);
        progress.planned(200);
        for (int i = 0; i < 3; i++) {
            progress.finished(new BatchGrader.Outcome("s" + i, "s" + i + ".json", BatchGrader.Kind.SKIPPED,
                    ResumeDecision.UNCHANGED, null, null));
        }
        String line = progress.line();
        assertTrue(line.length() <= 79, line.length() + ": " + line);
        assertTrue(line.startsWith("[........................] 3/200"), line);
        assertFalse(line.contains("skipped"), line);
        assertTrue(new BatchProgress(new PrintWriter(new StringWriter()), true, 200).line().contains("kept 0"));
        for (String drawn : text.toString().split("\r")) {
            assertTrue(drawn.replace("\u001b[K", "").length() <= 79, drawn);
        }
    }

    @Test
    void theWidthComesFromColumnsElseTheTerminalElseEighty() {
        assertEquals(132, BatchProgress.terminalWidth(Map.of("COLUMNS", "132")));
        int guessed = BatchProgress.terminalWidth(Map.of("COLUMNS", "wide"));
        assertTrue(guessed >= 10, "stty's answer or 80: " + guessed);
    }
}
