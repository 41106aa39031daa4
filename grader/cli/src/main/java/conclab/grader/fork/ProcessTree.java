package conclab.grader.fork;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Kills a process with everything it started. Killing a process alone would leave its children
 * running (they are re-parented), and the list of descendants is only a snapshot while they may
 * still be starting more, so the sweep repeats until none is left. What escaped the tree (a
 * double-forked process) is found by the mark every process of a run carries in its environment.
 */
public final class ProcessTree {

    private static final int MAX_SWEEPS = 20;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    private ProcessTree() {
    }

    /** Kills {@code root} and its descendants; returns how many processes were killed. */
    public static int kill(ProcessHandle root) {
        int killed = killDescendants(root);
        if (root.isAlive() && root.destroyForcibly()) {
            killed++;
        }
        try {
            root.onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // reported by the caller through isAlive()
        }
        return killed;
    }

    /**
     * Kills every process {@code root} started, while {@code root} is still alive: once it has
     * exited, its children are re-parented and can no longer be found from it.
     */
    public static int killDescendants(ProcessHandle root) {
        java.util.Set<Long> killed = new java.util.HashSet<>();
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            // a killed child stays listed (a zombie) until its parent reaps it: count it once
            List<ProcessHandle> descendants = root.descendants()
                    .filter(p -> !killed.contains(p.pid())).toList();
            if (descendants.isEmpty()) {
                break;
            }
            for (ProcessHandle descendant : descendants) {
                if (descendant.destroyForcibly()) {
                    killed.add(descendant.pid());
                }
            }
        }
        return killed.size();
    }

    /**
     * Kills every process whose environment holds {@code variable=value}: on Linux, where a
     * process's environment can be read, this finds what a run started even after it was handed
     * over to another parent (a double fork, a daemon). Elsewhere it finds nothing and returns 0.
     */
    public static int killMarked(String variable, String value) {
        int killed = 0;
        for (ProcessHandle process : marked(variable, value)) {
            if (process.destroyForcibly()) {
                killed++;
            }
        }
        return killed;
    }

    /**
     * The live processes whose environment holds {@code variable=value}, this one excepted. A
     * zombie has no environment left, so it is not among them. Empty where there is no /proc.
     */
    public static List<ProcessHandle> marked(String variable, String value) {
        return markedWhere(variable, value::equals);
    }

    /**
     * The live processes whose environment holds {@code variable} with a value that
     * {@code wanted} accepts, this one excepted. Empty where there is no /proc.
     */
    public static List<ProcessHandle> markedWhere(String variable, Predicate<String> wanted) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return List.of();
        }
        byte[] prefix = (variable + "=").getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = new java.util.ArrayList<>();
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                String value = valueOf(entry.resolve("environ"), prefix);
                if (value != null && wanted.test(value)) {
                    ProcessHandle.of(Long.parseLong(name)).ifPresent(found::add);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // /proc vanished or cannot be listed: nothing more can be found this way
        }
        return found;
    }

    /** The value of the variable whose {@code NAME=} is {@code name}, or null. */
    private static String valueOf(Path environ, byte[] name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(environ);
        } catch (IOException | SecurityException e) {
            return null; // gone, or another user's
        }
        // entries are NUL-separated NAME=VALUE
        for (int start = 0; start < bytes.length; ) {
            int end = start;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            if (end - start >= name.length && Arrays.equals(bytes, start, start + name.length, name, 0, name.length)) {
                return new String(bytes, start + name.length, end - start - name.length, StandardCharsets.UTF_8);
            }
            start = end + 1;
        }
        return null;
    }
}
