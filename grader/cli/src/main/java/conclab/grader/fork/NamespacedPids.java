package conclab.grader.fork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A process's pid as the code inside a sandbox numbers it. A PID namespace numbers its processes
 * afresh (the sandbox's first process is 1); Linux lists a process's pid in each namespace it is
 * in, outermost first, on the {@code NSpid} line of {@code /proc/PID/status}. Elsewhere, and
 * outside a sandbox, the two numbers are one.
 */
final class NamespacedPids {

    private NamespacedPids() {
    }

    /** {@code pid}'s number in its innermost namespace; empty if it is gone. */
    static OptionalLong innermost(long pid) {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        if (!Files.isDirectory(Path.of("/proc", "self"))) {
            return OptionalLong.of(pid);
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("NSpid:")) {
                    String[] numbers = line.substring("NSpid:".length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(numbers[numbers.length - 1]));
                }
            }
            return OptionalLong.of(pid);
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
