package conclab.grader;

import conclab.grader.fork.CompileRequest;
import conclab.grader.fork.ForkArchive;
import conclab.grader.fork.ForkSettings;
import conclab.grader.fork.ForkedRun;
import conclab.grader.fork.JudgeJar;
import conclab.grader.fork.RunLeftovers;
import conclab.grader.fork.RunOutcome;
import conclab.grader.fork.TestTimeouts;
import conclab.grader.io.FileSeal;
import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.ReportAssembler;
import conclab.grader.sandbox.Sandbox;
import conclab.grader.submission.Submission;
import conclab.grader.suite.TestSuite;
import conclab.grader.timing.Calibration;
import conclab.grader.timing.MachineProbe;
import conclab.harness.Messages;
import conclab.harness.Timing;
import conclab.harness.Visibility;
import conclab.lab.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Grades one submission: compiles it, runs the pristine tests against it in forked JVMs, and
 * returns the report. Whatever the submission does, a report comes back; only a request that
 * cannot be graded at all (no such folder, an unknown exercise) is refused with an exception.
 */
public final class Grader {

    /**
     * Environment variable that marks every process of a run: the grader's pid and a random
     * token (see {@link RunLeftovers}).
     */
    public static final String RUN_TOKEN_VARIABLE = "CONCLAB_RUN_TOKEN";

    /**
     * System property naming the class-data archive that the grader's own JVM maps, if it was
     * started with one: sealed like the grader's jar, since code under test could rewrite it.
     */
    public static final String OWN_ARCHIVE_PROPERTY = "conclab.grader.archive";

    private final Runnable whileTestsRun;

    /** A grader with nothing of its caller's to do while the tests run. */
    public Grader() {
        this(() -> { });
    }

    /**
     * @param whileTestsRun what the caller will need right after the grading, prepared on a side
     *                      thread while the tests run (see {@link ForkSettings#whileTestsRun()})
     */
    public Grader(Runnable whileTestsRun) {
        this.whileTestsRun = whileTestsRun;
    }

    /**
     * Begins, on threads of their own, what the next grading in this JVM needs whatever it
     * grades: the machine's calibration and the unpacked suite. The {@code grade} command calls
     * this before it reads its command line, which costs a cold JVM more than a tenth of a
     * second, so that both are ready when the grading starts.
     */
    public static void beginAhead() {
        MachineProbe.beginAhead();
        RunStart.beginAhead();
    }

    /**
     * Grades a submission that {@link Submission#locate} found. A report always comes back: one
     * with status {@code error} and the reason when the grader itself could not go on.
     */
    public Report grade(Submission submission, GradeRequest request) throws UnknownExercise {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        String suiteHash = null;
        String submissionHash = null;
        RunStart run = null;
        Calibration calibration = null;
        Optional<Sandbox> sandbox = null;
        try {
            GraderJar.verify();
            // the machine's sandbox is tried once, beside the rest of the start
            CompletableFuture<Optional<Sandbox>> sandboxing = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sandbox.choose(request.sandbox());
                } catch (Sandbox.Unavailable e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }, Grader::daemon);
            // what graders killed earlier left: they could not clean up after themselves
            CompletableFuture.runAsync(() -> RunLeftovers.sweep(RUN_TOKEN_VARIABLE,
                    Path.of(System.getProperty("java.io.tmpdir"))), Grader::daemon);
            // the JSON library loads beside the start: the run needs it from its first event
            CompletableFuture.runAsync(ForkedRun::warmUp, Grader::daemon);
            // hashed beside the run: the hashes only go into the report
            CompletableFuture<String> sourcesHash = beside(submission::hash);
            // begun ahead (or now) beside the suite's unpacking; the scale is fixed before any test JVM starts
            CompletableFuture<Calibration> calibrating = CompletableFuture.supplyAsync(() -> {
                try {
                    return MachineProbe.calibrate(request.timingScale());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Grader::daemon);
            run = RunStart.take();
            TestSuite suite = run.suite();
            Set<String> catalogue = suite.exercises();
            Set<String> unknown = new TreeSet<>(request.exercises());
            unknown.removeAll(catalogue);
            if (!unknown.isEmpty()) {
                throw new UnknownExercise("unknown exercise " + String.join(", ", unknown)
                        + ": this grader knows " + String.join(", ", catalogue));
            }
            Set<String> graded = new TreeSet<>(request.exercises().isEmpty() ? catalogue : request.exercises());

            calibration = calibrating.join();
            sandbox = sandboxing.join();
            ForkSettings settings = forkSettings(submission, request, suite, run.folder(), graded, calibration,
                    run.mark(), sandbox);
            CompletableFuture<String> testsHash = beside(suite::hash);
            RunOutcome outcome = ForkedRun.run(settings);
            calibration = calibration.withBoundaryRoundTrip(outcome.boundaryRoundTripMs());
            settings.sealed().changed().forEach(ForkArchive::discardIfArchive);
            suiteHash = testsHash.join();
            submissionHash = sourcesHash.join();
            List<ExerciseResult> exercises = ReportAssembler.exercises(graded, outcome.compile(), outcome,
                    request::weight);
            List<String> warnings = new ArrayList<>(outcome.compile().warnings());
            if (sandbox.isEmpty()) {
                warnings.add(0, noSandboxWarning(request));
            }
            return Report.graded(
                    gradedWith(submission, request, suiteHash, submissionHash, startedAt, start, outcome.testsMs(),
                            calibration, sandbox),
                    exercises, warnings,
                    outcome.events().stream().map(e -> new Report.RunEventRecord(e.type(), e.detail())).toList());
        } catch (GraderJar.Changed e) {
            return Report.ungraded("error", "the grader refused to grade: " + e.getMessage(),
                    gradedWith(submission, request, null, null, startedAt, start, 0, null, null));
        } catch (ForkedRun.ForkFailure | IOException | RuntimeException e) {
            return Report.ungraded("error", "the grader failed: " + e.getMessage(),
                    gradedWith(submission, request, suiteHash, submissionHash, startedAt, start, 0,
                            calibration, sandbox));
        } finally {
            if (run != null) {
                run.close();
            }
        }
    }

    private static CompletableFuture<String> beside(Callable<String> hash) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return hash.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Grader::daemon);
    }

    /**
     * Runs {@code task} on a thread of its own: the common pool has a single worker on a
     * two-core machine, where the hashes, the calibration and the warm-up would wait in line.
     */
    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "conclab-grader-side");
        thread.setDaemon(true);
        thread.start();
    }

    /** The report of a submission with nothing to grade. */
    public static Report invalid(Path folder, GradeRequest request, String why) {
        return Report.ungraded("invalid_submission", why,
                new Report.GradedWith(version(), null, folder.toString(), null, jdk(), os(),
                        Instant.now().toString(), 0, 0, limits(request, null), courseRef(request), null, null, null, null, graderHash()));
    }

    private ForkSettings forkSettings(Submission submission, GradeRequest request, TestSuite suite,
                                      Path runDir, Set<String> graded, Calibration calibration,
                                      String mark, Optional<Sandbox> sandbox) throws IOException {
        // a class path's folder must exist when the fork starts, or the JVM ignores it
        Path classes = Files.createDirectories(runDir.resolve("classes"));
        List<Path> grader = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath()).toList();
        List<Path> judgeJars = JudgeJar.classpath(grader, runDir);
        GradingJvms jvms = GradingJvms.layOut(submission, request, suite, runDir, judgeJars, classes, sandbox,
                Map.of(RUN_TOKEN_VARIABLE, mark));
        List<Path> sealed = new ArrayList<>(List.of(suite.publicJar(), suite.hiddenJar(), suite.stubsJar(),
                suite.standInsJar(), suite.tasksJar()));
        sealed.addAll(suite.executorJars());
        grader.stream().filter(Files::isRegularFile).forEach(sealed::add);
        judgeJars.stream().filter(Files::isRegularFile).forEach(sealed::add);
        Optional.ofNullable(System.getProperty(OWN_ARCHIVE_PROPERTY)).map(Path::of).filter(Files::isRegularFile)
                .ifPresent(sealed::add);
        List<String> options = new ArrayList<>(List.of(
                "-Xmx" + GradingJvms.TEST_JVM_HEAP,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:-UsePerfData",
                // no code of the grader's is ever attached to, from the submission's JVM or any other
                "-XX:+DisableAttachMechanism",
                // standard output carries the events alone
                "-XX:+DisplayVMOutputToStderr",
                "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8",
                // the tests' temporary folders lie where the submission's JVM sees them too
                "-Djava.io.tmpdir=" + jvms.work().resolve("tmp"),
                "-D" + EXECUTOR_COMMAND_PROPERTY + "=" + jvms.executorCommand(),
                // children the tests start run beside the submission's classes, in its sandbox
                "-D" + ChildJvm.CLASS_PATH_PROPERTY + "=" + String.join(File.pathSeparator,
                        jvms.executorClasspath().stream().map(Path::toString).toList()),
                "-D" + ChildJvm.LAUNCHER_PROPERTY + "=" + jvms.childLauncher(),
                // the report replaces the students' score table; listeners are chosen at start-up
                "-Djunit.platform.execution.listeners.deactivate=conclab.harness.ScoreTableListener",
                // the fork reads failures from Throwable's fields
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-D" + Timing.SCALE_PROPERTY + "=" + calibration.scale(),
                "-D" + Timing.ATTEMPTS_PROPERTY + "=" + request.timingAttempts()));
        String locale = System.getProperty(Messages.LOCALE_PROPERTY);
        if (locale != null) {
            options.add("-D" + Messages.LOCALE_PROPERTY + "=" + locale);
        }
        // the archive is sealed like the grader's jar: code under test could rewrite either
        List<Path> judgeSees = new ArrayList<>();
        ForkArchive.prepare(ChildJvm.javaExecutable(), List.copyOf(options), judgeJars).ifPresent(archive -> {
            options.addAll(ForkArchive.options(archive));
            sealed.add(archive);
            judgeSees.add(archive);
        });
        GradingJvms laidOut = jvms.seeing(judgeSees);
        Path sources = sandbox.isPresent() ? runDir.resolve("sources") : submission.sources();
        return new ForkSettings(ChildJvm.javaExecutable(), laidOut.judgeClasspath(), options,
                Files.readAllLines(laidOut.executorCommand()), runDir, sandbox.map(Sandbox::description),
                laidOut::wrap,
                List.of(suite.publicJar(), suite.hiddenJar()),
                Map.of(suite.publicJar().toString(), Visibility.Level.VISIBLE.jsonName(),
                        suite.hiddenJar().toString(), Visibility.Level.HIDDEN.jsonName()),
                graded, new CompileRequest(sources.toString(), classes.toString(),
                        suite.compileJars().stream().map(Path::toString).toList(),
                        List.of(suite.publicJar().toString()),
                        suite.stubsJar().toString()),
                request.testTimeout(), GradeRequest.GRACE, request.runTimeout(),
                request.outputLimitBytes(), FileSeal.of(sealed),
                Map.of(RUN_TOKEN_VARIABLE, mark), request.limits(),
                // read beside the first test JVM's start: no test runs before it has compiled
                CompletableFuture.supplyAsync(() -> {
                    try {
                        // the calibrated scale, which stretches the tests' own waits too
                        return TestTimeouts.fromSurefireReports(runDir.resolve("suite/reference-times"),
                                calibration.scale());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, Grader::daemon), testJvms(request, sandbox), whileTestsRun);
    }

    private static String graderHash() {
        try {
            return GraderJar.hash();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What the report names as the sandbox: its description, or {@code none}. */
    private static String sandboxName(Optional<Sandbox> sandbox) {
        return sandbox == null ? null : sandbox.map(Sandbox::description).orElse("none");
    }

    /** What a grading without a sandbox does not guarantee, and why there was none. */
    static String noSandboxWarning(GradeRequest request) {
        String why = request.sandbox() == conclab.grader.sandbox.SandboxMode.OFF ? "--sandbox off"
                : Sandbox.unavailableBecause();
        return "No sandbox (" + why + "): the submission ran as the grader's user, beside the grader's"
                + " processes and files, so nothing kept it from reading or changing them, this report"
                + " included, or from leaving processes behind. Grade untrusted code with a sandbox"
                + " (--sandbox require; see the README's \"Sandbox\").";
    }

    /** See {@code conclab.grader.fork.Executor}. */
    static final String EXECUTOR_COMMAND_PROPERTY = "conclab.executor.command";

    private static Report.GradedWith gradedWith(Submission submission, GradeRequest request,
                                                String suiteHash, String submissionHash,
                                                Instant startedAt, long start, long testsMs,
                                                Calibration calibration, Optional<Sandbox> sandbox) {
        return new Report.GradedWith(version(), suiteHash, submission.folder().toString(),
                submissionHash, jdk(), os(), startedAt.toString(),
                (System.nanoTime() - start) / 1_000_000, testsMs, limits(request, sandbox), courseRef(request),
                null, null, calibration, sandboxName(sandbox), graderHash());
    }

    private static Report.CourseRef courseRef(GradeRequest request) {
        return request.course() == null ? null
                : new Report.CourseRef(request.course().course(), request.course().assignment());
    }

    private static Report.Limits limits(GradeRequest request, Optional<Sandbox> sandbox) {
        return new Report.Limits(List.copyOf(new TreeSet<>(request.exercises())),
                request.testTimeout().toMillis(), request.runTimeout().toMillis(),
                request.timingScale(), request.forkHeap(), request.outputLimitBytes(),
                request.timingAttempts(), request.limits().runOutputBytes(), request.limits().maxProcesses(),
                request.limits().hangsPerExercise(), testJvms(request, sandbox));
    }

    /**
     * How many test JVMs run at once: as many as asked where each gets a work folder of its own
     * (the sandbox as root mounts a file system there for each), else one at a time, which share
     * the run's folder on this side. Before the sandbox is chosen, as many as asked.
     */
    private static int testJvms(GradeRequest request, Optional<Sandbox> sandbox) {
        return sandbox == null || sandbox.filter(Sandbox::asNobody).isPresent() ? request.limits().testJvms() : 1;
    }

    /** This grader's version. */
    public static String version() {
        try (InputStream in = Grader.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jdk() {
        return System.getProperty("java.vendor") + " " + Runtime.version();
    }

    private static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }


    /** The request named an exercise the suite does not have. */
    public static final class UnknownExercise extends Exception {
        private static final long serialVersionUID = 1L;

        public UnknownExercise(String message) {
            super(message);
        }
    }
}
