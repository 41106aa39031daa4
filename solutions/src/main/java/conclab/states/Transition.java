package conclab.states;

/**
 * One move that a process made: from which state, by which move, to which state. Given: you do
 * not write this. {@link ProcessStateMachine#history()} is a list of these.
 *
 * @param from the state before the move
 * @param move the move
 * @param to   the state after the move
 */
public record Transition(State from, Move move, State to) {

    @Override
    public String toString() {
        return from + " --" + move + "--> " + to;
    }
}
