package conclab.grader.batch;

import conclab.grader.GradeRequest;
import conclab.grader.Grader;
import conclab.grader.io.AtomicFile;
import conclab.grader.io.FileTrees;
import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.ReportWriter;
import conclab.grader.submission.Submission;
import conclab.harness.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Grades every submission folder of a class folder (its direct subfolders, in this shard) into
 * one report each in a reports folder, {@code jobs} at a time. Whatever happens to one submission
 * (it does not compile, it has no sources, the grader fails on it) it gets a report and the batch
 * goes on. Reports still valid from an earlier run are kept ({@link ResumeDecision}).
 */
public final class BatchGrader {

    /** Grades one located submission; in production {@code new Grader()::grade}. */
    @FunctionalInterface
    public interface Grading {
        Report grade(Submission submission, GradeRequest request) throws Exception;
    }

    /** Hears of the batch's progress; called from the grading threads, one call at a time. */
    public interface Listener {
        void planned(int submissions);

        void finished(Outcome outcome);
    }

    /**
     * What a batch grades, and how.
     *
     * @param classFolder the folder whose subfolders are the submissions
     * @param reports     where the reports go (created if missing)
     * @param request     the options of every grading
     * @param roster      who each folder is from
     * @param deadline    for git repositories, grade the last commit before it; null for the working tree
     * @param jobs        how many submissions are graded at once
     * @param shard       which part of the class
     * @param force       grade even submissions whose report stands
     * @param graderVersion this grader's version
     * @param suiteHash   this grader's test suite's hash
     * @param copies      each report in another format too; {@link FormattedCopies#NONE} for none
     * @param key         the manifest's key
     * @param snapshot    for git repositories, grade the commit this snapshot recorded (instead
     *                    of choosing one by the deadline); null for none
     * @param snapshotDir the snapshot's folder, with its bundles; null without a snapshot
     */
    public record Settings(Path classFolder, Path reports, GradeRequest request, Roster roster,
                           OffsetDateTime deadline, int jobs, Shard shard, boolean force,
                           String graderVersion, String suiteHash, FormattedCopies copies, BatchKey key,
                           Snapshot snapshot, Path snapshotDir) {

        /** These settings without a snapshot. */
        public Settings(Path classFolder, Path reports, GradeRequest request, Roster roster,
                        OffsetDateTime deadline, int jobs, Shard shard, boolean force,
                        String graderVersion, String suiteHash, FormattedCopies copies, BatchKey key) {
            this(classFolder, reports, request, roster, deadline, jobs, shard, force, graderVersion, suiteHash,
                    copies, key, null, null);
        }
    }

    /** What became of one submission. */
    public enum Kind { GRADED, COMPILE_ERROR, INVALID, ERROR, SKIPPED }

    /**
     * @param folder     the submission folder's name
     * @param reportName its report's file name
     * @param kind       what became of it
     * @param decision   why it was graded or skipped
     * @param report     its report (the one kept, when skipped); null when none could be written
     * @param problem    what went wrong, for INVALID and ERROR; null otherwise
     */
    public record Outcome(String folder, String reportName, Kind kind, ResumeDecision decision,
                          Report report, String problem) {
    }

    /** The event that carries what looked wrong about a repository's dates or history. */
    public static final String GIT_EVENT = "git_dates";
    /** The event that says there is work after the commit graded at a deadline. */
    public static final String LATE_EVENT = "git_late";

    private final Grading grading;
    private final Settings settings;
    private final Listener listener;
    private final BatchManifest manifest;

    public BatchGrader(Grading grading, Settings settings, Listener listener) {
        this.grading = grading;
        this.settings = settings;
        this.listener = listener;
        this.manifest = BatchManifest.open(settings.reports(), settings.shard().manifestName(), settings.key());
    }

    /** The submission folders of a class folder, sorted by name: its direct subfolders, hidden ones left out. */
    public static List<String> submissionFolders(Path classFolder) throws IOException {
        try (Stream<Path> children = Files.list(classFolder)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        }
    }

    /** Grades this shard's submissions of {@code folders} and returns what became of each, in name order. */
    public List<Outcome> run(List<String> folders) throws IOException, InterruptedException {
        Files.createDirectories(settings.reports());
        List<String> mine = settings.shard().select(folders);
        removeLeftovers(mine);
        listener.planned(mine.size());
        ExecutorService pool = Executors.newFixedThreadPool(settings.jobs());
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (String folder : mine) {
                futures.add(pool.submit(() -> {
                    Outcome outcome = copied(gradeOne(folder));
                    synchronized (listener) {
                        listener.finished(outcome);
                    }
                    return outcome;
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                try {
                    outcomes.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a grading thread failed", e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The temporary files ({@link AtomicFile}'s {@code .NAME.RANDOM.tmp}) of this shard's reports and
     * manifest whose writing was killed midway; never another shard's, which may be writing them now.
     */
    private void removeLeftovers(List<String> mine) throws IOException {
        Set<String> targets = new HashSet<>();
        mine.forEach(folder -> targets.add(ReportName.of(folder)));
        targets.add(settings.shard().manifestName());
        removeLeftovers(settings.reports(), targets);
        FormattedCopies copies = settings.copies();
        if (copies.format() != null && Files.isDirectory(copies.folder(settings.reports()))) {
            Set<String> copyNames = new HashSet<>();
            mine.forEach(folder -> copyNames.add(copies.file(settings.reports(), ReportName.of(folder))
                    .getFileName().toString()));
            removeLeftovers(copies.folder(settings.reports()), copyNames);
        }
    }

    private static void removeLeftovers(Path folder, Set<String> targets) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(file)
                        && targets.stream().anyMatch(target -> name.startsWith("." + target + "."))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private Outcome gradeOne(String name) {
        Path folder = settings.classFolder().resolve(name);
        String reportName = ReportName.of(name);
        Report.StudentRef student = settings.roster().student(name);
        String requestKey = requestKey(student);
        ResumeDecision decision = ResumeDecision.NEW;
        try {
            String commit = null;
            String sourcesHash = null;
            Submission submission = null;
            GitDeadline.Choice choice = null;
            Path bundle = null;
            boolean repository = GitDeadline.isRepository(folder);
            boolean atCommit = repository && (settings.snapshot() != null || settings.deadline() != null);
            if (atCommit) {
                try {
                    if (settings.snapshot() != null) {
                        Snapshot.Entry entry = settings.snapshot().entry(name);
                        if (entry == null) {
                            throw new GitDeadline.NoCommit("not in the snapshot taken at " + settings.snapshot().takenAt()
                                    + " (a repository added since?): take the snapshot again, or grade it by --deadline without --snapshot");
                        }
                        Snapshot.Resolved resolved = settings.snapshot().resolve(settings.snapshotDir(), folder, entry);
                        choice = new GitDeadline.Choice(resolved.commit(), resolved.warnings(), resolved.late());
                        bundle = resolved.bundle();
                    } else {
                        choice = new GitDeadline(settings.deadline()).choose(folder, java.time.Instant.now());
                    }
                    commit = choice.commit();
                } catch (GitDeadline.NoCommit e) {
                    return invalid(name, reportName, student, requestKey, decision, e.getMessage());
                }
            } else {
                try {
                    submission = Submission.locate(folder);
                } catch (Submission.InvalidSubmission e) {
                    return invalid(name, reportName, student, requestKey, decision, e.getMessage());
                }
                sourcesHash = submission.hash();
            }
            ResumeDecision.Stored stored = stored(reportName);
            decision = ResumeDecision.decide(settings.force(), stored,
                    new ResumeDecision.Current(settings.graderVersion(), settings.suiteHash(), requestKey, sourcesHash, commit));
            if (!decision.grade()) {
                return new Outcome(name, reportName, Kind.SKIPPED, decision, stored.report(), null);
            }
            Report report;
            if (atCommit) {
                Path exported = Files.createTempDirectory("conclab-commit-");
                try {
                    if (bundle != null) {
                        GitDeadline.exportFromBundle(bundle, commit, exported.resolve(name));
                    } else {
                        GitDeadline.export(folder, commit, exported.resolve(name));
                    }
                    try {
                        submission = Submission.locate(exported.resolve(name));
                    } catch (Submission.InvalidSubmission e) {
                        return invalid(name, reportName, student, requestKey, decision,
                                "commit " + commit + " (" + (settings.snapshot() != null ? "the snapshot's" : "the last before the deadline")
                                + ") has no Java sources: expected .java files under src/main/java or exercises/src/main/java");
                    }
                    report = grading.grade(submission, settings.request());
                } finally {
                    FileTrees.delete(exported);
                }
                for (String warning : choice.warnings()) {
                    // the report says what its commit rests on, for the instructor to check
                    report = report.withEvent(new Report.RunEventRecord(GIT_EVENT, warning));
                }
                if (choice.late() != null) {
                    report = report.withEvent(new Report.RunEventRecord(LATE_EVENT, choice.late()));
                }
            } else {
                report = grading.grade(submission, settings.request());
            }
            report = stamped(report, folder, student, commit);
            write(reportName, report, requestKey);
            Kind kind = !"graded".equals(report.status()) ? Kind.ERROR
                    : report.exercises().stream().map(ExerciseResult::status).anyMatch("compile_error"::equals)
                    ? Kind.COMPILE_ERROR : Kind.GRADED;
            return new Outcome(name, reportName, kind, decision, report, kind == Kind.ERROR ? report.message() : null);
        } catch (Exception | StackOverflowError e) {
            // one submission, or the grader on it, never stops the batch: it gets an error report
            String why = "the grader failed on this submission: " + e;
            Report report = Report.ungraded("error", why, Grader.invalid(folder, settings.request(), why).graded());
            report = stamped(report, folder, student, null);
            try {
                write(reportName, report, requestKey);
            } catch (IOException | RuntimeException written) {
                return new Outcome(name, reportName, Kind.ERROR, decision, null, why + "; the report could not be written: " + written);
            }
            return new Outcome(name, reportName, Kind.ERROR, decision, report, why);
        }
    }

    private Outcome invalid(String name, String reportName, Report.StudentRef student, String requestKey,
                            ResumeDecision decision, String why) throws IOException {
        Report report = stamped(Grader.invalid(settings.classFolder().resolve(name).toAbsolutePath().normalize(),
                settings.request(), why), null, student, null);
        write(reportName, report, requestKey);
        return new Outcome(name, reportName, Kind.INVALID, decision, report, why);
    }

    private ResumeDecision.Stored stored(String reportName) throws IOException {
        Path file = settings.reports().resolve(reportName);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        Report report;
        try {
            report = ReportWriter.read(bytes);
        } catch (IOException e) {
            report = null;
        }
        return new ResumeDecision.Stored(report, manifest.trust(reportName, bytes), manifest.requestKey(reportName, bytes));
    }

    private void write(String reportName, Report report, String requestKey) throws IOException {
        byte[] bytes = ReportWriter.toJson(report);
        AtomicFile.write(settings.reports().resolve(reportName), bytes);
        // after the report: killed in between, the report is merely graded again
        manifest.record(reportName, bytes, requestKey);
    }

    /**
     * The outcome, once its report's copy in the other format is up to date (after the report
     * and the manifest: a batch killed in between writes the kept report's copy next time). A
     * copy that cannot be written costs the submission an error outcome, never its report.
     */
    private Outcome copied(Outcome outcome) {
        if (outcome.report() == null) {
            return outcome;
        }
        try {
            settings.copies().write(settings.reports(), outcome.reportName(), outcome.report());
            return outcome;
        } catch (IOException | RuntimeException e) {
            return new Outcome(outcome.folder(), outcome.reportName(), Kind.ERROR, outcome.decision(),
                    outcome.report(), "its report is written, but its " + settings.copies().format().cliName()
                    + " copy could not be: " + e);
        }
    }

    /**
     * Everything besides the sources that a report depends on. Not how many test JVMs run side
     * by side, which follows {@code --jobs} and changes no verdict, as {@code --jobs} does not.
     */
    private String requestKey(Report.StudentRef student) {
        GradeRequest r = settings.request();
        return String.join(";", "exercises=" + new TreeSet<>(r.exercises()), "testTimeout=" + r.testTimeout(),
                "runTimeout=" + r.runTimeout(), "timingScale=" + r.timingScale(), "forkHeap=" + r.forkHeap(),
                "outputLimit=" + r.outputLimitBytes(), "runOutputLimit=" + r.limits().runOutputBytes(),
                "maxProcesses=" + r.limits().maxProcesses(), "hangsPerExercise=" + r.limits().hangsPerExercise(),
                "timingAttempts=" + r.timingAttempts(),
                "course=" + r.course(), "student=" + student,
                "deadline=" + settings.deadline(),
                "snapshot=" + (settings.snapshot() == null ? null : settings.snapshot().takenAt()), "locale=" + Messages.locale().toLanguageTag());
    }

    /** The report with the original folder (not an exported commit's), the student and the commit. */
    static Report stamped(Report report, Path folder, Report.StudentRef student, String commit) {
        Report.GradedWith g = report.graded();
        return report.withGraded(g.withOrigin(
                folder == null ? g.submission() : folder.toAbsolutePath().normalize().toString(), student, commit));
    }
}
