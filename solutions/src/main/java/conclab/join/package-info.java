/**
 * Exercise {@code join}: where the joins go decides whether children run one after another or
 * at the same time.
 *
 * <p>The lecture starts three children that sleep, and shows that joining each one right after
 * starting it makes the whole take the <em>sum</em> of their sleeps, while starting them all
 * and then joining them all makes it take about the <em>longest</em>. Here you build both runs
 * with real child JVMs, and report what the parent observed: when each child began and ended
 * its work, and when the parent went on. The tests judge the shape of that timeline (overlapping,
 * or disjoint and in order; the parent going on only after every child), not a stopwatch.
 *
 * <p>What you build, in the order that makes sense:
 * <ol>
 *   <li>{@link conclab.join.Sleeper}: the child program, which says when it is up, sleeps, and
 *       says when it is done.</li>
 *   <li>{@link conclab.join.Joiner}: the parent, which runs children serially and concurrently
 *       and returns a {@link conclab.join.Timeline} of {@link conclab.join.ChildSpan}s (both
 *       given).</li>
 * </ol>
 *
 * <p>Each class's documentation is its specification. Run the tests of this exercise alone, from
 * the repository's root, with {@code ./mvnw test -Dgroups=join} ({@code mvnw.cmd} on Windows), and
 * watch both runs drawn with {@link conclab.join.Joiner#main} (its documentation gives the
 * command).
 */
package conclab.join;
