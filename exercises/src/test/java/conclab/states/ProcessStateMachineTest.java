package conclab.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lecture's process, move by move; the moves it must refuse; the table itself. */
@Tag("states")
@Timeout(5)
class ProcessStateMachineTest {

    /** The six legal moves, as the specification's table has them: move, from, to. */
    static final List<Transition> LEGAL = List.of(
            new Transition(State.NEW, Move.ADMIT, State.READY),
            new Transition(State.READY, Move.DISPATCH, State.RUNNING),
            new Transition(State.RUNNING, Move.PREEMPT, State.READY),
            new Transition(State.RUNNING, Move.WAIT_FOR_IO, State.BLOCKED),
            new Transition(State.BLOCKED, Move.IO_DONE, State.READY),
            new Transition(State.RUNNING, Move.EXIT, State.TERMINATED));

    @Test
    @Points(2)
    @Hint("life")
    void aProcessLivesThroughTheThreeStates() {
        ProcessStateMachine editor = new ProcessStateMachine("editor");
        assertEquals("editor", editor.name(), "name() must return the name given at creation");
        assertEquals(State.NEW, editor.state(), "a new process must start in NEW");
        assertTrue(editor.history().isEmpty(), "a new process has made no moves, but history() was "
                + editor.history());

        List<Transition> expected = new ArrayList<>();
        State[] path = {State.READY, State.RUNNING, State.BLOCKED, State.READY, State.RUNNING,
            State.READY, State.RUNNING, State.TERMINATED};
        Move[] moves = {Move.ADMIT, Move.DISPATCH, Move.WAIT_FOR_IO, Move.IO_DONE, Move.DISPATCH,
            Move.PREEMPT, Move.DISPATCH, Move.EXIT};
        State before = State.NEW;
        for (int i = 0; i < moves.length; i++) {
            State returned = editor.apply(moves[i]);
            assertEquals(path[i], returned, "apply(" + moves[i] + ") from " + before
                    + " must return the new state");
            assertEquals(path[i], editor.state(), "after " + moves[i] + " from " + before);
            expected.add(new Transition(before, moves[i], path[i]));
            assertHistory(expected, editor.history(), "after the moves " + expected.size());
            before = path[i];
        }
    }

    @Test
    @Points(2)
    @Hint("onlyFromReady")
    void aProcessRunsOnlyFromReady() {
        ProcessStateMachine newborn = new ProcessStateMachine("newborn");
        expectRefused(newborn, Move.DISPATCH, "a NEW process must be admitted (become READY)"
                + " before it can run");

        ProcessStateMachine reader = new ProcessStateMachine("reader");
        reader.apply(Move.ADMIT);
        reader.apply(Move.DISPATCH);
        reader.apply(Move.WAIT_FOR_IO);
        expectRefused(reader, Move.DISPATCH, "when its I/O is done a blocked process becomes"
                + " READY (IO_DONE) and queues for the CPU again: there is no BLOCKED -> RUNNING");
        expectRefused(reader, Move.EXIT, "only a running process can exit");
        reader.apply(Move.IO_DONE);
        assertEquals(State.READY, reader.state());
        expectRefused(reader, Move.WAIT_FOR_IO, "only a running process can start I/O");
        expectRefused(reader, Move.PREEMPT, "only a running process can be preempted");
        assertEquals(State.RUNNING, reader.apply(Move.DISPATCH));
    }

    @Test
    @Points(1)
    @Hint("terminated")
    void nothingLeavesTerminated() {
        ProcessStateMachine quick = new ProcessStateMachine("quick");
        quick.apply(Move.ADMIT);
        quick.apply(Move.DISPATCH);
        quick.apply(Move.EXIT);
        for (Move move : Move.values()) {
            expectRefused(quick, move, "a terminated process makes no more moves");
        }
    }

    @Test
    @Points(1)
    @Hint("table")
    void theTableHoldsExactlyTheSixLegalMoves() {
        List<String> wrong = new ArrayList<>();
        for (State from : State.values()) {
            for (Move move : Move.values()) {
                Optional<State> expected = LEGAL.stream()
                        .filter(t -> t.from() == from && t.move() == move)
                        .map(Transition::to).findFirst();
                Optional<State> actual = ProcessStateMachine.target(from, move);
                if (!expected.equals(actual)) {
                    wrong.add("target(" + from + ", " + move + ") = " + actual + ", expected "
                            + expected);
                }
            }
        }
        assertTrue(wrong.isEmpty(), "the table of moves is wrong in " + wrong.size() + " of "
                + State.values().length * Move.values().length + " places:\n  "
                + String.join("\n  ", wrong));
    }

    @Test
    @Points(2)
    @Hint("message")
    void aRefusalSaysWhereTheProcessIsAndWhatItMayDo() {
        ProcessStateMachine editor = new ProcessStateMachine("editor");
        expectClearRefusal(editor, Move.EXIT);                  // NEW
        editor.apply(Move.ADMIT);
        expectClearRefusal(editor, Move.PREEMPT);               // READY
        editor.apply(Move.DISPATCH);
        expectClearRefusal(editor, Move.ADMIT);                 // RUNNING
        editor.apply(Move.WAIT_FOR_IO);
        expectClearRefusal(editor, Move.DISPATCH);              // BLOCKED
        editor.apply(Move.IO_DONE);
        editor.apply(Move.DISPATCH);
        editor.apply(Move.EXIT);
        expectClearRefusal(editor, Move.ADMIT);                 // TERMINATED
    }

    @Test
    @Points(1)
    @Hint("nulls")
    void nullsAreRefusedWithNullPointerException() {
        assertThrows(NullPointerException.class, () -> new ProcessStateMachine(null),
                "new ProcessStateMachine(null) must throw NullPointerException");
        assertThrows(NullPointerException.class, () -> ProcessStateMachine.target(null, Move.ADMIT),
                "target(null, ADMIT) must throw NullPointerException, not answer for a state that"
                        + " does not exist");
        assertThrows(NullPointerException.class, () -> ProcessStateMachine.target(State.READY,
                null), "target(READY, null) must throw NullPointerException");
        ProcessStateMachine machine = new ProcessStateMachine("nulls");
        machine.apply(Move.ADMIT);
        assertThrows(NullPointerException.class, () -> machine.canApply(null),
                "canApply(null) must throw NullPointerException, not answer false");
        assertThrows(NullPointerException.class, () -> machine.apply(null),
                "apply(null) must throw NullPointerException: null is not a move, so it is not an"
                        + " illegal one (IllegalStateException) either");
        assertEquals(State.READY, machine.state(), "a refused null must leave the state as it was");
        assertEquals(1, machine.history().size(), "a refused null must leave no trace in the"
                + " history");
    }

    @Test
    @Points(1)
    @Hint("snapshot")
    void theHistoryIsASnapshotNobodyCanChange() {
        ProcessStateMachine machine = new ProcessStateMachine("snap");
        machine.apply(Move.ADMIT);
        List<Transition> early = machine.history();
        machine.apply(Move.DISPATCH);
        assertEquals(1, early.size(), "a history returned after one move must keep its one entry"
                + " when more moves follow, but it became " + describe(early) + ": return a copy,"
                + " not the list you keep adding to (or a view of it)");
        List<Transition> late = machine.history();
        assertThrows(UnsupportedOperationException.class,
                () -> late.add(new Transition(State.RUNNING, Move.EXIT, State.TERMINATED)),
                "the list history() returns must be unmodifiable: add must throw"
                        + " UnsupportedOperationException");
        assertEquals(2, machine.history().size());
    }

    /**
     * The move must be refused with a message that names the process, the move, the current state
     * and the moves legal from it, and no other state.
     */
    static void expectClearRefusal(ProcessStateMachine machine, Move move) {
        State state = machine.state();
        String message;
        try {
            State reached = machine.apply(move);
            fail(machine.name() + " in state " + state + " accepted " + move + " and went to "
                    + reached + ", but it is not a legal move from " + state);
            return;
        } catch (IllegalStateException expected) {
            message = String.valueOf(expected.getMessage());
        }
        List<String> missing = new ArrayList<>();
        for (String part : List.of(machine.name(), move.name(), state.name())) {
            if (!message.contains(part)) {
                missing.add(part);
            }
        }
        for (Move legal : Move.values()) {
            if (!legalFrom(legal).contains(state)) {
                continue;
            }
            if (!message.contains(legal.name())) {
                missing.add(legal.name() + " (legal from " + state + ")");
            }
        }
        List<String> others = new ArrayList<>();
        for (State other : State.values()) {
            if (other != state && message.contains(other.name())) {
                others.add(other.name());
            }
        }
        if (!missing.isEmpty() || !others.isEmpty()) {
            fail("refusing " + move + " in state " + state + ", the message must name the process ("
                    + machine.name() + "), the move, the state the process is in and the moves legal"
                    + " from it, and no other state"
                    + (missing.isEmpty() ? "" : "; it does not name " + String.join(", ", missing))
                    + (others.isEmpty() ? "" : "; it names " + String.join(", ", others)
                    + ", so it does not say where the process is")
                    + ". The message was: " + message);
        }
    }

    /** The move must throw IllegalStateException naming the state and the move, and change nothing. */
    static void expectRefused(ProcessStateMachine machine, Move move, String why) {
        State state = machine.state();
        List<Transition> history = machine.history();
        try {
            State reached = machine.apply(move);
            fail(machine + " in state " + state + " accepted " + move + " and went to " + reached
                    + ": " + why + ". It must throw IllegalStateException.");
        } catch (IllegalStateException expected) {
            String message = String.valueOf(expected.getMessage());
            assertTrue(message.contains(state.name()) && message.contains(move.name()),
                    "the IllegalStateException for " + move + " in state " + state + " must name"
                            + " both, but its message was: " + message);
        }
        assertEquals(state, machine.state(), "a refused " + move + " must leave the state as it"
                + " was");
        assertHistory(history, machine.history(), "a refused " + move + " from " + state
                + " must leave no trace in the history");
    }

    /** Compares histories by their parts (not by equals), and shows both when they differ. */
    static void assertHistory(List<Transition> expected, List<Transition> actual, String context) {
        List<String> want = describe(expected);
        List<String> got = describe(actual);
        if (!want.equals(got)) {
            fail(context + ":\n  expected history " + want + "\n  but history() was " + got);
        }
    }

    static List<String> describe(List<Transition> transitions) {
        List<String> out = new ArrayList<>();
        for (Transition t : transitions) {
            out.add(t == null ? "null" : t.from() + " --" + t.move() + "--> " + t.to());
        }
        return out;
    }

    /** The states from which {@code move} is legal, by the specification's table. */
    static Set<State> legalFrom(Move move) {
        Set<State> from = EnumSet.noneOf(State.class);
        LEGAL.stream().filter(t -> t.move() == move).forEach(t -> from.add(t.from()));
        return from;
    }
}
