package conclab.grader.cli;

import conclab.grader.batch.BatchGrader;
import conclab.grader.batch.Snapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snapshot FOLDER --out DIR}: records every repository's commit, at the deadline, for grade-all --snapshot. */
@Command(name = "snapshot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Records the commit of every git repository among FOLDER's subfolders, and a bundle of",
                "its history, into DIR: run it at the deadline (e.g. from a scheduled workflow), then",
                "grade-all --snapshot DIR grades those commits, whatever dates the students set or",
                "whatever they pushed since.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:bad input (no such FOLDER, a bad --deadline, an unwritable --out)"})
final class SnapshotCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "The class: each subfolder is a submission.")
    private Path folder;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "The folder the snapshot goes to (snapshot.json and one bundle per repository).")
    private Path out;

    @Option(names = "--deadline", paramLabel = "TIME",
            description = "Record, in each repository, the commit grade-all would choose at TIME rather than HEAD:"
                    + " for a snapshot taken a little after the deadline.")
    private String deadline;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (!Files.isDirectory(folder)) {
            err.println("conclab-grader: class folder " + folder + (Files.exists(folder) ? " is a file" : " does not exist")
                    + ": give the folder whose subfolders are the submissions");
            return Main.BAD_INPUT;
        }
        OffsetDateTime due = null;
        if (deadline != null) {
            try {
                due = OffsetDateTime.parse(deadline);
            } catch (DateTimeParseException e) {
                err.println("conclab-grader: --deadline '" + deadline + "' is not an ISO-8601 time with its offset,"
                        + " like 2026-12-01T23:59:00+08:00");
                return Main.BAD_INPUT;
            }
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            err.println("conclab-grader: --out " + out + " is a file: give a folder for the snapshot");
            return Main.BAD_INPUT;
        }
        Path absolute = out.toAbsolutePath().normalize();
        List<String> folders = BatchGrader.submissionFolders(folder).stream()
                .filter(name -> !folder.resolve(name).toAbsolutePath().normalize().equals(absolute)).toList();
        Snapshot snapshot = Snapshot.take(folder, folders, out, due, line -> {
            stdout.println("  " + line);
            stdout.flush();
        });
        stdout.printf("Snapshot of %d repositories taken at %s: %s%n", snapshot.repositories().size(),
                snapshot.takenAt(), out.resolve("snapshot.json"));
        stdout.flush();
        return Main.GRADED;
    }
}
