package conclab.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * A child process running Java code in a JVM of its own: the Java counterpart of Python's
 * {@code multiprocessing.Process}.
 *
 * <h2>Program, process, child</h2>
 * A <em>program</em> is code on disk; a <em>process</em> is a program running, with its own
 * address space (memory no other process can touch), its own threads and its own process id
 * (pid), given by the operating system. A process creates another one with a system call
 * ({@code fork} on Unix, {@code CreateProcess} on Windows); the new one is its <em>child</em>,
 * and it remembers who its parent is (the parent pid). Java has no {@code fork}: the JDK's
 * {@link ProcessBuilder} starts a new program, here the {@code java} of the running JDK with
 * the same class path. So a child always starts as a fresh JVM: it loads its classes again,
 * runs their static initialisers again, and shares no object with its parent. This is what
 * Python calls the <em>spawn</em> start method (the default on Windows and macOS), and the
 * reason for the lecture's {@code if __name__ == '__main__'} guard.
 *
 * <h2>Two ways to say what the child runs</h2>
 * As in the lecture, there are two:
 * <ol>
 *   <li><b>A task class</b> (the lecture's {@code Process(target=test, args=('jason',))}): a
 *       class implementing {@link Task}, named with its arguments.
 *       <pre>{@code
 * JvmProcess p = JvmProcess.target(Greet.class, "jason");
 *       }</pre></li>
 *   <li><b>A subclass that overrides {@link #run()}</b> (the lecture's {@code class
 *       MyProcess(Process)}):
 *       <pre>{@code
 * public class MyProcess extends JvmProcess {
 *     public MyProcess(String... args) {     // required: public, String... args
 *         super(args);
 *     }
 *     @Override
 *     public void run() {
 *         System.out.println(args().get(0) + " is running in " + CurrentProcess.pid());
 *     }
 * }
 * JvmProcess p = new MyProcess("jack");
 *       }</pre></li>
 * </ol>
 * Either way, the code runs in the child, never in the parent: {@link #start()} starts a child
 * JVM whose {@code main} is {@link SpawnMain}, and the child does the work. Calling
 * {@code run()} yourself runs it right here, in this JVM, as an ordinary method call: no new
 * process (a classic mistake, in Python too).
 *
 * <h2>What crosses over to the child: the arguments, nothing else</h2>
 * Two JVMs share no memory, so the child cannot use the parent's {@code MyProcess} object. It
 * <b>rebuilds</b> one: it loads the class by name and calls its public {@code (String...)}
 * constructor with the handle's {@link #args()}, then gives it the handle's {@link #name()}
 * and calls {@code run()}. A field the parent set after construction is therefore <em>not</em>
 * seen in the child: only what the constructor makes from the arguments. For a task, the child
 * creates a fresh instance with its no-argument constructor and calls
 * {@link Task#run(List) run(args)}.
 *
 * <p>Python does this differently: with spawn it <em>pickles</em> the {@code Process} object
 * (serialises all its attributes, target function and arguments included), sends the bytes to
 * the child, and unpickles a copy there, so an attribute set before {@code start()} does reach
 * the child. Here only strings cross: explicit, and easy to see in the child's command line. In
 * both languages, what the child changes afterwards stays in the child.
 *
 * <h2>The handle</h2>
 * The object you keep in the parent is a <em>handle</em> on the child:
 * <ul>
 *   <li>{@link #start()} starts the child and <b>returns at once</b>, without waiting for the
 *       child to be up, let alone done: an <em>asynchronous</em> submission, as the lecture
 *       says. The parent goes on while the child starts and runs. A handle starts once.</li>
 *   <li>{@link #join()} waits until the child has ended; {@link #join(Duration)} waits at most
 *       a while and says whether it has.</li>
 *   <li>{@link #terminate()} asks the operating system to end the child, and returns at once,
 *       before the child is gone. That is why the lecture sleeps a moment before
 *       {@code is_alive()}: right after {@code terminate()} the child may still be alive.</li>
 *   <li>{@link #isAlive()} says whether the child runs now: ask the operating system each
 *       time, not a flag of your own, since the child may end at any moment by itself.</li>
 *   <li>{@link #pid()}, {@link #name()}, {@link #exitCode()} and {@link #output()} tell about
 *       it.</li>
 * </ul>
 *
 * <h2>Names</h2>
 * Every handle has a name. By default it is {@code Process-N}, where {@code N} counts the
 * handles created in this JVM: the first is {@code Process-1} (not 0), the next
 * {@code Process-2}, and so on. A handle takes its number when it is created, even one you
 * then give a name of your own with {@link #name(String)}, exactly as in Python. The child
 * knows its name: {@link CurrentProcess#name()} there, and {@link #name()} on the rebuilt
 * subclass instance, answer the handle's name.
 *
 * <h2>The child's output</h2>
 * The child's standard output and standard error go into a pipe that the parent must keep
 * reading: a pipe holds only a few kilobytes, and a child writing to a full pipe blocks
 * forever. The handle reads it on a background (daemon) thread from the moment it starts the
 * child, keeps everything, and {@link #output()} returns what has arrived so far.
 *
 * <h2>The exit code</h2>
 * A child that returns normally from its work exits with 0; one whose work throws exits with 1
 * (the given {@code conclab.lab.ChildMain} prints the stack trace to the child's standard
 * error and exits so). After {@link #terminate()} the code is not 0, and its value is the
 * platform's: on Linux and macOS a JVM ended by {@code SIGTERM} exits with 143 (128 + 15, the
 * signal's number), on Windows with 1. Python shows a death by signal as a negative number
 * instead ({@code -15}).
 *
 * <h2>Starting a child JVM</h2>
 * Use the given helper {@link conclab.lab.ChildJvm}:
 * {@code new ProcessBuilder(ChildJvm.command(SpawnMain.class.getName(), arguments))} runs
 * {@code SpawnMain.main(arguments)} in a child JVM with this JVM's class path, and ends the
 * child if this JVM dies. What the arguments are (the name, which style, the class, the
 * handle's arguments) is a protocol between {@code start()} and {@link SpawnMain}: yours to
 * choose.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * JvmProcess p = JvmProcess.target(Greet.class, "jason");
 * p.start();                              // returns at once
 * System.out.println("main goes on");     // printed before the child's first line
 * p.join();                               // now the child has ended
 * System.out.print(p.output());           // "jason is running" ...
 * System.out.println(p.exitCode());       // OptionalInt[0]
 * }</pre>
 * {@link ProcessDemo} replays the lecture's demos with your code.
 */
public class JvmProcess {

    // TODO: what a handle needs: the arguments, the task class's name (for target(...); none
    //  for a subclass), the name, a counter of the handles created in this JVM (static), and
    //  once started: the java.lang.Process and the output that the background thread collects.

    /**
     * For subclasses: a process whose child runs this subclass's {@link #run()}, on an instance
     * rebuilt in the child with the subclass's public {@code (String... args)} constructor and
     * these arguments. Takes the next default name, {@code Process-N}.
     *
     * @param args the arguments the child's instance is built from; none of them null
     * @throws NullPointerException if an argument is null
     */
    protected JvmProcess(String... args) {
        throw new UnsupportedOperationException("TODO: keep the arguments (a copy) and take the"
                + " next default name, Process-N, from a counter that starts at 1");
    }

    /**
     * A process whose child runs {@code task} with {@code args}: the lecture's
     * {@code Process(target=test, args=(...))}.
     *
     * @param task the task's class: public (a top-level class or a static nested one), with a
     *             public no-argument constructor, so that the child can create it by name
     * @param args the arguments the child's task receives; none of them null
     * @return a new process, not started yet, with the next default name
     * @throws IllegalArgumentException if {@code task} cannot be created by name in a child
     */
    public static JvmProcess target(Class<? extends Task> task, String... args) {
        throw new UnsupportedOperationException("TODO: check that the task class is public with a"
                + " public no-arg constructor, then return a process that runs it with args");
    }

    /**
     * A process whose child runs the {@link Task} class named {@code taskClassName}. The class is
     * looked up here, in the parent, which has the same class path as the child: a name that
     * does not exist is refused at once, instead of a child that fails later.
     *
     * @param taskClassName the binary name of a task class, e.g. {@code "com.example.Greet"}, or
     *                      {@code "com.example.Outer$Greet"} for a nested one
     * @param args          the arguments the child's task receives; none of them null
     * @return a new process, not started yet, with the next default name
     * @throws IllegalArgumentException if there is no such class, if it does not implement
     *                                  {@link Task}, or if it cannot be created by name
     */
    public static JvmProcess target(String taskClassName, String... args) {
        throw new UnsupportedOperationException("TODO: load the class by name (Class.forName),"
                + " refuse a missing class or a non-Task with IllegalArgumentException, then as"
                + " target(Class, String...)");
    }

    /**
     * What the child runs. For a process made by {@code target(...)}, it creates the task
     * (no-argument constructor) and calls {@code task.run(args())}. Subclasses override it; a
     * subclass that does not, does nothing.
     *
     * <p>The child calls it; calling it yourself runs it in <em>this</em> JVM, not in a child.
     *
     * @throws Exception anything: in a child, it ends the child with exit code 1
     */
    public void run() throws Exception {
        throw new UnsupportedOperationException("TODO: create the task class's instance and call"
                + " its run(args)");
    }

    /**
     * The arguments the child is built from, in order.
     *
     * @return the arguments, unmodifiable
     */
    public final List<String> args() {
        throw new UnsupportedOperationException("TODO: return the arguments");
    }

    /**
     * This process's name: {@code Process-N} unless one was given with {@link #name(String)}.
     *
     * @return the name
     */
    public final String name() {
        throw new UnsupportedOperationException("TODO: return the name");
    }

    /**
     * Gives this process a name, the lecture's {@code Process(name='...')}. Only before
     * {@link #start()}: the child takes the name along when it starts.
     *
     * @param name the name, not blank
     * @return this process
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws IllegalStateException    if the process was already started
     */
    public final JvmProcess name(String name) {
        throw new UnsupportedOperationException("TODO: set the name, unless already started");
    }

    /**
     * Starts the child JVM and <b>returns at once</b>: when it returns, the child has been
     * created, but it may not have run a line of its own code yet. Starts a daemon thread that
     * keeps reading the child's output (standard output and error, merged).
     *
     * @return this process
     * @throws IOException           if the child JVM cannot be started
     * @throws IllegalStateException if this process was started before (a process starts only
     *                               once), or if a subclass cannot be rebuilt in the child: it
     *                               must be a public top-level or public static nested class
     *                               with a public {@code (String... args)} constructor
     */
    public final JvmProcess start() throws IOException {
        throw new UnsupportedOperationException("TODO: refuse a second start; build the command"
                + " with ChildJvm.command(SpawnMain.class.getName(), ...) carrying the name, the"
                + " style, the class and the args; start it with output and error merged; start a"
                + " daemon thread that reads its output; return at once");
    }

    /**
     * The child's process id, as the operating system knows it.
     *
     * @return the pid
     * @throws IllegalStateException if the process was never started
     */
    public final long pid() {
        throw new UnsupportedOperationException("TODO: return the child's pid");
    }

    /**
     * Waits until the child has ended, however long that takes. When it returns,
     * {@link #output()} holds all the child wrote.
     *
     * @throws InterruptedException  if this thread is interrupted while waiting
     * @throws IllegalStateException if the process was never started (there is nothing to wait
     *                               for, and waiting would be forever)
     */
    public final void join() throws InterruptedException {
        throw new UnsupportedOperationException("TODO: refuse if never started; wait for the"
                + " child to end (waitFor), then for the output thread to finish reading");
    }

    /**
     * Waits at most {@code timeout} for the child to end.
     *
     * @param timeout how long to wait at most; zero or less means: do not wait, just look
     * @return {@code true} if the child has ended (then {@link #output()} holds all it wrote),
     *         {@code false} if it still runs after {@code timeout}
     * @throws InterruptedException  if this thread is interrupted while waiting
     * @throws IllegalStateException if the process was never started
     */
    public final boolean join(Duration timeout) throws InterruptedException {
        throw new UnsupportedOperationException("TODO: refuse if never started; wait at most"
                + " timeout (waitFor with a timeout) and say whether the child ended");
    }

    /**
     * Asks the operating system to end the child (on Unix: {@code SIGTERM}) and returns at once,
     * before the child is gone. Does nothing if the child has already ended.
     *
     * @throws IllegalStateException if the process was never started
     */
    public final void terminate() {
        throw new UnsupportedOperationException("TODO: refuse if never started; ask the process"
                + " to end (destroy()) and return without waiting");
    }

    /**
     * Whether the child runs now: {@code false} before {@link #start()}, {@code true} from then
     * until the child has ended, for whatever reason (its work done, an exception,
     * {@link #terminate()}, killed from outside), whether or not anyone joined it.
     *
     * @return whether the child is alive
     */
    public final boolean isAlive() {
        throw new UnsupportedOperationException("TODO: ask the operating system, every time,"
                + " whether the started child is still alive");
    }

    /**
     * The child's exit code, once it has ended: 0 when its work returned normally, 1 when it
     * threw, the platform's non-zero code after {@link #terminate()} (143 on Linux and macOS, 1
     * on Windows).
     *
     * @return the exit code, or empty while the child runs or if it was never started
     */
    public final OptionalInt exitCode() {
        throw new UnsupportedOperationException("TODO: empty if not started or still alive;"
                + " the process's exit value once it has ended");
    }

    /**
     * What the child has written so far to its standard output and standard error, merged, as
     * UTF-8 text; empty before {@link #start()}. Complete once {@link #join()} returned.
     *
     * @return the child's output so far
     */
    public final String output() {
        throw new UnsupportedOperationException("TODO: return what the output thread has read so"
                + " far, as UTF-8 text");
    }
}
