package conclab.grader.fork;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import conclab.grader.io.FileTrees;
import conclab.grader.submission.CompileOutcome;
import conclab.lab.ParentWatch;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parent's side of a run: starts the test JVMs, hands them the work, follows their events,
 * and keeps every test's deadline and the run's. The first test JVM compiles the submission and
 * lists the tests; each test JVM asks for the next test class when it is idle ({@link WorkQueue}),
 * and while the classes handed out all run long, another starts beside them, up to
 * {@link ForkSettings#testJvms}, each beside a submission's JVM of its own: the exercises are
 * independent, and most of a test's time is spent waiting (for a timeout, a child JVM, a reply),
 * so their waits overlap. A test JVM that overruns or dies
 * costs only the test it was running: the parent kills it with all it started, gives that test
 * its result, and a fresh one takes over the rest of its class and goes on with the work. Only a
 * test JVM that fails before it listed the tests fails the run.
 *
 * <p>The state below is shared by the test JVMs' followers, one thread each, and guarded by this
 * object's lock; each follower waits for its next event without it.
 */
public final class ForkedRun {

    /** How long the first fork may take to compile the submission and list the tests. */
    private static final Duration PREPARE_ALLOWANCE = Duration.ofSeconds(120);
    /** A fork is not started with less time than this left. */
    private static final Duration LEAST_FORK_TIME = Duration.ofSeconds(1);
    private static final Object END_OF_STREAM = new Object();
    /** A JVM started with -XX:+ExitOnOutOfMemoryError exits with this status when it runs out of memory. */
    private static final int OUT_OF_MEMORY_STATUS = 3;
    /** How long a piece of work runs before another test JVM starts beside it. */
    private static final Duration ANOTHER_AFTER = Duration.ofMillis(300);

    private final ForkSettings settings;
    private final long runDeadline;
    private final List<PlannedTest> plan = new ArrayList<>();
    private final Map<String, PlannedTest> planById = new LinkedHashMap<>();
    private final Map<String, RunOutcome.TestOutcome> results = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> measurements = new LinkedHashMap<>();
    private final List<RunOutcome.RunEvent> events = new ArrayList<>();
    private final WorkQueue work = new WorkQueue();
    /** When test JVMs ran tests: [start, end] in nanoseconds, one per test JVM that was given work. */
    private final List<long[]> busy = new ArrayList<>();
    /** The threads that follow the test JVMs beside the first's. */
    private final List<Thread> lanes = new ArrayList<>();
    private final List<Exception> laneFailures = new ArrayList<>();
    private CompileOutcome compiled;
    private Set<String> excluded = Set.of();
    private final HangLedger hangs;
    private long outputKept;
    private int forks;
    /** Set once the run stops handing out work: its time is up, or the grader's files changed. */
    private boolean stopped;
    /** When another test JVM starts, if the piece of work last handed out still runs then; 0 for never. */
    private long anotherAt;
    /** The lanes running now. */
    private int active;
    /** Set once a test JVM had to be killed, or died: from then on no more start beside those running. */
    private boolean troubled;
    private double boundaryRoundTripMs;

    private ForkedRun(ForkSettings settings) {
        this.settings = settings;
        this.runDeadline = System.nanoTime() + settings.runTimeout().toNanos();
        this.hangs = new HangLedger(settings.limits().hangsPerExercise());
    }

    /** Loads what reading the events needs (the JSON library takes a cold JVM a fifth of a second). */
    public static void warmUp() {
        try {
            Json.MAPPER.readValue("{\"type\":\"done\",\"leftovers\":0}", ForkEvent.class);
        } catch (IOException | RuntimeException e) {
            // only a head start was at stake
        }
    }

    /** Runs the suite to the end, or to the run's time bound, in as many forks as it takes. */
    public static RunOutcome run(ForkSettings settings) throws IOException, ForkFailure {
        return new ForkedRun(settings).runAll();
    }

    private RunOutcome runAll() throws IOException, ForkFailure {
        Path folder = settings.workDir().resolve("work");
        try {
            if (sharedWork()) {
                prepare(folder);
            }
            // the first test JVM compiles and lists the tests; others start beside it as the work needs
            new Lane(1).run(settings.compile());
            awaitLanes();
            while (true) {
                synchronized (this) {
                    // work is left when a test JVM that was killed put the rest of its class back
                    // just as the last other one was told there was none; else the tests cut
                    // short get their second chance
                    if (stopped || work.next(this::open).isEmpty() && noSecondChance()) {
                        break;
                    }
                }
                new Lane(1).run(null);
                awaitLanes();
            }
        } finally {
            if (sharedWork()) {
                FileTrees.delete(folder);
                sweepMarked("the run's test JVMs");
            }
        }
        // once more now that every process of the run is gone: what changed after the last test
        // JVM started would otherwise meet the next run unseen
        List<Path> changed = settings.sealed().changed();
        if (!changed.isEmpty() && events.stream().noneMatch(e -> e.type().equals("files_modified"))) {
            event("files_modified", "the test JVM changed files of the grader or of its test suite: " + changed);
        }
        return new RunOutcome(compiled, List.copyOf(plan), results, measurements, List.copyOf(events), busyMs(),
                boundaryRoundTripMs);
    }

    /**
     * Whether the test JVMs share the run's work folder on this side: they run at once, each in a
     * sandbox that mounts a file system of its own there, so the folder is made once and each
     * sees only its own. With one test JVM at a time, each gets the folder afresh.
     */
    private boolean sharedWork() {
        return settings.testJvms() > 1;
    }

    private static void prepare(Path work) throws IOException {
        FileTrees.delete(work);
        Files.createDirectories(work.resolve("tmp"));
    }

    /**
     * Starts another test JVM beside those running, if the run may have one more, work is
     * waiting, and no test JVM had to be killed yet: called when a piece of work has run for
     * {@link #ANOTHER_AFTER}. So a run whose
     * pieces all end at once (the stubs, which fail in milliseconds) pays for no test JVM it does
     * not need, and a run with long pieces soon has them side by side.
     */
    private void another() {
        anotherAt = 0;
        if (stopped || troubled || lanes.size() + 1 >= settings.testJvms() || work.pieces() == 0) {
            return;
        }
        int number = lanes.size() + 2;
        Thread thread = new Thread(() -> {
            try {
                new Lane(number).run(null);
            } catch (IOException | ForkFailure | RuntimeException e) {
                synchronized (this) {
                    laneFailures.add(e);
                }
            }
        }, "conclab-lane-" + number);
        thread.setDaemon(true);
        lanes.add(thread);
        thread.start();
    }

    /** Waits for the test JVMs beside the first, those they started too. */
    private void awaitLanes() throws IOException, ForkFailure {
        for (int joined = 0; ; joined++) {
            Thread lane;
            synchronized (this) {
                if (joined == lanes.size()) {
                    break;
                }
                lane = lanes.get(joined);
            }
            try {
                lane.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ForkFailure("interrupted while the tests ran");
            }
        }
        synchronized (this) {
            if (!laneFailures.isEmpty()) {
                Exception first = laneFailures.get(0);
                if (first instanceof IOException io) {
                    throw io;
                }
                throw new ForkFailure("a test JVM could not be run: " + first.getMessage());
            }
        }
    }

    /** How long at least one test JVM was running tests, in ms. */
    private synchronized long busyMs() {
        List<long[]> spans = new ArrayList<>(busy);
        spans.sort(java.util.Comparator.comparingLong(span -> span[0]));
        long total = 0;
        long end = Long.MIN_VALUE;
        for (long[] span : spans) {
            long from = Math.max(span[0], end);
            if (span[1] > from) {
                total += span[1] - from;
            }
            end = Math.max(end, span[1]);
        }
        return total / 1_000_000;
    }

    /**
     * One of the test JVMs that run at once, and those that take its place: it runs until no work
     * is left. When its test JVM overran or died, the rest of its class goes to the others while
     * any run, else to a fresh one in its place.
     */
    private final class Lane {
        private final int number;

        Lane(int number) {
            this.number = number;
        }

        void run(CompileRequest compile) throws IOException, ForkFailure {
            synchronized (ForkedRun.this) {
                active++;
            }
            try {
                runForks(compile);
            } finally {
                synchronized (ForkedRun.this) {
                    active--;
                }
            }
        }

        private void runForks(CompileRequest compile) throws IOException, ForkFailure {
            List<PlannedTest> resume = List.of();
            boolean first = compile != null;
            while (true) {
                synchronized (ForkedRun.this) {
                    if (!first && !mayStart(resume)) {
                        return;
                    }
                }
                Fork fork = new Fork(resume);
                boolean done = fork.run(first ? compile : null);
                first = false;
                synchronized (ForkedRun.this) {
                    resume = fork.unfinished();
                    if (done) {
                        return; // no work was left for it
                    }
                    if (fork.results == 0 && !resume.isEmpty()) {
                        event("no_progress", "a test JVM ended without a result for any of the "
                                + resume.size() + " tests it was given");
                        giveUp(resume, "not_run", "Not run: the test JVM could not find or run this test.");
                        resume = List.of();
                    }
                    // a test JVM had to be killed: the submission hangs, spins or crashes, and
                    // more test JVMs beside it would only slow each other, and a spinning test
                    // beside the tests of another exercise takes their core; while others run,
                    // they take over its work and it is not replaced
                    troubled = true;
                    if (active > 1) {
                        work.putBack(resume);
                        return;
                    }
                    if (!resume.isEmpty() || work.size() > 0) {
                        event("fork_restarted", "a fresh test JVM takes the place of test JVM " + fork.number
                                + (resume.isEmpty() ? "" : " and runs the " + resume.size()
                                        + " tests of its class it did not get to"));
                    }
                }
            }
        }

        /**
         * Whether a fresh test JVM may start with {@code resume} and the work left: there is some,
         * and neither the run's time nor its files say stop (then the rest is given up).
         */
        private boolean mayStart(List<PlannedTest> resume) {
            if (stopped || resume.isEmpty() && work.next(ForkedRun.this::open).isEmpty()) {
                return false;
            }
            List<Path> changed = settings.sealed().changed();
            if (!changed.isEmpty()) {
                stop();
                event("files_modified", "the test JVM changed files of the grader or of its test"
                        + " suite, so no further test runs: " + changed);
                giveUp(pending(), "error", "Not run: the submission changed the grader's files during the run.");
                return false;
            }
            if (runDeadline - System.nanoTime() < LEAST_FORK_TIME.toNanos()) {
                stop();
                List<PlannedTest> pending = pending();
                event("time_limit", "the run's time limit of " + seconds(settings.runTimeout())
                        + " was reached; " + pending.size() + " tests did not run");
                giveUp(pending, "not_run", "Not run: the grading run's time limit was reached before this test.");
                return false;
            }
            return true;
        }
    }

    private void stop() {
        stopped = true;
        work.clear();
    }

    /** Queues the tests cut short for their second chance; true when there are none. */
    private boolean noSecondChance() {
        List<PlannedTest> again = secondChance();
        work.add(again, t -> 0);
        return again.isEmpty();
    }

    /** The tests killed at a derived timeout that may run again (see {@link HangLedger#secondChance}). */
    private List<PlannedTest> secondChance() {
        List<PlannedTest> again = hangs.secondChance(plan);
        if (!again.isEmpty()) {
            again.forEach(t -> {
                results.remove(t.id());
                measurements.remove(t.id());
            });
            event("second_chance", again.size() + " tests killed at their shorter timeout run again"
                    + " with their own: " + again.stream().map(PlannedTest::id).toList());
        }
        return again;
    }

    /** The tests that still want a result, wherever they are: waiting, or in a test JVM's hands. */
    private List<PlannedTest> pending() {
        return plan.stream().filter(this::open).toList();
    }

    private void giveUp(List<PlannedTest> tests, String status, String why) {
        tests.forEach(test -> result(test, status, 0, why));
    }

    /** Whether {@code test} still wants a result: it is graded, and has none yet. */
    private boolean open(PlannedTest test) {
        return !excluded.contains(test.exercise()) && !results.containsKey(test.id());
    }

    /**
     * One test JVM (with the submission's JVM it starts), from its start to its end: what it was
     * given, what it ran, and the deadlines of the test it runs.
     */
    private final class Fork {
        private final int number;
        /** The tests of a class its predecessor did not get to: its first work. */
        private final List<PlannedTest> resume;
        /** The work it was last given. */
        private List<PlannedTest> given = List.of();
        /** How many results it gave. */
        private int results;
        private ProcessCap cap;
        private DataOutputStream input;
        private long busySince;

        Fork(List<PlannedTest> resume) {
            synchronized (ForkedRun.this) {
                this.number = ++forks;
            }
            this.resume = resume;
        }

        /** The tests it was given that have no result yet: a fresh test JVM's first work. */
        List<PlannedTest> unfinished() {
            return given.stream().filter(ForkedRun.this::open).toList();
        }

        /**
         * Runs the test JVM until it is done, dies, or overruns a deadline.
         *
         * @return whether it said it was done: no work was left for it
         */
        boolean run(CompileRequest compile) throws IOException, ForkFailure {
            // one place for each test JVM of the run, empty at its start, which a sandbox can name
            Path work = settings.workDir().resolve("work");
            if (!sharedWork()) {
                prepare(work);
            }
            Process fork = start(work, compile);
            OutputTail output = new OutputTail(fork.getErrorStream());
            boolean done = false;
            // with test JVMs side by side, the run's mark is on all of them: each counts what is below it
            Map<String, String> marks = sharedWork() ? Map.of() : settings.environment();
            try (ProcessCap cap = ProcessCap.watch(fork, marks, settings.limits().maxProcesses())) {
                this.cap = cap;
                done = follow(fork, output, new ForkConfig(
                        settings.suiteJars().stream().map(Path::toString).toList(),
                        settings.exercises(), compile != null,
                        settings.visibilityByJar(), settings.testTimeout().toMillis(),
                        settings.outputLimitBytes()));
            } finally {
                synchronized (ForkedRun.this) {
                    if (busySince != 0) {
                        busy.add(new long[] {busySince, System.nanoTime()});
                    }
                }
                // a fork that is done halts by itself, and what it started ends with it; else what it
                // started goes first, while it can still be found from it, then the fork; then
                // whatever escaped, by its mark
                int killed = 0;
                if (!(done && waitForExit(fork))) {
                    killed = ProcessTree.killDescendants(fork.toHandle());
                    ProcessTree.kill(fork.toHandle());
                }
                killed += ProcessTree.killDescendants(fork.toHandle());
                if (killed > 0) {
                    event("processes_killed", killed + " processes started by test JVM " + number
                            + " were still running and were killed");
                }
                if (!sharedWork()) {
                    sweepMarked("test JVM " + number);
                    FileTrees.delete(work);
                }
            }
            return done;
        }

        private Process start(Path work, CompileRequest compile) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(settings.java().toString());
            command.addAll(settings.jvmOptions());
            // the fork ends itself when the grader ends, even if the grader dies before it is up
            // (in a sandbox, its parent is the sandbox, which ends with the grader)
            if (settings.sandbox().isEmpty()) {
                command.add("-D" + ParentWatch.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
            }
            command.add("-D" + Executor.FORK_PROPERTY + "=" + number);
            command.add("-cp");
            command.add(String.join(File.pathSeparator,
                    settings.classpath().stream().map(Path::toString).toList()));
            command.add(ForkMain.class.getName());
            if (compile != null) {
                command.addAll(compile.arguments());
            }
            ProcessBuilder builder = new ProcessBuilder(settings.wrap().apply(command)).directory(work.toFile());
            builder.environment().putAll(settings.environment());
            return builder.start();
        }

        private boolean follow(Process fork, OutputTail output, ForkConfig config) throws IOException, ForkFailure {
            // the configuration, the suite's jars and then the work go on the fork's own standard
            // input, and its events come back on its standard output: no other process can read or
            // write there
            input = new DataOutputStream(new java.io.BufferedOutputStream(fork.getOutputStream(), 1 << 16));
            try {
                input.write(Json.MAPPER.writeValueAsBytes(config));
                input.write('\n');
                for (Path jar : settings.suiteJars()) {
                    byte[] bytes = Files.readAllBytes(jar);
                    input.writeInt(bytes.length);
                    input.write(bytes);
                }
                input.flush();
            } catch (IOException e) {
                // the fork died at once: its end says why
            }
            BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> read(fork.getInputStream(), queue), "conclab-fork-events");
            reader.setDaemon(true);
            reader.start();
            try {
                Watch watch = new Watch();
                long idleDeadline;
                synchronized (ForkedRun.this) {
                    idleDeadline = System.nanoTime() + (plan.isEmpty() ? PREPARE_ALLOWANCE.toNanos() : idleAllowance());
                }
                while (true) {
                    long deadline = Math.min(runDeadline, watch.current != null ? watch.testDeadline : idleDeadline);
                    long wake;
                    synchronized (ForkedRun.this) {
                        wake = anotherAt == 0 ? deadline : Math.min(deadline, anotherAt);
                    }
                    Object next = queue.poll(Math.max(0, wake - System.nanoTime()), TimeUnit.NANOSECONDS);
                    synchronized (ForkedRun.this) {
                        if (anotherAt != 0 && System.nanoTime() >= anotherAt) {
                            another();
                        }
                        if (next == null && System.nanoTime() < deadline) {
                            continue;
                        }
                        if (next == null) {
                            overran(watch.current, deadline == runDeadline,
                                    (System.nanoTime() - watch.testStarted) / 1_000_000, watch.announcedMs);
                            return false;
                        }
                        if (next == END_OF_STREAM) {
                            String status = fork.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(fork.exitValue()) : "unknown";
                            died("test JVM", status, output.text(), watch.current, settings.jvmOptions());
                            return false;
                        }
                        if (next instanceof ForkEvent.ExecutorEnded e) {
                            died("submission's JVM", String.valueOf(e.status()), e.output(), watch.current,
                                    settings.executorOptions());
                            return false;
                        }
                        if (next instanceof String unreadable) {
                            broken(watch.current, unreadable);
                            return false;
                        }
                        idleDeadline = System.nanoTime() + idleAllowance();
                        Boolean end = handle((ForkEvent) next, watch);
                        if (end != null) {
                            return end;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ForkFailure("interrupted while the tests ran");
            } finally {
                try {
                    input.close();
                } catch (IOException e) {
                    // it is gone
                }
            }
        }

        /** Handles one event, with the run's lock held: whether the fork is done, or null while it goes on. */
        private Boolean handle(ForkEvent event, Watch watch) throws ForkFailure {
            if (event instanceof ForkEvent.Compiled c && compiled == null) {
                compiled = c.outcome();
                excluded = Set.copyOf(c.excluded());
            } else if (event instanceof ForkEvent.Boundary b && boundaryRoundTripMs == 0) {
                boundaryRoundTripMs = Math.max(0, b.roundTripMicros()) / 1000.0;
            } else if (event instanceof ForkEvent.Plan p && plan.isEmpty()) {
                p.tests().forEach(test -> planById.putIfAbsent(test.id(), test));
                plan.addAll(planById.values());
                TestTimeouts timeouts = settings.timeouts().join();
                work.add(pending(), timeouts::expectedMs);
                Thread sideWork = new Thread(settings.whileTestsRun(), "conclab-while-tests");
                sideWork.setDaemon(true);
                sideWork.start();
            } else if (event instanceof ForkEvent.Idle) {
                give();
            } else if (event instanceof ForkEvent.Started s) {
                PlannedTest test = planById.get(s.id());
                if (test != null && !ForkedRun.this.results.containsKey(test.id())) {
                    watch.started(test);
                }
            } else if (event instanceof ForkEvent.Waiting w) {
                watch.waiting(w.boundMs());
            } else if (event instanceof ForkEvent.Entry e) {
                if (planById.containsKey(e.id()) && !ForkedRun.this.results.containsKey(e.id())) {
                    measurements.computeIfAbsent(e.id(), k -> new LinkedHashMap<>()).putAll(e.values());
                }
            } else if (event instanceof ForkEvent.Finished f) {
                PlannedTest test = planById.get(f.id());
                if (test != null && !ForkedRun.this.results.containsKey(test.id())) {
                    ForkedRun.this.results.put(test.id(), new RunOutcome.TestOutcome(f.status(), f.durationMs(),
                            f.message(), f.messageLength(), keep(f.output(), f.outputBytes()), f.outputBytes(),
                            Math.max(1, f.attempts()), f.hint()));
                    results++;
                    if (f.status().equals("passed")) {
                        hangs.passed(test);
                    } else if (f.status().equals("timeout")) {
                        hung(test, false);
                        // JUnit failed the test but could not stop its thread, which may spin
                        // on and skew every later test: the rest run in a fresh fork
                        event("fork_replaced", test.id() + " timed out; its thread may still"
                                + " run, so the tests after it run in a fresh test JVM");
                        return false;
                    }
                }
                if (test == watch.current) {
                    watch.current = null;
                }
            } else if (event instanceof ForkEvent.Done d) {
                if (d.leftovers() > 0) {
                    event("processes_killed", d.leftovers() + " processes the submission started in test JVM "
                            + number + " were still running and were killed");
                }
                return true;
            }
            return null;
        }

        /**
         * Gives the idle test JVM its next work: what its predecessor left, else the next class
         * waiting; or, when none is left or the run stops, nothing, which ends it.
         */
        private void give() {
            List<PlannedTest> next = List.of();
            if (given.isEmpty() && !resume.isEmpty()) {
                next = resume.stream().filter(ForkedRun.this::open).toList();
            }
            if (next.isEmpty() && !stopped) {
                next = work.take(ForkedRun.this::open).orElse(List.of());
            }
            given = next;
            try {
                input.write(Json.MAPPER.writeValueAsBytes(next.stream().map(PlannedTest::uniqueId).toList()));
                input.write('\n');
                input.flush();
            } catch (IOException e) {
                // it died: its end says why, and the work goes to the next
            }
            if (!next.isEmpty()) {
                long now = System.nanoTime();
                busySince = busySince == 0 ? now : busySince;
                anotherAt = now + ANOTHER_AFTER.toNanos();
            }
        }

        /** The test it blames when it ended between tests: the next of its work, else the next waiting. */
        private PlannedTest next() {
            return given.stream().filter(ForkedRun.this::open).findFirst()
                    .or(() -> work.next(ForkedRun.this::open)).orElse(null);
        }

        /**
         * A deadline passed: the run's, or the running test's ({@code ranMs} after it started, with
         * the longest wait it announced), or the fork went quiet between tests.
         */
        private void overran(PlannedTest current, boolean runLimit, long ranMs, long announcedMs) throws ForkFailure {
            if (plan.isEmpty()) {
                throw new ForkFailure("the test JVM did not " + (compiled == null
                        ? "compile the submission" : "list the tests") + " in time, and was killed");
            }
            if (runLimit) {
                if (current != null) {
                    result(current, "timeout", 0, "Stopped: the grading run's time limit was reached while this test ran.");
                }
                return;
            }
            PlannedTest blamed = current != null ? current : next();
            long allowed = current == null ? 0 : allowedMs(current);
            String why = current == null
                    ? "The test JVM stopped responding before this test started (for instance in a"
                            + " static initialiser or a @BeforeAll), so it was killed."
                    : (allowed < current.timeoutMs()
                            ? "This test ran past " + allowed + " ms, " + settings.timeouts().join().describe(current)
                                    + (announcedMs > 0 ? " and past the end of the " + announcedMs
                                            + " ms it waited on purpose (it ran " + ranMs + " ms)" : "")
                            : "This test ran past its timeout of " + current.timeoutMs() + " ms")
                            + " and did not stop, so its test JVM was killed. Look for a loop or a"
                            + " blocking call (receive, accept, read, join) without a timeout.";
            event("fork_killed", (blamed == null ? "a test JVM" : blamed.id()) + ": " + why);
            if (blamed != null) {
                result(blamed, "timeout", current != null ? ranMs : 0, why);
                hung(blamed, current != null && allowed < current.timeoutMs());
            }
        }

        /**
         * A JVM of the run ended, with {@code status}: the test JVM, or the submission's, whose end
         * ends the test JVM too. The test that ran is blamed, or, between tests, the next one.
         */
        private void died(String whose, String status, String outputText, PlannedTest current, List<String> options)
                throws ForkFailure {
            if (plan.isEmpty()) {
                throw new ForkFailure("the " + whose + " exited with status " + status + " before the test JVM "
                        + (compiled == null ? "compiled the submission" : "listed the tests")
                        + (outputText.isEmpty() ? "" : "; its output: " + outputText));
            }
            PlannedTest blamed = current != null ? current : next();
            if (blamed == null) {
                return; // it ended after its last test: nothing was lost
            }
            String when = current != null ? " while this test ran" : " before this test started";
            String why;
            if (cap.exceededWith() > 0) {
                why = "Stopped: the run had " + cap.exceededWith() + " processes alive, more than its limit of "
                        + cap.max() + ", so the test JVM was killed with all of them" + when
                        + ". Look for code that starts processes in a loop without waiting for them.";
            } else if (status.equals(String.valueOf(OUT_OF_MEMORY_STATUS)) && outputText.contains("OutOfMemoryError")) {
                why = "Crashed: the " + whose + " ran out of memory (its heap is " + heap(options) + ")" + when
                        + ". Look for a collection or a buffer that grows without end.";
            } else if (!status.equals("unknown") && Integer.parseInt(status) > 128) {
                why = "Crashed: the " + whose + " was killed by signal " + (Integer.parseInt(status) - 128) + when + ".";
            } else {
                why = "Crashed: the " + whose + " exited with status " + status + when
                        + " (System.exit, Runtime.halt or a crash of the JVM).";
            }
            event("fork_exited", blamed.id() + ": " + why);
            result(blamed, "error", 0, why);
        }

        private void broken(PlannedTest current, String unreadable) throws ForkFailure {
            if (plan.isEmpty()) {
                throw new ForkFailure("the test JVM sent an unreadable event: " + unreadable);
            }
            PlannedTest blamed = current != null ? current : next();
            String why = "The test JVM sent an event the grader cannot read while this test ran, so it"
                    + " was stopped: " + unreadable;
            event("protocol_error", (blamed == null ? "a test JVM" : blamed.id()) + ": " + why);
            if (blamed != null) {
                result(blamed, "error", 0, why);
            }
        }

        /** Records a result the parent decided for a test of this fork's, unless it already has one. */
        private void result(PlannedTest test, String status, long durationMs, String why) {
            if (open(test)) {
                results++;
            }
            ForkedRun.this.result(test, status, durationMs, why);
        }
    }

    /** The deadlines of the test a fork runs: its own, and the end of a wait it announced. */
    private final class Watch {
        PlannedTest current;
        long testDeadline;
        long declaredDeadline;
        long testStarted;
        long announcedMs;

        void started(PlannedTest test) {
            current = test;
            long now = System.nanoTime();
            testStarted = now;
            announcedMs = 0;
            long allowed = allowedMs(test);
            // JUnit enforces the declared timeout, the parent a shorter derived one
            declaredDeadline = now + TimeUnit.MILLISECONDS.toNanos(test.timeoutMs()) + settings.grace().toNanos();
            testDeadline = allowed < test.timeoutMs() ? now + TimeUnit.MILLISECONDS.toNanos(allowed) : declaredDeadline;
        }

        void waiting(long boundMs) {
            if (current != null) {
                announcedMs = Math.max(announcedMs, boundMs);
                // the test waits on purpose: a wrong implementation fails after that wait
                // with the test's own message, and only what comes after it is judged
                long waitEnds = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                        Math.max(0, boundMs) + settings.timeouts().join().afterWaitMs());
                testDeadline = Math.max(testDeadline, Math.min(waitEnds, declaredDeadline));
            }
        }
    }

    /** Kills the processes that carry the run's mark and escaped the test JVMs' trees. */
    private void sweepMarked(String whose) {
        int killed = settings.environment().entrySet().stream()
                .mapToInt(mark -> ProcessTree.killMarked(mark.getKey(), mark.getValue())).sum();
        if (killed > 0) {
            event("processes_killed", killed + " processes started by " + whose
                    + " were still running and were killed");
        }
    }

    /**
     * Counts a test that hung against its exercise; at the limit (see {@link HangLedger}), the
     * exercise's remaining tests are given up, so that a submission that hangs everywhere is
     * still graded in bounded time.
     */
    private void hung(PlannedTest test, boolean cutShort) {
        int hangs = this.hangs.hung(test, cutShort);
        if (hangs == 0) {
            return;
        }
        List<PlannedTest> rest = pending().stream().filter(t -> t.exercise().equals(test.exercise())).toList();
        if (rest.isEmpty()) {
            return;
        }
        event("exercise_gave_up", test.exercise() + ": " + hangs + " of its tests hung, so its "
                + rest.size() + " remaining tests were not run");
        giveUp(rest, "not_run", "Not run: " + hangs + " earlier tests of this exercise hung (ran past"
                + " their timeouts, or a call never returned) and none passed, so its remaining tests"
                + " were given up to keep the run bounded. Find the loop or blocking call that never"
                + " ends, then grade again.");
    }

    /**
     * A test's output, unless the run has kept as much output as it may: then only a marker that
     * says how much there was.
     */
    private String keep(String output, long bytes) {
        if (output.isEmpty()) {
            return output;
        }
        long room = settings.limits().runOutputBytes() - outputKept;
        byte[] utf8 = output.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= room) {
            outputKept += utf8.length;
            return output;
        }
        outputKept = settings.limits().runOutputBytes();
        String marker = "[output not kept: the run's output limit of " + settings.limits().runOutputBytes()
                + " bytes was reached; this test printed " + bytes + " bytes]";
        if (room <= 0) {
            return marker;
        }
        // cut on a character's boundary: a UTF-8 continuation byte is 10xxxxxx
        int cut = (int) room;
        while (cut > 0 && (utf8[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return new String(utf8, 0, cut, StandardCharsets.UTF_8) + "\n" + marker;
    }

    /** Records a result the parent decided, unless the test already has one. */
    private synchronized void result(PlannedTest test, String status, long durationMs, String why) {
        results.putIfAbsent(test.id(), new RunOutcome.TestOutcome(status, durationMs, why, why.length(), "", 0));
    }

    private static boolean waitForExit(Process fork) {
        try {
            return fork.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private long allowedMs(PlannedTest test) {
        return hangs.fullTimeout(test) ? test.timeoutMs() : settings.timeouts().join().allowedMs(test);
    }

    private static String heap(List<String> options) {
        return options.stream().filter(o -> o.startsWith("-Xmx"))
                .map(o -> o.substring(4)).reduce((a, b) -> b).orElse("the JVM's default");
    }

    private long idleAllowance() {
        return settings.testTimeout().plus(settings.grace()).toNanos();
    }

    private synchronized void event(String type, String detail) {
        events.add(new RunOutcome.RunEvent(type, detail));
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static void read(InputStream events, BlockingQueue<Object> queue) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(events, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                try {
                    queue.add(Json.MAPPER.readValue(line, ForkEvent.class));
                } catch (JsonProcessingException e) {
                    queue.add(e.getOriginalMessage());
                    return;
                }
            }
        } catch (IOException e) {
            // a broken pipe ends like a closed one: the fork is gone
        } finally {
            queue.add(END_OF_STREAM);
        }
    }

    /**
     * The JSON mapper, in a class of its own: the warm-up builds it on a side thread, and the
     * first fork must not wait for that before it starts, as it would if ForkedRun held it.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** The run could not go on: the first test JVM failed before it listed the tests. */
    public static final class ForkFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public ForkFailure(String message) {
            super(message);
        }
    }
}
