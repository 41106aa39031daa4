package conclab.grader.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HangLedgerTest {

    private static PlannedTest test(String exercise, String name) {
        String id = "conclab." + exercise + ".T#" + name;
        return new PlannedTest(id, "[engine:junit-jupiter]", id, exercise, 1, null, "visible", 10_000);
    }

    @Test
    void anExerciseThatPassedNothingGivesUpAtItsSecondHang() {
        HangLedger ledger = new HangLedger(2);

        assertEquals(0, ledger.hung(test("udp", "a"), false));
        assertEquals(2, ledger.hung(test("udp", "b"), false), "the second hang gives the exercise up");
        assertEquals(0, ledger.hung(test("udp", "c"), false), "it gives up once");
        assertEquals(0, ledger.hung(test("tcp", "a"), false), "another exercise counts its own");
    }

    @Test
    void anExerciseThatPassedATestNeverGivesUp() {
        HangLedger ledger = new HangLedger(2);
        ledger.passed(test("tcp", "works"));

        assertEquals(0, ledger.hung(test("tcp", "closeBlocks"), false));
        assertEquals(0, ledger.hung(test("tcp", "closeBlocksAgain"), false));
        assertEquals(0, ledger.hung(test("tcp", "andAgain"), false));
    }

    @Test
    void testsCutShortRunAgainWithTheirOwnTimeoutUnlessTheirExerciseGaveUp() {
        HangLedger ledger = new HangLedger(2);
        PlannedTest slow = test("join", "slow");
        PlannedTest spins = test("udp", "spins");
        PlannedTest spinsToo = test("udp", "spinsToo");
        ledger.passed(test("join", "fast"));
        ledger.hung(slow, true);
        ledger.hung(spins, true);
        ledger.hung(spinsToo, true);

        assertEquals(List.of(slow), ledger.secondChance(List.of(slow, spins, spinsToo)));
        assertTrue(ledger.fullTimeout(slow));
        assertFalse(ledger.fullTimeout(spins));
        assertEquals(List.of(), ledger.secondChance(List.of(slow, spins, spinsToo)), "one second chance");
    }
}
