package conclab.grader.cli;

import conclab.grader.GradeRequest;
import conclab.grader.Grader;
import conclab.grader.batch.BatchGrader;
import conclab.grader.batch.BatchKey;
import conclab.grader.batch.BatchLock;
import conclab.grader.batch.BatchProgress;
import conclab.grader.batch.BatchSummary;
import conclab.grader.batch.FormattedCopies;
import conclab.grader.batch.Roster;
import conclab.grader.batch.Shard;
import conclab.grader.course.Course;
import conclab.grader.format.ReportFormat;
import conclab.grader.format.View;
import conclab.grader.io.AtomicFile;
import conclab.grader.io.FileTrees;
import conclab.grader.suite.TestSuite;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grade-all FOLDER --out REPORTS}: grades every submission folder of a class. */
@Command(name = "grade-all", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Grades every subfolder of FOLDER as a submission, into",
                "REPORTS/<folder>.json, with a summary at the end. A submission whose",
                "report still stands (same sources, grader, suite and options, and the",
                "report unchanged since written) is not graded again.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every submission has its report (invalid ones included)",
                "1:the grader failed on some submission (its report says why)",
                "2:bad input (no such FOLDER, a bad roster, --shard or --deadline, an unwritable --out, ...)"})
final class GradeAllCommand implements Callable<Integer> {

    /**
     * Submissions graded at once by default: one per core. Each grading then runs beside others
     * that keep every core busy, the condition under which the timing soak grades the reference
     * (no false verdict in 30 runs, README "Timing soak"); scripts/batch-jobs measured 1, 2 and 3
     * at once on 2 cores with the same verdicts, idle and loaded (README, "Batch grading"). More
     * than one per core was not soaked, so it is not the default.
     */
    static final int DEFAULT_JOBS = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FOLDER",
            description = "The class: each subfolder is a submission (a student repository or a module folder).")
    private Path folder;

    @Option(names = "--out", paramLabel = "REPORTS", required = true,
            description = "The folder the reports go to (created if missing), one REPORTS/<folder>.json each.")
    private Path out;

    @Option(names = "--roster", paramLabel = "FILE",
            description = "A UTF-8 CSV with the header folder,id,name: who each submission folder is from.")
    private Path rosterFile;

    @Option(names = "--deadline", paramLabel = "TIME",
            description = "For submissions that are git repositories, grade the last commit before TIME,"
                    + " like 2026-12-01T23:59:00+08:00 (default: the course file's deadline; without one, the working tree).")
    private String deadline;

    @Option(names = "--snapshot", paramLabel = "DIR",
            description = "For submissions that are git repositories, grade the commit the snapshot command"
                    + " recorded in DIR (at the deadline), rather than choosing one by the commits' dates.")
    private Path snapshotDir;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Submissions graded at once (default: one per core).")
    private int jobs = DEFAULT_JOBS;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Grade only shard I (from 0) of N: the folders sorted by name, dealt out round robin.")
    private String shard;

    @Option(names = "--force", description = "Grade every submission again, even those whose report stands.")
    private boolean force;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatOptions.FormatConverter.class,
            description = "Also write each report as FORMAT (json, gradescope, github or junit-xml), into"
                    + " REPORTS/FORMAT/<folder>.json (.xml for junit-xml).")
    private ReportFormat format;

    @Option(names = "--view", paramLabel = "VIEW", converter = FormatOptions.ViewConverter.class,
            description = "Who the --format files are for: instructor (everything) or student (hidden tests"
                    + " counted, never named). Default: student for github and junit-xml, instructor otherwise.")
    private View view;

    @Mixin
    private GradingOptions grading;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        long start = System.nanoTime();
        Setup setup;
        try {
            setup = setUp();
        } catch (BadInput e) {
            err.println("conclab-grader: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        if (setup.settings.key().problem() != null) {
            err.println("conclab-grader: warning: " + setup.settings.key().problem());
        }
        BatchLock lock;
        try {
            lock = BatchLock.take(out, setup.settings.shard());
        } catch (BatchLock.Busy e) {
            err.println("conclab-grader: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        try (lock) {
            return grade(setup, err, stdout, start);
        }
    }

    private Integer grade(Setup setup, PrintWriter err, PrintWriter stdout, long start) throws IOException, InterruptedException {
        BatchGrader batch = new BatchGrader(new Grader()::grade, setup.settings,
                new BatchProgress(stdout, isTerminal()));
        // Ctrl-C: the reports finished are whole and recorded; say how to go on
        Thread interrupted = new Thread(() -> err.println("conclab-grader: interrupted; the reports finished are kept:"
                + " run the same command again to grade the rest"));
        Runtime.getRuntime().addShutdownHook(interrupted);
        List<BatchGrader.Outcome> outcomes;
        try {
            outcomes = batch.run(setup.folders);
        } finally {
            Runtime.getRuntime().removeShutdownHook(interrupted);
        }
        BatchSummary summary = BatchSummary.of(outcomes, setup.folders, setup.settings.roster(),
                (System.nanoTime() - start) / 1e9);
        summary.print(stdout, out);
        FormattedCopies copies = setup.settings.copies();
        if (copies.format() != null) {
            stdout.printf("Also: %s (%s, %s view, one per report)%n", copies.folder(out), copies.format().cliName(),
                    copies.view().cliName());
            stdout.flush();
        }
        return summary.anyErrors() ? Main.GRADER_FAILED : Main.GRADED;
    }

    private record Setup(BatchGrader.Settings settings, List<String> folders) {
    }

    private Setup setUp() throws BadInput, IOException {
        String problem = grading.problem();
        if (problem != null) {
            throw new BadInput(problem);
        }
        if (jobs < 1 || jobs > 64) {
            throw new BadInput("--jobs must be between 1 and 64, not " + jobs);
        }
        if (format == null && view != null) {
            throw new BadInput("--view chooses for whom --format writes: give --format too, e.g. --format gradescope");
        }
        grading.applyLocale();
        Shard part;
        try {
            part = shard == null ? Shard.ALL : Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
        if (!Files.isDirectory(folder)) {
            throw new BadInput("class folder " + folder + (Files.exists(folder) ? " is a file" : " does not exist")
                    + ": give the folder whose subfolders are the submissions");
        }
        if (looksLikeOneSubmission(folder)) {
            throw new BadInput(folder + " is one submission (it holds src/main/java): grade it with"
                    + " 'grade " + folder + "', or give grade-all the folder whose subfolders are the submissions");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInput("--out " + out + " is a file: give a folder for the reports");
        }
        try {
            Files.createDirectories(out);
            AtomicFile.checkWritable(out.resolve(".conclab-check"));
        } catch (IOException e) {
            throw new BadInput("cannot write reports into " + out + " (" + e.getMessage()
                    + "): give --out a folder you may write to");
        }
        Course course;
        Roster roster;
        try {
            course = grading.course();
            roster = rosterFile == null ? Roster.NONE : Roster.read(rosterFile);
        } catch (Course.InvalidCourse | Roster.InvalidRoster e) {
            throw new BadInput(e.getMessage());
        }
        OffsetDateTime due = course == null ? null : course.deadline();
        if (deadline != null) {
            try {
                due = OffsetDateTime.parse(deadline);
            } catch (DateTimeParseException e) {
                throw new BadInput("--deadline '" + deadline + "' is not an ISO-8601 time with its offset,"
                        + " like 2026-12-01T23:59:00+08:00");
            }
        }
        conclab.grader.batch.Snapshot snapshot = null;
        if (snapshotDir != null) {
            try {
                snapshot = conclab.grader.batch.Snapshot.read(snapshotDir);
            } catch (IOException e) {
                throw new BadInput("--snapshot: " + e.getMessage());
            }
        }
        GradeRequest request = grading.request(course, jobs);
        try {
            // a batch that must be sandboxed and cannot be is refused before it begins
            conclab.grader.sandbox.Sandbox.choose(request.sandbox());
        } catch (conclab.grader.sandbox.Sandbox.Unavailable e) {
            throw new BadInput(e.getMessage());
        }
        Path suiteDir = Files.createTempDirectory("conclab-suite-");
        String suiteHash;
        try {
            TestSuite suite = TestSuite.unpack(suiteDir);
            Set<String> unknown = new TreeSet<>(request.exercises());
            unknown.removeAll(suite.exercises());
            if (!unknown.isEmpty()) {
                throw new BadInput("unknown exercise " + String.join(", ", unknown) + ": this grader knows "
                        + String.join(", ", suite.exercises()) + grading.exercisesSource(course));
            }
            suiteHash = suite.hash();
        } finally {
            FileTrees.delete(suiteDir);
        }
        Path reports = out.toAbsolutePath().normalize();
        // a reports folder inside the class folder is not a submission
        List<String> folders = BatchGrader.submissionFolders(folder).stream()
                .filter(name -> !folder.resolve(name).toAbsolutePath().normalize().equals(reports)).toList();
        FormattedCopies copies = format == null ? FormattedCopies.NONE
                : new FormattedCopies(format, view != null ? view : format.defaultView());
        Path keyFile = BatchKey.location(System.getenv()).toAbsolutePath().normalize();
        if (keyFile.startsWith(reports)) {
            throw new BadInput("the manifest's key " + keyFile + " ($" + BatchKey.ENV + ") is inside the reports folder,"
                    + " where whoever rewrites a report could rewrite it too: keep it outside " + reports);
        }
        return new Setup(new BatchGrader.Settings(folder, out, request, roster, due, jobs, part, force,
                Grader.version(), suiteHash, copies, BatchKey.at(keyFile), snapshot,
                snapshotDir == null ? null : (Files.isDirectory(snapshotDir) ? snapshotDir : snapshotDir.getParent())), folders);
    }

    /** Whether the class folder is itself a submission: its subfolder src would be graded as one, and invalid. */
    private static boolean looksLikeOneSubmission(Path folder) {
        return Files.isDirectory(folder.resolve("src/main/java")) || Files.isDirectory(folder.resolve("exercises/src/main/java"));
    }

    /** A terminal to redraw a progress bar on; not a pipe or a file (JDK 22+ has a console for those too). */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22, a console is a terminal
        }
    }

    private static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }
}
