package conclab.grader.fork;

import conclab.grader.io.FileTrees;
import conclab.grader.io.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a run would leave behind if its grader were stopped: its temporary folder and the
 * processes that carry its mark. Both are named after the grader's process id, so that a grader
 * can tell a dead grader's leftovers from a live one's. A grader that is stopped (Ctrl-C,
 * SIGTERM) removes its own run's at once; one killed outright (SIGKILL, the out-of-memory
 * killer) cannot, and the next grader on the machine removes them.
 */
public final class RunLeftovers {

    /** How a run's temporary folder is named: this prefix, the grader's pid, a dash. */
    static final String FOLDER_PREFIX = "conclab-grade-";

    private RunLeftovers() {
    }

    /** A mark for the processes of a new run of this grader: its pid, a dash, a random token. */
    public static String newMark() {
        return ProcessHandle.current().pid() + "-" + Tokens.random();
    }

    /** A new temporary folder for a run of this grader. */
    public static Path newFolder() throws IOException {
        return Files.createTempDirectory(FOLDER_PREFIX + ProcessHandle.current().pid() + "-");
    }

    /**
     * While the returned handle is open, stopping this JVM kills the run's marked processes and
     * removes its folder first; close it when the run has cleaned up after itself.
     */
    public static Cleanup removedOnShutdown(String variable, String mark, Path folder) {
        Thread hook = new Thread(() -> remove(variable, mark, folder), "conclab-run-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Cleanup(hook);
    }

    /** A run's shutdown hook, withdrawn on {@link #close()}. */
    public record Cleanup(Thread hook) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs
            }
        }
    }

    /**
     * Kills the processes marked by graders that are no longer alive, and removes the temporary
     * folders they left in {@code tmp}.
     *
     * @return how many processes and folders were removed
     */
    public static int sweep(String variable, Path tmp) {
        int removed = 0;
        for (ProcessHandle process : ProcessTree.markedWhere(variable, RunLeftovers::ownerGone)) {
            if (process.destroyForcibly()) {
                removed++;
            }
        }
        List<Path> folders;
        try (Stream<Path> entries = Files.list(tmp)) {
            folders = entries.filter(folder -> {
                String name = folder.getFileName().toString();
                return name.startsWith(FOLDER_PREFIX) && ownerGone(name.substring(FOLDER_PREFIX.length()));
            }).toList();
        } catch (IOException | RuntimeException e) {
            return removed;
        }
        for (Path folder : folders) {
            try {
                FileTrees.delete(folder);
                removed++;
            } catch (IOException | RuntimeException e) {
                // another user's, or in use: not ours to insist on
            }
        }
        return removed;
    }

    private static void remove(String variable, String mark, Path folder) {
        ProcessTree.killMarked(variable, mark);
        try {
            FileTrees.delete(folder);
        } catch (IOException | RuntimeException e) {
            // the JVM is going away: nothing more can be done
        }
    }

    /** Whether {@code named}, "PID-...", names a grader process that is gone. */
    static boolean ownerGone(String named) {
        int dash = named.indexOf('-');
        if (dash <= 0 || !named.substring(0, dash).chars().allMatch(Character::isDigit)) {
            return false; // not named after its grader: it cannot be told apart
        }
        long pid;
        try {
            pid = Long.parseLong(named.substring(0, dash));
        } catch (NumberFormatException e) {
            return false;
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive() || zombie(pid)).orElse(true);
    }

    /** A process that has ended but was not reaped still has a process id. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
