package conclab.grader.fork;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kills a process with everything it started. Killing a process alone would leave its children
 * running (they are re-parented), and the list of descendants is only a snapshot while they may
 * still be starting more, so the sweep repeats until none is left.
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
}
