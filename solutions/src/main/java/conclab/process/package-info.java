/**
 * Exercise {@code process}: creating processes, with real child JVMs.
 *
 * <p>The lecture creates processes with Python's {@code multiprocessing.Process}. Here you build
 * the same thing for Java: a handle on a child JVM that runs a piece of your program.
 *
 * <p>What you build, in the order that makes sense:
 * <ol>
 *   <li>{@link conclab.process.CurrentProcess}: who am I? This process's pid, its parent's pid,
 *       and its name ({@code MainProcess} unless it is a child).</li>
 *   <li>{@link conclab.process.JvmProcess}: the handle, in both of the lecture's styles, a task
 *       class ({@link conclab.process.Task}) named with its arguments, and a subclass that
 *       overrides {@code run()}. It starts the child asynchronously, joins it (with or without
 *       a timeout), terminates it, and tells its pid, name, liveness, exit code and output.</li>
 *   <li>{@link conclab.process.SpawnMain}: the child's side, which rebuilds what to run from
 *       its arguments and runs it.</li>
 * </ol>
 *
 * <p>The given helper {@link conclab.lab.ChildJvm} makes the command line of a child JVM; you
 * do not need to find {@code java} or the class path yourself. Each class's documentation is
 * its specification. Run the tests of this exercise alone, from the repository's root, with
 * {@code ./mvnw test -Dgroups=process} ({@code mvnw.cmd} on Windows), and watch it work with
 * {@link conclab.process.ProcessDemo} (its documentation gives the command).
 */
package conclab.process;
