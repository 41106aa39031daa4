package conclab.grader.fork;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import conclab.boundary.Link;
import conclab.harness.CodeUnderTest;
import conclab.lab.ParentWatch;
import conclab.grader.submission.CompileOutcome;
import conclab.grader.submission.SubmissionCompiler;
import conclab.grader.suite.TestSuite;
import conclab.harness.BoundedWait;
import conclab.harness.Timing;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The entry point of a test JVM: {@code ForkMain [--compile ...]} (see {@link CompileRequest}),
 * talking to the grader over its standard input and output ({@link EventChannel}). Compiles the
 * submission if asked to, starts the submission's JVM beside it, loads the pristine tests from the
 * jars the grader sends, lists them if asked to, runs the tests the grader hands it a class at a
 * time until it hands none, and halts.
 *
 * <p>No class of the submission's is ever loaded here: the exercises' classes are the grader's
 * stand-ins, which forward every call to the submission's JVM ({@link Executor}).
 */
public final class ForkMain {

    /** Exit status of a fork that finished its work. */
    public static final int DONE = 0;
    /** Exit status of a fork that could not do its work; the reason is on its standard error. */
    public static final int FAILED = 70;

    private ForkMain() {
    }

    public static void main(String[] args) {
        ParentWatch.start();
        PrintStream realErr = System.err;
        try {
            EventChannel channel = new EventChannel();
            Timing.scale();
            Timing.attempts();
            // the compiler starts first: it is the longest step before the first test
            CompileRequest compile = args.length == 0 ? null : CompileRequest.parse(args);
            CompletableFuture<CompileOutcome> compiling = compile == null ? null
                    : CompletableFuture.supplyAsync(() -> compile(compile), ForkMain::daemon);
            // then the submission's JVM, which loads no class of the submission's before the
            // first test calls it, when the compiler is long done
            OutputRelay relay = new OutputRelay();
            Executor executor = Executor.start(Path.of(System.getProperty(Executor.COMMAND_PROPERTY)),
                    Path.of("").toAbsolutePath(), relay);
            run(channel, compile, compiling, executor, relay);
            Runtime.getRuntime().halt(DONE);
        } catch (Throwable e) {
            e.printStackTrace(realErr);
            realErr.flush();
            Runtime.getRuntime().halt(FAILED);
        }
    }

    private static void run(EventChannel channel, CompileRequest compileRequest,
                            CompletableFuture<CompileOutcome> compiling, Executor executor,
                            OutputRelay relay) throws Exception {
        ForkConfig config = channel.receiveConfig();
        SuiteLoader suite = new SuiteLoader(ForkMain.class.getClassLoader());
        for (String jar : config.suiteJars()) {
            suite.add(jar, channel.receiveJar());
        }
        OutputCapture capture = new OutputCapture(config.outputLimitBytes());
        relay.to(capture);
        PrintStream captured = new PrintStream(capture, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);
        // the tests, and every thread they start, find their classes in the suite
        Thread.currentThread().setContextClassLoader(suite);
        try (LauncherSession session = LauncherFactory.openSession()) {
            // JUnit starts up while the compiler runs
            Launcher launcher = session.getLauncher();
            launcher.discover(base(config).selectors(selectClass(DiscoveryWarmUp.class)).build());
            if (compiling != null) {
                channel.send(excluding(config, compileRequest, compiling.join()));
            }
            connect(executor, relay, channel);
            TestPlanner planner = new TestPlanner(config);
            if (config.plan()) {
                // the run's first fork reports every test, those it will not run included
                channel.send(new ForkEvent.Plan(List.copyOf(
                        planner.plan(launcher.discover(request(config, suite).build())).values())));
            }
            BoundedWait.listen(bound -> channel.send(new ForkEvent.Waiting(bound.toMillis())));
            // then it runs what the grader gives it, one piece at a time, until it gives none:
            // the grader hands out the work of the run to the test JVMs it runs at once
            while (true) {
                channel.send(new ForkEvent.Idle());
                List<String> work = channel.receiveWork();
                if (work.isEmpty()) {
                    break;
                }
                TestPlan plan = launcher.discover(base(config).selectors(work.stream()
                        .map(DiscoverySelectors::selectUniqueId).toList()).build());
                launcher.execute(plan, new ForkListener(channel, capture, planner.plan(plan)));
            }
        }
        ended.finishing = true;
        channel.send(new ForkEvent.Done(executor.leftovers()));
    }

    /** What the test JVM knows of the submission's JVM's end. */
    private static final class Ending {
        /** The test JVM is done: the submission's JVM may go. */
        volatile boolean finishing;
        /** The submission's JVM went before the tests were done. */
        volatile boolean gone;
    }

    private static final Ending ended = new Ending();

    /**
     * Connects the stand-ins to the submission's JVM. When that JVM goes before the tests are
     * done (it exited, crashed or ran out of memory), the parent is told why, and this JVM ends:
     * the tests not yet run resume beside a fresh one, as after a test JVM that died.
     */
    private static void connect(Executor executor, OutputRelay relay, EventChannel channel) throws IOException {
        Link link = executor.connect(EXECUTOR_CONNECT, relay);
        CodeUnderTest.install(new SubmissionObserver(link, executor.jvm()));
        channel.send(new ForkEvent.Boundary(roundTripMicros(link)));
        link.onBroken(() -> {
            if (ended.finishing) {
                return;
            }
            ended.gone = true;
            Thread reporter = new Thread(() -> {
                int status = executor.exitStatus(Duration.ofSeconds(2)).orElse(-1);
                try {
                    channel.send(new ForkEvent.ExecutorEnded(status, executor.tail()));
                } finally {
                    Runtime.getRuntime().halt(DONE);
                }
            }, "conclab-executor-ended");
            reporter.setDaemon(true);
            reporter.start();
        });
    }

    /** A call there and back that does nothing, the median of a few. */
    private static long roundTripMicros(Link link) {
        long[] micros = new long[21];
        for (int i = 0; i < micros.length; i++) {
            long start = System.nanoTime();
            try {
                link.call(new Link.Target.Static(Link.SYSTEM), Link.SYSTEM, "ping", "()V", new Class<?>[0], void.class);
            } catch (Throwable e) {
                return -1;
            }
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        java.util.Arrays.sort(micros);
        return micros[micros.length / 2];
    }

    /** Whether the submission's JVM went before the tests were done; then no test reports again. */
    static boolean executorGone() {
        return ended.gone;
    }

    /** How long the submission's JVM may take to start and connect. */
    private static final Duration EXECUTOR_CONNECT = Duration.ofSeconds(60);

    /** The submission's JVM's own output, for the test that runs, once there is one to give it to. */
    static final class OutputRelay implements java.util.function.Consumer<byte[]> {
        private volatile OutputCapture capture;

        void to(OutputCapture target) {
            capture = target;
        }

        @Override
        public void accept(byte[] bytes) {
            OutputCapture target = capture;
            if (target != null) {
                target.write(bytes, 0, bytes.length);
            }
        }
    }

    private static CompileOutcome compile(CompileRequest request) {
        try {
            return new SubmissionCompiler(request.classpath().stream().map(Path::of).toList(),
                    TestSuite.classNames(request.testJars().stream().map(Path::of).toList()))
                    .compile(Path.of(request.sources()), Path.of(request.classes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The outcome of compiling, with the graded exercises that have no compiled code: the stubs,
     * last on the class path, stand in for them so that their tests still load, and they are
     * reported as not run.
     */
    private static ForkEvent.Compiled excluding(ForkConfig config, CompileRequest request,
                                                CompileOutcome outcome) throws IOException {
        Set<String> excluded = new TreeSet<>(config.exercises().isEmpty()
                ? TestSuite.exercisesIn(Path.of(request.stubsJar())) : config.exercises());
        excluded.removeAll(outcome.compiledExercises());
        return new ForkEvent.Compiled(outcome, excluded);
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "conclab-compiler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Every test class of the suite, in the order of its jars and by name within each. */
    private static LauncherDiscoveryRequestBuilder request(ForkConfig config, SuiteLoader suite) {
        java.util.regex.Pattern testClass = java.util.regex.Pattern.compile(TestSuite.TEST_CLASS_NAMES);
        return base(config).selectors(suite.classNames().stream()
                        .filter(name -> testClass.matcher(name).matches())
                        .map(name -> selectClass(suite, name)).toList())
                .filters(new ExerciseFilter(config.exercises()));
    }

    private static LauncherDiscoveryRequestBuilder base(ForkConfig config) {
        return LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("junit.jupiter.execution.timeout.default",
                        config.testTimeoutMs() + " ms")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default",
                        "SEPARATE_THREAD")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false");
    }
}
