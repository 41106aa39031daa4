package conclab.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
