package conclab.grader.fork;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the parent remembers of the tests that hung: how often each exercise hung, the exercises
 * that gave up their remaining tests because of it, and the tests stopped at the shorter timeout
 * derived from the reference's times, which may earn a second run with their declared one.
 *
 * <p>An exercise gives up after {@code hangsPerExercise} hangs only while none of its tests has
 * passed: a submission that hangs everywhere is graded in bounded time, and one that works in
 * part (a {@code close()} that blocks, a {@code start()} that waits for its child) keeps every
 * point its working parts earn.
 */
final class HangLedger {

    private final int hangsPerExercise;
    private final Map<String, Integer> hangsByExercise = new HashMap<>();
    private final Set<String> gaveUp = new HashSet<>();
    private final Set<String> passedSome = new HashSet<>();
    /** Tests killed at the timeout derived from the reference's times; they may run again. */
    private final Set<String> cutShort = new HashSet<>();
    /** Tests that run with their declared timeout whatever the reference's times. */
    private final Set<String> fullTimeout = new HashSet<>();

    HangLedger(int hangsPerExercise) {
        this.hangsPerExercise = hangsPerExercise;
    }

    /**
     * Counts a hang of {@code test}, stopped early at a derived timeout if {@code cutShort}.
     *
     * @return how often its exercise has hung, if it now gives up its remaining tests; else 0
     */
    int hung(PlannedTest test, boolean cutShort) {
        if (cutShort) {
            this.cutShort.add(test.id());
        }
        int hangs = hangsByExercise.merge(test.exercise(), 1, Integer::sum);
        if (hangs < hangsPerExercise || passedSome.contains(test.exercise()) || !gaveUp.add(test.exercise())) {
            return 0;
        }
        return hangs;
    }

    /** Notes that {@code test} passed: its exercise works in part, and never gives up. */
    void passed(PlannedTest test) {
        passedSome.add(test.exercise());
    }

    /**
     * The tests stopped at a derived timeout whose exercise did not give up, taken back for a
     * second run with their declared timeout: a correct test may be slow on a busy machine. An
     * exercise that gave up hung too often to be worth the time.
     */
    List<PlannedTest> secondChance(List<PlannedTest> plan) {
        List<PlannedTest> again = plan.stream()
                .filter(t -> cutShort.contains(t.id()) && !gaveUp.contains(t.exercise()))
                .toList();
        cutShort.clear();
        again.forEach(t -> fullTimeout.add(t.id()));
        return again;
    }

    /** Whether {@code test} runs with its declared timeout (its second chance). */
    boolean fullTimeout(PlannedTest test) {
        return fullTimeout.contains(test.id());
    }
}
