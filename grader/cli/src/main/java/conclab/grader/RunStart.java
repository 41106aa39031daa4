package conclab.grader;

import conclab.grader.fork.RunLeftovers;
import conclab.grader.io.Ahead;
import conclab.grader.io.FileTrees;
import conclab.grader.suite.TestSuite;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What a grading needs before its first test JVM, whatever it grades: the mark of its processes,
 * its temporary folder (removed even if the grader is stopped), and the suite unpacked there.
 * Closing it removes the folder.
 *
 * @param mark    the value of {@link Grader#RUN_TOKEN_VARIABLE} for the run's processes
 * @param folder  the run's temporary folder
 * @param cleanup removes the folder and kills the marked processes if the JVM stops first
 * @param suite   the pristine suite, unpacked into the folder
 */
record RunStart(String mark, Path folder, RunLeftovers.Cleanup cleanup, TestSuite suite) implements AutoCloseable {

    private static final Ahead<RunStart> AHEAD = new Ahead<>();

    /** Begins a start on a thread of its own, for the next {@link #take}. */
    static void beginAhead() {
        AHEAD.begin("conclab-run-start", RunStart::begin);
    }

    /** The start {@link #beginAhead} began, or a new one. */
    static RunStart take() throws IOException {
        return AHEAD.take(RunStart::begin);
    }

    private static RunStart begin() throws IOException {
        String mark = RunLeftovers.newMark();
        Path folder = RunLeftovers.newFolder();
        RunLeftovers.Cleanup cleanup = RunLeftovers.removedOnShutdown(Grader.RUN_TOKEN_VARIABLE, mark, folder);
        try {
            return new RunStart(mark, folder, cleanup, TestSuite.unpack(folder.resolve("suite")));
        } catch (IOException | RuntimeException e) {
            FileTrees.delete(folder);
            cleanup.close();
            throw e;
        }
    }

    /** Removes the folder; a folder that cannot be removed is named on standard error. */
    @Override
    public void close() {
        try {
            FileTrees.delete(folder);
        } catch (IOException | RuntimeException e) {
            // the report matters more than the temporary folder; say where it was left
            System.err.println("conclab-grader: could not remove " + folder + ": " + e.getMessage());
        }
        cleanup.close();
    }
}
