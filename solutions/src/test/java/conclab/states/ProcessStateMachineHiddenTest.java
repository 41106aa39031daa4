package conclab.states;

import static conclab.states.ProcessStateMachineTest.LEGAL;
import static conclab.states.ProcessStateMachineTest.assertHistory;
import static conclab.states.ProcessStateMachineTest.expectClearRefusal;
import static conclab.states.ProcessStateMachineTest.expectRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hidden: every move from every state, on the machine; the history as a snapshot; random walks. */
@Tag("states")
@Timeout(5)
class ProcessStateMachineHiddenTest {

    /** The texts this class hands to the public test's checks, in the student's language. */
    private static final Say SAY = Say.of(ProcessStateMachineHiddenTest.class);

    /** A legal way to reach each state. */
    private static final Map<State, List<Move>> PATHS = Map.of(
            State.NEW, List.of(),
            State.READY, List.of(Move.ADMIT),
            State.RUNNING, List.of(Move.ADMIT, Move.DISPATCH),
            State.BLOCKED, List.of(Move.ADMIT, Move.DISPATCH, Move.WAIT_FOR_IO),
            State.TERMINATED, List.of(Move.ADMIT, Move.DISPATCH, Move.EXIT));

    private static Optional<State> expectedTarget(State from, Move move) {
        return LEGAL.stream().filter(t -> t.from() == from && t.move() == move)
                .map(Transition::to).findFirst();
    }

    @Test
    @Points(2)
    @Hint("everyMove")
    void everyMoveFromEveryStateIsJudgedByTheTable() {
        for (State state : State.values()) {
            for (Move move : Move.values()) {
                ProcessStateMachine machine = new ProcessStateMachine("p-" + state + "-" + move);
                for (Move step : PATHS.get(state)) {
                    machine.apply(step);
                }
                assertEquals(state, machine.state(), "after the moves " + PATHS.get(state));
                Optional<State> target = expectedTarget(state, move);
                assertEquals(target.isPresent(), machine.canApply(move), "canApply(" + move
                        + ") in state " + state);
                if (target.isEmpty()) {
                    expectRefused(machine, move, SAY.text("illegal", move, state));
                    continue;
                }
                List<Transition> expected = new ArrayList<>(machine.history());
                assertEquals(target.get(), machine.apply(move), move + " from " + state);
                assertEquals(target.get(), machine.state(), move + " from " + state);
                expected.add(new Transition(state, move, target.get()));
                assertHistory(expected, machine.history(), SAY.text("after", move, state));
            }
        }
    }

    @Test
    @Points(1)
    @Hint("everyRefusal")
    void everyRefusalSaysWhereTheProcessIsAndWhatItMayDo() {
        for (State state : State.values()) {
            for (Move move : Move.values()) {
                if (expectedTarget(state, move).isPresent()) {
                    continue;
                }
                ProcessStateMachine machine = new ProcessStateMachine("proc " + state.ordinal()
                        + "." + move.ordinal());
                for (Move step : PATHS.get(state)) {
                    machine.apply(step);
                }
                expectClearRefusal(machine, move);
            }
        }
    }

    @Test
    @Points(1)
    @Hint("snapshot")
    void theHistoryIsAnUnmodifiableSnapshot() {
        ProcessStateMachine machine = new ProcessStateMachine("snap");
        machine.apply(Move.ADMIT);
        List<Transition> early = machine.history();
        machine.apply(Move.DISPATCH);
        machine.apply(Move.EXIT);
        assertEquals(1, early.size(), "a history returned after one move must keep one entry"
                + " when more moves follow, but now it holds " + ProcessStateMachineTest.describe(early)
                + ": return a copy, not the list you keep adding to");
        List<Transition> late = machine.history();
        assertThrows(UnsupportedOperationException.class,
                () -> late.add(new Transition(State.NEW, Move.ADMIT, State.READY)),
                "the list history() returns must be unmodifiable (List.copyOf)");
        assertThrows(UnsupportedOperationException.class, () -> late.remove(0),
                "the list history() returns must be unmodifiable (List.copyOf)");
        assertThrows(UnsupportedOperationException.class, late::clear,
                "the list history() returns must be unmodifiable (List.copyOf)");
        assertThrows(UnsupportedOperationException.class,
                () -> machine.history().set(0, new Transition(State.NEW, Move.ADMIT, State.READY)),
                "the list history() returns must be unmodifiable (List.copyOf)");
        assertEquals(3, machine.history().size(), "the machine's own history must be safe from"
                + " what callers do with the lists they got");
    }

    @Test
    @Points(2)
    @Hint("walks")
    void randomWalksKeepAChainedHistory() {
        Random random = new Random(4_2024);
        for (int walk = 0; walk < 50; walk++) {
            ProcessStateMachine machine = new ProcessStateMachine("walker-" + walk);
            State state = State.NEW;
            List<Transition> expected = new ArrayList<>();
            for (int step = 0; step < 60 && state != State.TERMINATED; step++) {
                Move move = Move.values()[random.nextInt(Move.values().length)];
                Optional<State> target = expectedTarget(state, move);
                if (target.isEmpty()) {
                    try {
                        State reached = machine.apply(move);
                        fail("walk " + walk + ", step " + step + ": " + move + " from " + state
                                + " was accepted (to " + reached + "); it is not a legal move");
                    } catch (IllegalStateException refused) {
                        // as it must be
                    }
                } else {
                    assertEquals(target.get(), machine.apply(move), "walk " + walk + ", step "
                            + step + ": " + move + " from " + state);
                    expected.add(new Transition(state, move, target.get()));
                    state = target.get();
                }
                assertEquals(state, machine.state(), "walk " + walk + ", step " + step
                        + ": after trying " + move);
            }
            List<Transition> history = machine.history();
            assertHistory(expected, history, SAY.text("walk", walk));
            State previous = State.NEW;
            for (Transition t : history) {
                assertEquals(previous, t.from(), "walk " + walk + ": each move must start where"
                        + " the previous one ended: " + ProcessStateMachineTest.describe(history));
                previous = t.to();
            }
        }
    }
}
