package conclab.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The JVM that runs the code under test, as a test may observe it: its process, the processes it
 * started, its threads and its static fields.
 *
 * <p>Under {@code mvn test} that JVM is the test's own, and every answer comes from here. In the
 * grader, the submission runs in a JVM of its own inside a sandbox, and the tests run in a trusted
 * JVM beside it: there a test cannot see the submission's threads or fields through the JDK, and
 * the sandbox numbers its processes in a namespace of its own. The grader installs an
 * {@link Observer} that answers from the operating system (processes) or from the submission's
 * JVM (threads, fields). So a test asks here, never {@code ProcessHandle.current()},
 * {@code Thread.getAllStackTraces()} or reflection, whenever it means the code under test:
 *
 * <pre>{@code
 * long parent = CodeUnderTest.pid();                         // not ProcessHandle.current().pid()
 * Optional<ProcessHandle> child = CodeUnderTest.descendant(p.pid());
 * child.ifPresent(ProcessHandle::destroyForcibly);            // never a process not its own
 * Thread.State state = CodeUnderTest.stateOf(customerThread); // where the call really waits
 * CodeUnderTest.writeStatic(Isolation.class, "money", 7);
 * }</pre>
 */
public final class CodeUnderTest {

    private static volatile Observer observer = new ThisJvm();

    private CodeUnderTest() {
    }

    /**
     * Makes {@code replacement} answer from now on: the grader's trusted JVM, before any test
     * runs. Not for tests.
     */
    public static void install(Observer replacement) {
        observer = Objects.requireNonNull(replacement, "replacement");
    }

    /** The pid of the JVM that runs the code under test, numbered as that JVM numbers pids. */
    public static long pid() {
        return observer.pid();
    }

    /** The JVM that runs the code under test, as this JVM can reach it. */
    public static ProcessHandle process() {
        return observer.process();
    }

    /**
     * A process that the code under test started, directly or through its children, given the
     * pid the code under test reported for it (numbered as it numbers pids). Empty for every
     * other pid, the code under test's own JVM included, so that a test that kills what this
     * returns can never kill a process that is not the code under test's: a wrong pid from a
     * student's code is a failed test, never harm to the machine.
     */
    public static Optional<ProcessHandle> descendant(long reportedPid) {
        return observer.descendant(reportedPid);
    }

    /** The pid the code under test would report for {@code process}, for messages and comparisons. */
    public static long reportedPid(ProcessHandle process) {
        return observer.reportedPid(process);
    }

    /**
     * The live threads of the JVM that runs the code under test, with their stacks: in the grader,
     * those of the submission's JVM other than the grader's own (its channel, and the threads that
     * stand in there for the tests' threads while they call the submission).
     */
    public static List<ThreadView> threads() {
        return observer.threads();
    }

    /**
     * The state of the thread that does {@code thread}'s work in the code under test: under
     * {@code mvn test} the thread itself; in the grader, while {@code thread} is inside a call to
     * the submission, the submission's thread that runs that call.
     */
    public static Thread.State stateOf(Thread thread) {
        return observer.stateOf(thread);
    }

    /** The stack of the thread that does {@code thread}'s work (see {@link #stateOf}), top first. */
    public static StackTraceElement[] stackOf(Thread thread) {
        return observer.stackOf(thread);
    }

    /**
     * The CPU time in nanoseconds that the thread doing {@code thread}'s work has used (see
     * {@link #stateOf}); -1 where the JVM cannot measure it.
     */
    public static long cpuTimeNanos(Thread thread) {
        return observer.cpuTimeNanos(thread);
    }

    /**
     * The bytes the thread doing {@code thread}'s work has allocated on the heap so far (see
     * {@link #stateOf}); -1 where the JVM cannot measure it.
     */
    public static long allocatedBytes(Thread thread) {
        return observer.allocatedBytes(thread);
    }

    /** The value of a static field of the code under test, e.g. {@code Isolation.money}. */
    public static Object readStatic(Class<?> owner, String field) {
        return observer.readStatic(owner, field);
    }

    /** Sets a static field of the code under test, e.g. {@code Isolation.money}. */
    public static void writeStatic(Class<?> owner, String field, Object value) {
        observer.writeStatic(owner, field, value);
    }

    /** A thread of the code under test's JVM, as {@link #threads()} saw it. */
    public record ThreadView(long id, String name, Thread.State state, boolean daemon,
                             List<StackTraceElement> stack) {
        public ThreadView {
            stack = List.copyOf(stack);
        }
    }

    /** Who answers: this JVM under {@code mvn test}, the grader's boundary in a grading. */
    public interface Observer {
        long pid();

        ProcessHandle process();

        Optional<ProcessHandle> descendant(long reportedPid);

        long reportedPid(ProcessHandle process);

        List<ThreadView> threads();

        Thread.State stateOf(Thread thread);

        StackTraceElement[] stackOf(Thread thread);

        long cpuTimeNanos(Thread thread);

        long allocatedBytes(Thread thread);

        Object readStatic(Class<?> owner, String field);

        void writeStatic(Class<?> owner, String field, Object value);
    }

    /** The code under test runs in this JVM: everything is asked of the JDK directly. */
    static final class ThisJvm implements Observer {

        @Override
        public long pid() {
            return ProcessHandle.current().pid();
        }

        @Override
        public ProcessHandle process() {
            return ProcessHandle.current();
        }

        @Override
        public Optional<ProcessHandle> descendant(long reportedPid) {
            return ProcessHandle.current().descendants().filter(p -> p.pid() == reportedPid).findFirst();
        }

        @Override
        public long reportedPid(ProcessHandle process) {
            return process.pid();
        }

        @Override
        public List<ThreadView> threads() {
            return Thread.getAllStackTraces().entrySet().stream()
                    .map(e -> view(e.getKey(), e.getValue()))
                    .toList();
        }

        static ThreadView view(Thread thread, StackTraceElement[] stack) {
            @SuppressWarnings("deprecation") // Thread.threadId() is Java 19
            long id = thread.getId();
            return new ThreadView(id, thread.getName(), thread.getState(), thread.isDaemon(),
                    Arrays.asList(stack));
        }

        @Override
        public Thread.State stateOf(Thread thread) {
            return thread.getState();
        }

        @Override
        public StackTraceElement[] stackOf(Thread thread) {
            return thread.getStackTrace();
        }

        @Override
        @SuppressWarnings("deprecation")
        public long cpuTimeNanos(Thread thread) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(thread.getId()) : -1;
        }

        @Override
        @SuppressWarnings("deprecation")
        public long allocatedBytes(Thread thread) {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                    && threads.isThreadAllocatedMemorySupported()) {
                return threads.getThreadAllocatedBytes(thread.getId());
            }
            return -1;
        }

        @Override
        public Object readStatic(Class<?> owner, String field) {
            try {
                return owner.getField(field).get(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("no public static field " + owner.getName() + "." + field, e);
            }
        }

        @Override
        public void writeStatic(Class<?> owner, String field, Object value) {
            try {
                owner.getField(field).set(null, value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("no public static field " + owner.getName() + "." + field, e);
            }
        }
    }
}
