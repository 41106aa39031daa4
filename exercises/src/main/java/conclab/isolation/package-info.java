/**
 * Exercise {@code isolation}: address spaces, and why a child JVM is a fresh program (spawn)
 * rather than a copy of its parent (fork).
 *
 * <p>Two processes never share a variable: each has an address space of its own, so a child's
 * change to a global stays in the child. Two threads of one process do share it. And a child
 * JVM is not even a copy of its parent: it loads its classes anew, re-runs their static
 * initialisers, and starts every static field from its initial value.
 *
 * <p>What you build, all in {@link conclab.isolation.Isolation}:
 * <ol>
 *   <li>{@link conclab.isolation.Isolation#look(int) look}: read {@code money}, change it, and
 *       report a {@link conclab.isolation.Sighting} of what was seen where;</li>
 *   <li>{@link conclab.isolation.Isolation#inThread(int) inThread}: the same in a new thread,
 *       then {@code join};</li>
 *   <li>{@link conclab.isolation.Isolation#inChildProcess(int) inChildProcess} and its
 *       {@link conclab.isolation.Isolation.Child Child}: the same in a child JVM started with the
 *       given helper {@link conclab.lab.ChildJvm}, which prints its sighting for the parent to
 *       read back.</li>
 * </ol>
 *
 * <p>Each class's documentation is its specification. Run the tests of this exercise alone, from
 * the repository's root, with {@code ./mvnw test -Dgroups=isolation} ({@code mvnw.cmd} on
 * Windows); watch the lecture's demo with {@link conclab.isolation.Isolation#main(String[])} (its
 * documentation gives the command).
 */
package conclab.isolation;
