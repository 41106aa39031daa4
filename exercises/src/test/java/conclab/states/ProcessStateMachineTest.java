package conclab.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lecture's process, move by move; the moves it must refuse; the table itself. Every text
 * is in {@code ProcessStateMachineTest.properties} (and {@code _zh_CN}); each step that can fail
 * in its own way carries the hint for that way ({@link Say#hinting}).
 */
@Tag("states")
@Timeout(5)
class ProcessStateMachineTest {

    private static final Say SAY = Say.of(ProcessStateMachineTest.class);

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
        assertEquals("editor", editor.name(), SAY.text("name"));
        SAY.hinting("newMachine", () -> {
            assertEquals(State.NEW, editor.state(), SAY.text("startsNew"));
            assertTrue(editor.history().isEmpty(), SAY.text("startsEmpty", editor.history()));
        });

        List<Transition> expected = new ArrayList<>();
        State[] path = {State.READY, State.RUNNING, State.BLOCKED, State.READY, State.RUNNING,
            State.READY, State.RUNNING, State.TERMINATED};
        Move[] moves = {Move.ADMIT, Move.DISPATCH, Move.WAIT_FOR_IO, Move.IO_DONE, Move.DISPATCH,
            Move.PREEMPT, Move.DISPATCH, Move.EXIT};
        State before = State.NEW;
        for (int i = 0; i < moves.length; i++) {
            Move move = moves[i];
            State from = before;
            State to = path[i];
            State returned = editor.apply(move);
            SAY.hinting("returnsNewState", () -> assertEquals(to, returned, SAY.text("returns", move, from)));
            assertEquals(to, editor.state(), SAY.text("after", move, from));
            expected.add(new Transition(from, move, to));
            SAY.hinting("historyAppends", () -> assertHistory(expected, editor.history(),
                    SAY.text("afterMoves", expected.size())));
            before = to;
        }
    }

    @Test
    @Points(2)
    @Hint("onlyFromReady")
    void aProcessRunsOnlyFromReady() {
        ProcessStateMachine newborn = new ProcessStateMachine("newborn");
        expectRefused(newborn, Move.DISPATCH, SAY.text("why.newRuns"));

        ProcessStateMachine reader = new ProcessStateMachine("reader");
        reader.apply(Move.ADMIT);
        reader.apply(Move.DISPATCH);
        reader.apply(Move.WAIT_FOR_IO);
        expectRefused(reader, Move.DISPATCH, SAY.text("why.blockedRuns"));
        expectRefused(reader, Move.EXIT, SAY.text("why.onlyRunningExits"));
        reader.apply(Move.IO_DONE);
        assertEquals(State.READY, reader.state());
        expectRefused(reader, Move.WAIT_FOR_IO, SAY.text("why.onlyRunningWaits"));
        expectRefused(reader, Move.PREEMPT, SAY.text("why.onlyRunningPreempted"));
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
            expectRefused(quick, move, SAY.text("why.terminated"));
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
                    wrong.add(SAY.text("table.place", from, move, actual, expected));
                }
            }
        }
        assertTrue(wrong.isEmpty(), SAY.text("table.wrong", wrong.size(),
                State.values().length * Move.values().length, String.join("\n  ", wrong)));
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
                SAY.text("null.name"));
        assertThrows(NullPointerException.class, () -> ProcessStateMachine.target(null, Move.ADMIT),
                SAY.text("null.targetState"));
        assertThrows(NullPointerException.class, () -> ProcessStateMachine.target(State.READY,
                null), SAY.text("null.targetMove"));
        ProcessStateMachine machine = new ProcessStateMachine("nulls");
        machine.apply(Move.ADMIT);
        assertThrows(NullPointerException.class, () -> machine.canApply(null),
                SAY.text("null.canApply"));
        assertThrows(NullPointerException.class, () -> machine.apply(null),
                SAY.text("null.apply"));
        SAY.hinting("nullChangesNothing", () -> {
            assertEquals(State.READY, machine.state(), SAY.text("null.state"));
            assertEquals(1, machine.history().size(), SAY.text("null.history"));
        });
    }

    @Test
    @Points(1)
    @Hint("snapshot")
    void theHistoryIsASnapshotNobodyCanChange() {
        ProcessStateMachine machine = new ProcessStateMachine("snap");
        machine.apply(Move.ADMIT);
        List<Transition> early = machine.history();
        machine.apply(Move.DISPATCH);
        SAY.hinting("snapshot.copy", () -> assertEquals(1, early.size(),
                SAY.text("snapshot.grew", describe(early))));
        List<Transition> late = machine.history();
        SAY.hinting("snapshot.unmodifiable", () -> assertThrows(UnsupportedOperationException.class,
                () -> late.add(new Transition(State.RUNNING, Move.EXIT, State.TERMINATED)),
                SAY.text("snapshot.changed")));
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
            SAY.hinting("table", () -> fail(SAY.text("clear.accepted", machine.name(), state, move, reached)));
            return;
        } catch (IllegalStateException expected) {
            message = String.valueOf(expected.getMessage());
        }
        List<String> missing = new ArrayList<>();
        String hint = null;
        if (!message.contains(machine.name())) {
            missing.add(machine.name());
            hint = "message.process";
        }
        for (String part : List.of(move.name(), state.name())) {
            if (!message.contains(part)) {
                missing.add(part);
                hint = hint == null ? "message.moveAndState" : hint;
            }
        }
        for (Move legal : Move.values()) {
            if (legalFrom(legal).contains(state) && !message.contains(legal.name())) {
                missing.add(SAY.text("clear.legalFrom", legal, state));
                hint = hint == null ? "message.legal" : hint;
            }
        }
        List<String> others = new ArrayList<>();
        for (State other : State.values()) {
            if (other != state && message.contains(other.name())) {
                others.add(other.name());
            }
        }
        if (!missing.isEmpty() || !others.isEmpty()) {
            String text = SAY.text("clear.unclear", move, state, machine.name())
                    + (missing.isEmpty() ? "" : SAY.text("clear.missing", String.join(", ", missing)))
                    + (others.isEmpty() ? "" : SAY.text("clear.others", String.join(", ", others)))
                    + SAY.text("clear.was", message);
            SAY.hinting(hint != null ? hint : "message.onlyItsState", () -> fail(text));
        }
    }

    /** The move must throw IllegalStateException naming the state and the move, and change nothing. */
    static void expectRefused(ProcessStateMachine machine, Move move, String why) {
        State state = machine.state();
        List<Transition> history = machine.history();
        try {
            State reached = machine.apply(move);
            fail(SAY.text("refused.accepted", machine, state, move, reached, why));
        } catch (IllegalStateException expected) {
            String message = String.valueOf(expected.getMessage());
            SAY.hinting("message.moveAndState", () -> assertTrue(message.contains(state.name())
                    && message.contains(move.name()), SAY.text("refused.unnamed", move, state, message)));
        }
        SAY.hinting("refusalChangesNothing", () -> {
            assertEquals(state, machine.state(), SAY.text("refused.state", move));
            assertHistory(history, machine.history(), SAY.text("refused.history", move, state));
        });
    }

    /** Compares histories by their parts (not by equals), and shows both when they differ. */
    static void assertHistory(List<Transition> expected, List<Transition> actual, String context) {
        List<String> want = describe(expected);
        List<String> got = describe(actual);
        if (!want.equals(got)) {
            fail(SAY.text("history.differs", context, want, got));
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
