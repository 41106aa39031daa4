package conclab.grader.fork;

import java.util.Map;

/**
 * Holds a run to a number of live processes, where the operating system cannot: a limit on
 * processes per user (RLIMIT_NPROC) does not bind root, which CI often is, and a cgroup is not
 * writable everywhere. A watchdog counts the processes of the run a few times a second, those
 * that carry its mark and those below its test JVM, and, past the cap, kills the test JVM with
 * all of them. A process that starts
 * processes faster than the watchdog looks may pass the cap briefly; it cannot keep going.
 */
final class ProcessCap implements AutoCloseable {

    private static final long PERIOD_MS = 100;

    private final Process fork;
    private final Map<String, String> marks;
    private final int max;
    private final Thread watchdog;
    private volatile int seen;

    private ProcessCap(Process fork, Map<String, String> marks, int max) {
        this.fork = fork;
        this.marks = marks;
        this.max = max;
        this.watchdog = new Thread(this::watch, "conclab-process-cap");
        watchdog.setDaemon(true);
    }

    /** Starts watching the processes of a run whose test JVM is {@code fork}. */
    static ProcessCap watch(Process fork, Map<String, String> marks, int max) {
        ProcessCap cap = new ProcessCap(fork, marks, max);
        cap.watchdog.start();
        return cap;
    }

    private void watch() {
        while (fork.isAlive()) {
            // by the mark, and by descent: a process that cleared its environment carries no
            // mark, but stays below the test JVM (in a sandbox, its PID namespace keeps it there)
            int marked = marks.entrySet().stream()
                    .mapToInt(mark -> ProcessTree.marked(mark.getKey(), mark.getValue()).size()).sum();
            int count = Math.max(marked, 1 + (int) fork.descendants().count());
            if (count > max) {
                seen = count;
                ProcessTree.kill(fork.toHandle());
                marks.forEach(ProcessTree::killMarked);
                return;
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** How many processes were alive when the cap was passed; 0 while it was not. */
    int exceededWith() {
        return seen;
    }

    int max() {
        return max;
    }

    @Override
    public void close() {
        watchdog.interrupt();
    }
}
