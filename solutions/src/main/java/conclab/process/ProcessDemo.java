package conclab.process;

import conclab.lab.Given;
import java.time.Duration;
import java.util.List;

/**
 * The lecture's demos of creating processes, replayed with your {@link JvmProcess}: run it once
 * your code works, from your IDE (run this class) or from the repository's root, on any system,
 * with {@code ./mvnw -q compile exec:java "-Dexec.mainClass=conclab.process.ProcessDemo"}.
 * This class is given; you do not need to change it.
 *
 * <p>What to look for in its output:
 * <ol>
 *   <li><b>{@code start()} is asynchronous.</b> "main goes on" is printed before the child has
 *       even begun: {@code start()} only asks the operating system for a new process and
 *       returns. The child's lines come later, once its JVM is up.</li>
 *   <li><b>Two processes, two pids.</b> The child's parent pid is the pid of this JVM.</li>
 *   <li><b>The subclass runs in the child</b> on an instance rebuilt there from its arguments:
 *       the field the parent changed after creating it is not seen by the child.</li>
 *   <li><b>{@code terminate()} only asks.</b> Right after it, the child may still be alive; a
 *       moment later it is not, and its exit code is not 0.</li>
 * </ol>
 */
@Given
public final class ProcessDemo {

    private ProcessDemo() {
    }

    /**
     * The lecture's {@code test(name)}: says it runs, sleeps, says it is done. Arguments:
     * {@code NAME [MILLIS]}.
     */
    public static final class Work implements Task {
        @Override
        public void run(List<String> args) throws InterruptedException {
            String name = args.get(0);
            System.out.println(name + " is running (pid " + CurrentProcess.pid() + ", parent "
                    + CurrentProcess.parentPid() + ", called " + CurrentProcess.name() + ")");
            Thread.sleep(args.size() > 1 ? Long.parseLong(args.get(1)) : 500);
            System.out.println(name + " is done");
        }
    }

    /** The lecture's {@code MyProcess(Process)}: the second way, a subclass overriding run(). */
    public static final class MyProcess extends JvmProcess {

        /** Set by the constructor; the parent changes it afterwards, the child never sees that. */
        public String mood = "calm";

        public MyProcess(String... args) {
            super(args);
            name(args[0]); // like the lecture's self.name = name
        }

        @Override
        public void run() throws InterruptedException {
            System.out.println(name() + " is running in pid " + CurrentProcess.pid()
                    + ", mood " + mood);
            Thread.sleep(500);
            System.out.println(name() + " is done");
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("main process: pid " + CurrentProcess.pid() + ", parent "
                + CurrentProcess.parentPid() + ", called " + CurrentProcess.name());

        System.out.println();
        System.out.println("== 1. a task class: Process(target=test, args=('jason',))");
        JvmProcess p = JvmProcess.target(Work.class, "jason", "500");
        long start = System.nanoTime();
        p.start();
        System.out.println("main goes on: start() returned after "
                + (System.nanoTime() - start) / 1_000_000 + " ms; " + describe(p));
        p.join();
        print(p);

        System.out.println();
        System.out.println("== 2. a subclass overriding run(): MyProcess('jack')");
        MyProcess jack = new MyProcess("jack");
        jack.mood = "excited"; // changed in the parent after creation: the child never sees it
        jack.start();
        System.out.println("main process (the parent's jack is " + jack.mood + ")");
        jack.join();
        print(jack);

        System.out.println();
        System.out.println("== 3. terminate() and isAlive()");
        JvmProcess tony = JvmProcess.target(Work.class, "tony", "3000").start();
        tony.terminate();
        System.out.println("right after terminate(): isAlive() = " + tony.isAlive());
        tony.join(Duration.ofSeconds(5));
        System.out.println("after join:               isAlive() = " + tony.isAlive()
                + ", exit code " + tony.exitCode().orElse(Integer.MIN_VALUE));
        System.out.println("its name: " + tony.name());
    }

    private static void print(JvmProcess p) {
        for (String line : p.output().split("\\R")) {
            if (!line.isEmpty()) {
                System.out.println("  [" + p.name() + " | pid " + p.pid() + "] " + line);
            }
        }
        System.out.println("  " + describe(p));
    }

    /** Like Python's repr of a process: name, pid, state. */
    private static String describe(JvmProcess p) {
        String state = p.isAlive() ? "started"
                : p.exitCode().isPresent() ? "stopped, exit code " + p.exitCode().getAsInt()
                : "initial";
        return "<" + p.getClass().getSimpleName() + " name='" + p.name() + "' pid=" + p.pid()
                + " " + state + ">";
    }
}
