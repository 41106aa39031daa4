package conclab.states;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The life of one process, as the operating system sees it: the state it is in, the moves it may
 * make from there, and the moves it has made.
 *
 * <h2>The three-state model</h2>
 * A process that exists is in one of three states:
 * <ul>
 *   <li><b>{@link State#READY ready}</b> (就绪态): it could run this very moment, but every CPU is
 *       busy, so it waits in the <em>ready queue</em>;</li>
 *   <li><b>{@link State#RUNNING running}</b> (运行态): it holds a CPU;</li>
 *   <li><b>{@link State#BLOCKED blocked}</b> (阻塞态): it waits for something that is not the CPU,
 *       typically input or output. Giving it a CPU now would be pointless: it would only wait
 *       there, and keep the CPU from somebody who could use it.</li>
 * </ul>
 * Around them, {@link State#NEW new} (created, not yet admitted) and
 * {@link State#TERMINATED terminated} (exited) mark the beginning and the end. The moves between
 * the states, and no others, are:
 * <pre>
 *           ADMIT           DISPATCH             EXIT
 *    NEW ----------&gt; READY ----------&gt; RUNNING ---------&gt; TERMINATED
 *                    ^   ^              |   |
 *                    |   +-- PREEMPT ---+   | WAIT_FOR_IO
 *                    |                      v
 *                    +------ IO_DONE ---- BLOCKED
 * </pre>
 * <table>
 *   <caption>The legal moves</caption>
 *   <tr><th>move</th><th>from</th><th>to</th><th>what happened</th></tr>
 *   <tr><td>{@link Move#ADMIT}</td><td>NEW</td><td>READY</td><td>the system accepted the new process</td></tr>
 *   <tr><td>{@link Move#DISPATCH}</td><td>READY</td><td>RUNNING</td><td>the scheduler gave it a CPU</td></tr>
 *   <tr><td>{@link Move#PREEMPT}</td><td>RUNNING</td><td>READY</td><td>its time slice ran out, or someone more urgent came</td></tr>
 *   <tr><td>{@link Move#WAIT_FOR_IO}</td><td>RUNNING</td><td>BLOCKED</td><td>it started input or output and waits for it</td></tr>
 *   <tr><td>{@link Move#IO_DONE}</td><td>BLOCKED</td><td>READY</td><td>the input or output finished</td></tr>
 *   <tr><td>{@link Move#EXIT}</td><td>RUNNING</td><td>TERMINATED</td><td>it ended</td></tr>
 * </table>
 *
 * <h2>Why not the other arrows?</h2>
 * The lecture's rule is <b>a process enters the running state only from the ready state</b>
 * (进程要想进入运行态必须先经过就绪态). Only the scheduler hands out CPUs, and it picks from the
 * ready queue. So:
 * <ul>
 *   <li>When a blocked process's I/O finishes, it does <em>not</em> get the CPU back at once
 *       (there is no BLOCKED &rarr; RUNNING): while it waited, the CPU went to somebody else. It
 *       becomes ready and queues up again like everybody else (IO_DONE), and runs when the
 *       scheduler dispatches it.</li>
 *   <li>A new process does not run before it has been admitted (no NEW &rarr; RUNNING).</li>
 *   <li>Only a running process can start I/O, be preempted or exit: these are things a process
 *       does (or suffers) while it executes. A ready process is not executing anything.</li>
 *   <li>Nothing leaves TERMINATED: a process that has ended is gone.</li>
 * </ul>
 * These are the moves that switch the CPU between programs and save their state when one of them
 * waits for I/O or has held the CPU too long: the "multiprogramming" of the lecture (切换 + 保存状态).
 *
 * <h2>What this class does</h2>
 * <ul>
 *   <li>A new machine is in state {@link State#NEW} with an empty history.</li>
 *   <li>{@link #apply(Move)} makes a legal move: the state changes and the move is appended to the
 *       history as a {@link Transition}.</li>
 *   <li>An illegal move throws {@link IllegalStateException} whose message names the process, the
 *       <b>move</b>, the <b>current state</b> and the moves that are legal from it, and no other
 *       state (a message that lists the whole table does not say where the process is), e.g.
 *       {@code process "editor": cannot DISPATCH from BLOCKED (from BLOCKED only [IO_DONE])}, or
 *       {@code process "quick": cannot ADMIT from TERMINATED (nothing leaves TERMINATED)}. It
 *       changes nothing: the state stays what it was, the history gets no entry.</li>
 *   <li>{@link #history()} returns the moves made so far, oldest first, as an unmodifiable list
 *       that later moves do not change (a snapshot).</li>
 *   <li>{@link #target(State, Move)} is the table itself: where a move leads from a state, or
 *       nothing when the move is illegal there. {@link #canApply(Move)} asks the table about the
 *       current state. Write the table once and let the other methods use it.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * ProcessStateMachine editor = new ProcessStateMachine("editor");
 * editor.apply(Move.ADMIT);        // NEW -> READY
 * editor.apply(Move.DISPATCH);     // READY -> RUNNING
 * editor.apply(Move.WAIT_FOR_IO);  // RUNNING -> BLOCKED: waits for a key press
 * editor.canApply(Move.DISPATCH);  // false: a blocked process cannot run
 * editor.apply(Move.DISPATCH);     // IllegalStateException: process "editor": cannot DISPATCH
 *                                  //   from BLOCKED (from BLOCKED only [IO_DONE])
 * editor.apply(Move.IO_DONE);      // BLOCKED -> READY: the key was pressed
 * editor.apply(Move.DISPATCH);     // READY -> RUNNING
 * editor.apply(Move.EXIT);         // RUNNING -> TERMINATED
 * editor.history();                // [NEW --ADMIT--> READY, READY --DISPATCH--> RUNNING,
 *                                  //  RUNNING --WAIT_FOR_IO--> BLOCKED, BLOCKED --IO_DONE--> READY,
 *                                  //  READY --DISPATCH--> RUNNING, RUNNING --EXIT--> TERMINATED]
 * }</pre>
 * The history has six entries: the rejected DISPATCH left no trace.
 *
 * <p>This class is not shared between threads (a scheduler drives it from one place), so it
 * needs no locking.
 */
public final class ProcessStateMachine {

    private final String name;
    private State state = State.NEW;
    private final List<Transition> history = new ArrayList<>();

    /**
     * A new process in state {@link State#NEW}, with an empty history.
     *
     * @param name the process's name, used in messages
     * @throws NullPointerException if {@code name} is null
     */
    public ProcessStateMachine(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Where {@code move} leads from state {@code from}: one row of the table above.
     *
     * @param from a state
     * @param move a move
     * @return the state after the move, or empty if the move is not legal from {@code from}
     * @throws NullPointerException if an argument is null
     */
    public static Optional<State> target(State from, Move move) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(move, "move");
        State required;
        State to;
        switch (move) {
            case ADMIT -> { required = State.NEW; to = State.READY; }
            case DISPATCH -> { required = State.READY; to = State.RUNNING; }
            case PREEMPT -> { required = State.RUNNING; to = State.READY; }
            case WAIT_FOR_IO -> { required = State.RUNNING; to = State.BLOCKED; }
            case IO_DONE -> { required = State.BLOCKED; to = State.READY; }
            case EXIT -> { required = State.RUNNING; to = State.TERMINATED; }
            default -> throw new AssertionError(move);
        }
        return from == required ? Optional.of(to) : Optional.empty();
    }

    /** The name given at creation. */
    public String name() {
        return name;
    }

    /**
     * The current state.
     *
     * @return {@link State#NEW} before any move, else the state the last legal move led to
     */
    public State state() {
        return state;
    }

    /**
     * Whether {@code move} is legal from the current state. Changes nothing.
     *
     * @param move a move
     * @return true if {@link #apply(Move)} would accept it now
     * @throws NullPointerException if {@code move} is null
     */
    public boolean canApply(Move move) {
        return target(state, move).isPresent();
    }

    /**
     * Makes a move: changes the state and appends a {@link Transition} to the history.
     *
     * @param move the move to make
     * @return the new state
     * @throws IllegalStateException if the move is not legal from the current state; the message
     *                               names the process, the move, the current state (and no other)
     *                               and the moves legal from it, and nothing changes
     * @throws NullPointerException  if {@code move} is null
     */
    public State apply(Move move) {
        State to = target(state, move).orElseThrow(() -> new IllegalStateException(this
                + ": cannot " + move + " from " + state + legalHint()));
        history.add(new Transition(state, move, to));
        state = to;
        return to;
    }

    /** What the current state allows, for the message of a refused move. */
    private String legalHint() {
        List<Move> legal = new ArrayList<>();
        for (Move candidate : Move.values()) {
            if (canApply(candidate)) {
                legal.add(candidate);
            }
        }
        return legal.isEmpty() ? " (nothing leaves " + state + ")"
                : " (from " + state + " only " + legal + ")";
    }

    /**
     * The moves made so far, oldest first.
     *
     * @return an unmodifiable snapshot: later moves do not change a list returned earlier
     */
    public List<Transition> history() {
        return List.copyOf(history);
    }

    @Override
    public String toString() {
        return "process \"" + name + "\"";
    }
}
