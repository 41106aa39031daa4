package conclab.grader.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class RunLeftoversTest {

    /** The pid of a process that has ended and been reaped. */
    private static long deadPid() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("true").start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        return process.pid();
    }

    @Test
    void onlyWhatIsNamedAfterAGraderThatIsGoneIsItsLeftover() throws Exception {
        assertTrue(RunLeftovers.ownerGone(deadPid() + "-0123abcd"));
        assertFalse(RunLeftovers.ownerGone(ProcessHandle.current().pid() + "-0123abcd"), "a live grader's");
        assertFalse(RunLeftovers.ownerGone("0123abcd"), "named the old way: cannot be told apart");
        assertFalse(RunLeftovers.ownerGone("x12-3"));
        assertTrue(RunLeftovers.newMark().startsWith(ProcessHandle.current().pid() + "-"));
    }

    @Test
    void theSweepRemovesTheFoldersOfGradersThatAreGoneAndNoOther(@TempDir Path tmp) throws Exception {
        Path dead = Files.createDirectories(tmp.resolve(RunLeftovers.FOLDER_PREFIX + deadPid() + "-1/suite"));
        Path alive = Files.createDirectories(tmp.resolve(RunLeftovers.FOLDER_PREFIX + ProcessHandle.current().pid() + "-2"));
        Path other = Files.createDirectories(tmp.resolve("someone-else-" + deadPid() + "-3"));
        Files.writeString(dead.resolve("public.jar"), "left");

        int removed = RunLeftovers.sweep("CONCLAB_TEST_MARK_" + ProcessHandle.current().pid(), tmp);

        assertEquals(1, removed);
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(alive, other).stream().sorted().toList(), left.sorted().toList());
        }
    }
}
