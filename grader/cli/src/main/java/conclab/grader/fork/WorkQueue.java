package conclab.grader.fork;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The tests of a run that no test JVM has been given yet, a test class at a time: the piece of
 * work a test JVM asks for when it is idle. The exercises expected to take longest go first, so
 * that the test JVMs that run at once end close together; within an exercise, its classes keep
 * the suite's order (the public tests first, as a student runs them).
 *
 * <p>A class is the piece because a test JVM runs a class's set-up once for all its tests; and
 * because exercises are independent, classes of different exercises run side by side, each test
 * JVM beside a submission's JVM of its own. Not thread-safe: the run holds its lock around it.
 */
final class WorkQueue {

    private final Deque<List<PlannedTest>> pieces = new ArrayDeque<>();

    /**
     * Adds the classes of {@code tests}, in the order of their exercises' expected time (the sum
     * of {@code expectedMs} over their tests; the longest first), and behind the pieces waiting
     * where that is equal.
     */
    void add(List<PlannedTest> tests, ToLongFunction<PlannedTest> expectedMs) {
        Map<String, Long> exerciseMs = new HashMap<>();
        Map<String, List<PlannedTest>> byClass = new LinkedHashMap<>();
        for (PlannedTest test : tests) {
            exerciseMs.merge(test.exercise(), expectedMs.applyAsLong(test), Long::sum);
            byClass.computeIfAbsent(className(test), c -> new ArrayList<>()).add(test);
        }
        List<List<PlannedTest>> added = new ArrayList<>(byClass.values());
        // a stable sort: the suite's order within an exercise, and among exercises that tie
        added.sort(Comparator.comparingLong((List<PlannedTest> piece) -> exerciseMs.get(piece.get(0).exercise()))
                .reversed());
        pieces.addAll(added);
    }

    /** Puts {@code piece} (the rest of a class a test JVM did not get to) first, for the next idle one. */
    void putBack(List<PlannedTest> piece) {
        if (!piece.isEmpty()) {
            pieces.addFirst(List.copyOf(piece));
        }
    }

    /** The next piece, without the tests that are no longer {@code open}; empty when none is left. */
    Optional<List<PlannedTest>> take(Predicate<PlannedTest> open) {
        while (!pieces.isEmpty()) {
            List<PlannedTest> piece = pieces.poll().stream().filter(open).toList();
            if (!piece.isEmpty()) {
                return Optional.of(piece);
            }
        }
        return Optional.empty();
    }

    /** The test the next piece begins with, still {@code open}: the one a test JVM that dies idle is blamed on. */
    Optional<PlannedTest> next(Predicate<PlannedTest> open) {
        return pieces.stream().flatMap(List::stream).filter(open).findFirst();
    }

    /** How many tests wait, {@code open} or not. */
    int size() {
        return pieces.stream().mapToInt(List::size).sum();
    }

    /** How many pieces wait. */
    int pieces() {
        return pieces.size();
    }

    void clear() {
        pieces.clear();
    }

    private static String className(PlannedTest test) {
        int hash = test.id().indexOf('#');
        return hash < 0 ? test.id() : test.id().substring(0, hash);
    }
}
