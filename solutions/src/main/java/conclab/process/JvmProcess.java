package conclab.process;

import conclab.lab.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child process running Java code in a JVM of its own: the Java counterpart of Python's
 * {@code multiprocessing.Process}. (Reference solution.)
 */
public class JvmProcess {

    /** How long join() waits, after the child ended, for the last of its output to be read. */
    private static final long DRAIN_AFTER_EXIT_MS = 1_000;

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final List<String> args;
    private final String taskClassName;
    private volatile String name;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private Process process;
    private Thread drainer;

    /**
     * For subclasses: a process whose child runs this subclass's {@link #run()}, on an instance
     * rebuilt in the child from {@code args}.
     *
     * @param args the arguments the child's instance is built from
     */
    protected JvmProcess(String... args) {
        this(null, args);
    }

    private JvmProcess(String taskClassName, String[] args) {
        Objects.requireNonNull(args, "args");
        for (String arg : args) {
            Objects.requireNonNull(arg, "an argument is null");
        }
        this.args = List.of(args);
        this.taskClassName = taskClassName;
        this.name = "Process-" + COUNTER.incrementAndGet();
    }

    /**
     * A process whose child runs {@code task} with {@code args}.
     *
     * @param task the task's class: public, with a public no-argument constructor
     * @param args the arguments the child's task receives
     * @return a new process, not started yet
     * @throws IllegalArgumentException if the class cannot be instantiated by name in a child
     */
    public static JvmProcess target(Class<? extends Task> task, String... args) {
        Objects.requireNonNull(task, "task");
        checkTask(task);
        return new JvmProcess(task.getName(), args);
    }

    /**
     * A process whose child runs the task class named {@code taskClassName} with {@code args}.
     *
     * @param taskClassName the binary name of a {@link Task} class
     * @param args          the arguments the child's task receives
     * @return a new process, not started yet
     * @throws IllegalArgumentException if there is no such class, or it is not a usable task
     */
    public static JvmProcess target(String taskClassName, String... args) {
        Objects.requireNonNull(taskClassName, "taskClassName");
        Class<?> type;
        try {
            type = Class.forName(taskClassName, false, JvmProcess.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("no class " + taskClassName + " on the class path:"
                    + " a child JVM could not load it either (" + e + ")", e);
        }
        if (!Task.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(taskClassName + " is not a task: it must implement "
                    + Task.class.getName());
        }
        checkTask(type);
        return new JvmProcess(taskClassName, args);
    }

    private static void checkTask(Class<?> type) {
        if (!isReachableByName(type)) {
            throw new IllegalArgumentException(type.getName() + " cannot be created in a child JVM:"
                    + " a task must be a public top-level or public static nested class");
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            if (!Modifier.isPublic(constructor.getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no public no-argument"
                    + " constructor: the child JVM creates the task with it");
        }
    }

    private static boolean isReachableByName(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isInterface()
                || Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            return false;
        }
        for (Class<?> c = type; c.getEnclosingClass() != null; c = c.getEnclosingClass()) {
            if (!Modifier.isStatic(c.getModifiers()) || !Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the child runs. The default runs the task given to {@code target(...)} with the
     * arguments; subclasses override it.
     *
     * @throws Exception anything: it ends the child with exit code 1
     */
    public void run() throws Exception {
        if (taskClassName == null) {
            return; // a subclass that does not override run(): nothing to do, like Python's
        }
        Class<?> type = Class.forName(taskClassName, true, JvmProcess.class.getClassLoader());
        Task task = (Task) type.getConstructor().newInstance();
        task.run(args);
    }

    /** The arguments, in order. */
    public final List<String> args() {
        return args;
    }

    /** The name: {@code Process-N} unless given. */
    public final String name() {
        return name;
    }

    /**
     * Gives the process a name; before {@link #start()} only.
     *
     * @param name the new name, not blank
     * @return this process
     */
    public final JvmProcess name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a process name must not be blank");
        }
        synchronized (this) {
            if (process != null) {
                throw new IllegalStateException(this.name + " is already started: name it before"
                        + " start(), the child takes its name along when it starts");
            }
            this.name = name;
        }
        return this;
    }

    /**
     * Starts the child JVM and returns at once.
     *
     * @return this process
     * @throws IOException           if the child JVM cannot be started
     * @throws IllegalStateException if it was started before, or a subclass cannot be rebuilt
     */
    public final JvmProcess start() throws IOException {
        synchronized (this) {
            if (process != null) {
                throw new IllegalStateException(name + " was already started (pid " + process.pid()
                        + "): a process can be started only once; create a new one to run again");
            }
            List<String> childArgs = new ArrayList<>();
            childArgs.add(name);
            if (taskClassName != null) {
                childArgs.add(SpawnMain.TASK);
                childArgs.add(taskClassName);
            } else {
                checkRebuildable(getClass());
                childArgs.add(SpawnMain.SUBCLASS);
                childArgs.add(getClass().getName());
            }
            childArgs.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(
                    ChildJvm.command(SpawnMain.class.getName(), childArgs))
                    .redirectErrorStream(true);
            process = builder.start();
            process.getOutputStream().close(); // the child reads nothing from us
            drainer = new Thread(() -> drain(process.getInputStream()), name + "-output");
            drainer.setDaemon(true);
            drainer.start();
            return this;
        }
    }

    private static void checkRebuildable(Class<?> type) {
        if (!isReachableByName(type)) {
            throw new IllegalStateException(type.getName() + " cannot be rebuilt in the child JVM:"
                    + " a JvmProcess subclass must be a public top-level or public static nested"
                    + " class (not anonymous, local or inner)");
        }
        try {
            Constructor<?> constructor = type.getConstructor(String[].class);
            if (!Modifier.isPublic(constructor.getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " cannot be rebuilt in the child JVM:"
                    + " it needs a public constructor " + type.getSimpleName() + "(String... args)");
        }
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (output) {
                    output.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the pipe is gone: the child ended, nothing more to read
        }
    }

    private synchronized Process started(String what) {
        if (process == null) {
            throw new IllegalStateException("cannot " + what + " " + name
                    + ": it was never started; call start() first");
        }
        return process;
    }

    /** The child's process id. */
    public final long pid() {
        return started("ask the pid of").pid();
    }

    /** Waits until the child has ended. */
    public final void join() throws InterruptedException {
        Process child = started("join");
        child.waitFor();
        drainer.join(DRAIN_AFTER_EXIT_MS);
    }

    /**
     * Waits at most {@code timeout} for the child to end.
     *
     * @return whether the child has ended
     */
    public final boolean join(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        Process child = started("join");
        long nanos = Math.max(0, timeout.toNanos());
        if (!child.waitFor(nanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        drainer.join(DRAIN_AFTER_EXIT_MS);
        return true;
    }

    /** Asks the operating system to end the child, and returns at once. */
    public final void terminate() {
        started("terminate").destroy();
    }

    /** Whether the child runs: started and not ended yet. */
    public final boolean isAlive() {
        Process child;
        synchronized (this) {
            child = process;
        }
        return child != null && child.isAlive();
    }

    /** The child's exit code, once it has ended. */
    public final OptionalInt exitCode() {
        Process child;
        synchronized (this) {
            child = process;
        }
        if (child == null || child.isAlive()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(child.exitValue());
    }

    /** What the child has written so far to its standard output and error. */
    public final String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }
}
