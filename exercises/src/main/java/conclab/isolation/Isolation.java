package conclab.isolation;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * The isolation proof: a child process has memory of its own, a thread shares its parent's.
 *
 * <h2>Address spaces</h2>
 * Every process runs in an <em>address space</em> of its own: the operating system maps each
 * process's memory so that no other process can read or write it (multiprogramming needs this:
 * programs that share one machine must not trample on each other). So a variable is never
 * "shared" between two processes: each has its own copy, and a change in one is invisible in the
 * other. Threads are different: the threads of one process all run in that process's address
 * space, so they see, and change, the very same variables.
 *
 * <p>The lecture proves it in Python with a global {@code money = 100}: a child process sets it
 * to 999, the parent joins the child and prints {@code money}: still 100. This class is that
 * proof in Java, with {@link #money} as the global, and a thread alongside for contrast.
 *
 * <h2>Spawn versus fork</h2>
 * Operating systems make a new process in one of two ways:
 * <ul>
 *   <li><b>fork</b> (Unix): the child starts as a <em>copy</em> of its parent, memory and all.
 *       Right after the fork it sees every value the parent had at that moment; from then on the
 *       two copies drift apart, and neither sees the other's changes.</li>
 *   <li><b>spawn</b> ({@code CreateProcess} on Windows, {@code fork} + {@code exec} on Unix): the
 *       child is a <em>fresh program</em>, loaded from the start. It sees none of the parent's
 *       values, only what the program itself sets up.</li>
 * </ul>
 * Python's {@code multiprocessing} spawns on Windows and macOS: the child is a new interpreter
 * that imports the parent's main module again, so every top-level statement of the module runs
 * again in the child. That is why the lecture puts {@code p.start()} under
 * {@code if __name__ == '__main__':}: without the guard the child, importing the module, would
 * reach {@code p.start()} again and try to start a child of its own (Python stops it with a
 * {@code RuntimeError}). The lecture says Linux needs no guard: true only where Python forks,
 * which was Linux's default until Python 3.14; since then Linux starts children from a fork
 * server, and the guard is needed everywhere.
 *
 * <p><b>Java always spawns.</b> A JVM cannot fork (fork copies only the thread that calls it,
 * and a JVM runs many), so a child JVM is a fresh program: it loads its classes anew, runs
 * their static initialisers again, and every static field starts from its initial value, here
 * {@code money = 100}, whatever the parent had set it to. Java needs no {@code __main__} guard
 * (the child runs the {@code main} you name, not the parent's), but the static initialisers of
 * the classes the child uses do run again: never let one start a process, open a port or write
 * a file. {@link #INITIALISATION} makes the re-run visible: each run of this class's static
 * initialiser draws a new id, so a child's id differs from its parent's, and a thread's is the
 * same.
 *
 * <h2>What to build</h2>
 * <ul>
 *   <li>{@link #look(int)}: the lecture's {@code test()}: see what {@code money} is, set it to a
 *       new value, and say what was seen where.</li>
 *   <li>{@link #inThread(int)}: run {@code look} in a new thread of this process, then join it.</li>
 *   <li>{@link #inChildProcess(int)}: run {@code look} in a child JVM, then join it; the child
 *       prints its {@link Sighting} and the parent reads it back.</li>
 *   <li>{@link Child#main(String[])}: what the child JVM runs.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Isolation.money = 500;                                   // the parent's change
 * Sighting child = Isolation.inChildProcess(999);
 * // child.moneyBefore() == 100: a fresh program, not a copy of the parent
 * // child.moneyAfter()  == 999: its own copy changed
 * // child.pid() != ProcessHandle.current().pid(), child.parentPid() == it
 * // Isolation.money     == 500: the child's change stayed in the child
 *
 * Sighting thread = Isolation.inThread(777);
 * // thread.pid() == ProcessHandle.current().pid(): the same process,
 * // thread.threadId() != Thread.currentThread().getId(): another thread, ended by now
 * // thread.moneyBefore() == 500: the same memory as the parent
 * // Isolation.money      == 777: and the parent sees its change
 * }</pre>
 * {@link #main(String[])} replays the lecture's demo; run it and read what it prints.
 */
public final class Isolation {

    /**
     * The lecture's global. Every program starts with 100; the parent and its threads share this
     * one variable, every child process has its own.
     */
    public static int money = 100;

    /**
     * An id drawn by this class's static initialiser, different on every run of it: in every
     * JVM that loads this class, and so in every child process, but the same for all the threads
     * of one JVM. Given: leave it as it is.
     */
    public static final String INITIALISATION;

    static {
        // The static initialiser: runs once per JVM, when the class is first used.
        INITIALISATION = Long.toHexString(new SplittableRandom().nextLong());
    }

    private Isolation() {
    }

    /**
     * The lecture's {@code test()}, made to report: reads {@link #money}, sets it to
     * {@code newValue}, reads it again, and says what it saw and where.
     *
     * <p>Whoever calls it, a thread or a child's {@code main}, gets a {@link Sighting} of the
     * memory it runs in: this process's pid and its parent's pid, the thread that called it,
     * {@code money} before and after, and this JVM's {@link #INITIALISATION}.
     *
     * @param newValue the value to set {@code money} to
     * @return what was seen, in this process
     */
    public static Sighting look(int newValue) {
        throw new UnsupportedOperationException("TODO: remember money, set money = newValue, and"
                + " return new Sighting(ProcessHandle.current().pid(), the parent's pid (or -1),"
                + " Thread.currentThread().getId(), the value before, money now, INITIALISATION)");
    }

    /**
     * Runs {@link #look(int)} in a new thread of this process and waits for that thread to end
     * ({@link Thread#join()}, the lecture's {@code join}).
     *
     * <p>The thread shares this process's memory: it sees the value the parent set, and when this
     * method returns, the parent sees {@code money == newValue}. ({@code join} also makes the
     * thread's writes <em>visible</em> to the thread that joined it: no {@code volatile} needed.)
     * It is a new thread each time, not the caller's ({@code start()} it, do not call its
     * {@code run()}), and it has ended when this method returns: the sighting it returns names
     * that thread.
     *
     * @param newValue the value the thread sets {@code money} to
     * @return what the thread saw
     * @throws InterruptedException if this thread is interrupted while waiting for the other one
     */
    public static Sighting inThread(int newValue) throws InterruptedException {
        throw new UnsupportedOperationException("TODO: start a new Thread that runs look(newValue)"
                + " and keeps its Sighting, join() it, return the Sighting");
    }

    /**
     * Runs {@link #look(int)} in a child JVM, a separate process, and waits for it to end.
     *
     * <p>Start the child with the given helper: {@code ChildJvm.processBuilder(Child.class,
     * String.valueOf(newValue))} makes a child JVM that runs {@link Child#main(String[])} with
     * {@code newValue} as its only argument. Nothing else crosses over: not {@code money}, not
     * any object of the parent. The child is a fresh program, so it sees {@code money == 100} and
     * a new {@link #INITIALISATION}; it calls {@code look(newValue)} and prints the
     * {@link Sighting} on its standard output, one line, in a form of your choice.
     *
     * <p>The parent reads the child's output to the end (always read or redirect a child's
     * output: a child whose output pipe is full blocks), waits for the child to end
     * ({@link Process#waitFor()}: the lecture's {@code join}), and returns the sighting the child
     * printed. When this returns, the child has ended, and {@link #money} in this process is
     * exactly what it was before the call. (Should the child fail, with a non-zero exit status or
     * no sighting, say so with an exception that includes what it printed, say an
     * {@link IllegalStateException}: never return a sighting nobody saw.)
     *
     * @param newValue the value the child sets its {@code money} to
     * @return what the child saw, in its own process
     * @throws IOException           if the child JVM cannot be started or its output read
     * @throws InterruptedException  if this thread is interrupted while waiting for the child
     */
    public static Sighting inChildProcess(int newValue) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("TODO: start ChildJvm.processBuilder(Child.class,"
                + " String.valueOf(newValue)) (redirectErrorStream(true) helps), read all it"
                + " prints, waitFor() it, check its exit status, and turn the line it printed"
                + " back into a Sighting; never touch money here");
    }

    /**
     * What the child JVM of {@link #inChildProcess(int)} runs: {@code Child VALUE} calls
     * {@link #look(int)} with {@code VALUE} and prints the sighting on standard output, in the
     * form that {@code inChildProcess} reads back.
     */
    public static final class Child {

        private Child() {
        }

        /**
         * The child's entry point.
         *
         * @param args one argument: the value to set {@code money} to, e.g. {@code "-42"}
         */
        public static void main(String[] args) {
            throw new UnsupportedOperationException("TODO: parse args[0], call look(...) and"
                    + " print the Sighting as one line that inChildProcess can parse");
        }
    }

    /**
     * Replays the lecture's demo, with one step more: the parent starts with {@code money = 100}
     * and sets it to 500; a child process sees 100 (a fresh program, not a copy), sets its own to
     * 999, and the parent's stays 500; then a thread sees 500, sets 999, and the parent's becomes
     * 999. Run it: {@code java conclab.isolation.Isolation}; from the repository's root, on any
     * system: {@code ./mvnw -q compile exec:java "-Dexec.mainClass=conclab.isolation.Isolation"}.
     *
     * @param args none
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        long me = ProcessHandle.current().pid();
        System.out.println("parent (pid " + me + "): money = " + money
                + ", static initialiser run " + INITIALISATION);
        money = 500;
        System.out.println("parent sets money = " + money + ", then starts a child process");

        Sighting child = inChildProcess(999);
        System.out.println("child  (pid " + child.pid() + ", parent " + child.parentPid()
                + "): saw money = " + child.moneyBefore() + ", set it to " + child.moneyAfter()
                + ", static initialiser run " + child.initialisation());
        System.out.println("parent after join: money = " + money
                + "   <- the child changed its own copy");

        Sighting thread = inThread(999);
        System.out.println("thread (pid " + thread.pid() + ", thread " + thread.threadId()
                + "): saw money = "
                + thread.moneyBefore() + ", set it to " + thread.moneyAfter()
                + ", static initialiser run " + thread.initialisation());
        System.out.println("parent after join: money = " + money
                + "   <- a thread shares the parent's memory");
    }
}
