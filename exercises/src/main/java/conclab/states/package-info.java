/**
 * Exercise {@code states}: the process state model, as a state machine that knows its legal
 * moves and refuses every other one.
 *
 * <p>An operating system keeps, for every process, the state it is in: <em>ready</em> (waiting
 * for a CPU), <em>running</em> (holding one) or <em>blocked</em> (waiting for input or output),
 * plus <em>new</em> and <em>terminated</em> at the two ends of its life. Scheduling (the next
 * exercise, {@code scheduling}) is nothing but deciding which of the ready processes runs, and
 * the moves of this model are the moments where it decides.
 *
 * <p>What you build: {@link conclab.states.ProcessStateMachine}, the table of legal moves and a
 * history of the moves made. {@link conclab.states.State}, {@link conclab.states.Move} and
 * {@link conclab.states.Transition} are given. Run this exercise's tests alone, from the
 * repository's root, with {@code ./mvnw test -Dgroups=states} ({@code mvnw.cmd} on Windows).
 */
package conclab.states;
