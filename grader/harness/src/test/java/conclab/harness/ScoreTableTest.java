package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreTableTest {

    @Test
    void hiddenPointsOfExercisesNotShownAreLeftOut() {
        ScoreTable table = new ScoreTable();
        table.add("udp", 3, true);
        table.add("udp", 2, false);
        String text = table.render("title", Map.of("udp", 4, "tcp", 100));
        assertTrue(text.lines().anyMatch(l -> l.contains("udp") && l.contains("1/2") && l.contains("3/5")), text);
        assertTrue(text.contains("4 more points"), text);
        assertFalse(text.contains("104"), text);
    }

    @Test
    void noHiddenLineWithoutHiddenPoints() {
        ScoreTable table = new ScoreTable();
        table.add("udp", 1, true);
        assertFalse(table.render("title", Map.of()).contains("hidden"));
    }
}
