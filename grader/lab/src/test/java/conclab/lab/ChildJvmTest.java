package conclab.lab;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starts real child JVMs. */
@Timeout(60)
class ChildJvmTest {

    /** A child that prints its pid, its parent's pid and its arguments. */
    public static final class Report {
        public static void main(String[] args) {
            System.out.println(ProcessHandle.current().pid());
            System.out.println(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
            System.out.println(String.join("|", args));
        }
    }

    /** A child that starts a grandchild which sleeps, prints the grandchild's pid and waits. */
    public static final class Spawner {
        public static void main(String[] args) throws Exception {
            Process grandchild = ChildJvm.processBuilder(Sleeper.class).start();
            System.out.println(grandchild.pid());
            System.out.flush();
            grandchild.waitFor();
        }
    }

    /** Sleeps for a minute, unless its parent dies first. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(60_000);
        }
    }

    private static List<String> run(ProcessBuilder builder) throws Exception {
        Process child = builder.redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = out.lines().toList();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            return lines;
        }
    }

    @Test
    void runsTheMainClassWithItsArgumentsAsAChildOfThisJvm() throws Exception {
        Process child = ChildJvm.processBuilder(Report.class, "two words", "", "naïve 你好").start();
        List<String> lines;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            lines = out.lines().toList();
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue());
        assertEquals(String.valueOf(child.pid()), lines.get(0));
        assertEquals(String.valueOf(ProcessHandle.current().pid()), lines.get(1));
        assertEquals("two words||naïve 你好", lines.get(2));
    }

    /** A child that prints its maximum heap, in MiB. */
    public static final class Heap {
        public static void main(String[] args) {
            System.out.println(Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    @Test
    void extraJvmOptionsReachTheChild() throws Exception {
        List<String> lines = run(new ProcessBuilder(ChildJvm.command(List.of("-Xmx16m"), Heap.class.getName(), List.of())));
        assertTrue(Long.parseLong(lines.get(0)) <= 16, lines.toString());
    }

    @Test
    void aClassThatDoesNotExistEndsTheChildWithAClearMessage() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command("conclab.lab.NoSuchTask", List.of()));
        Process child = builder.redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(ChildMain.NO_SUCH_CLASS, child.exitValue());
        assertTrue(output.contains("cannot run conclab.lab.NoSuchTask"), output);
    }

    @Test
    void aLongClassPathGoesIntoAnArgumentFile() throws Exception {
        String original = System.getProperty("java.class.path");
        try {
            String padding = String.join(java.io.File.pathSeparator,
                    java.util.Collections.nCopies(400, "/no/such/folder with a space"));
            System.setProperty("java.class.path", original + java.io.File.pathSeparator + padding);
            List<String> command = ChildJvm.command(Report.class, "x");
            assertTrue(command.stream().anyMatch(arg -> arg.startsWith("@")), command.toString());
            assertTrue(String.join(" ", command).length() < ChildJvm.MAX_COMMAND_LENGTH);
            List<String> lines = run(new ProcessBuilder(command));
            assertEquals("x", lines.get(2), lines.toString());
        } finally {
            System.setProperty("java.class.path", original);
        }
    }

    @Test
    void aChildEndsWhenItsParentIsKilled() throws Exception {
        Process parent = ChildJvm.processBuilder(Spawner.class).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            long grandchildPid = Long.parseLong(out.readLine().trim());
            ProcessHandle grandchild = ProcessHandle.of(grandchildPid).orElseThrow();
            assertTrue(grandchild.isAlive());

            parent.destroyForcibly(); // the grandchild is re-parented, not killed, by this
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS));

            await().atMost(Duration.ofSeconds(20)).until(() -> !running(grandchild));
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    /**
     * Whether a process still runs. An orphan that ended stays a zombie until some process reaps
     * it, and where pid 1 does not reap (some containers), isAlive() still says true then.
     */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", process.pid() + "", "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive(); // no /proc (macOS, Windows): isAlive() is all there is
        }
    }

    @Test
    void theJavaOfThisJdk() {
        assertTrue(ChildJvm.javaExecutable().startsWith(System.getProperty("java.home")));
        assertEquals(Optional.of(true), Optional.of(ChildJvm.javaExecutable().toFile().canExecute()));
    }
}
