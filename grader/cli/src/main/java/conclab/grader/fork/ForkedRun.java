package conclab.grader.fork;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import conclab.grader.submission.CompileOutcome;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parent's side of a run: starts a fork, follows its events, and keeps every test's deadline
 * and the run's. A fork that overruns or dies costs only the test it was running: the parent
 * kills it with all it started, gives that test its result, and resumes with the tests not yet
 * run in a fresh fork.
 */
public final class ForkedRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOG_TAIL_BYTES = 2048;
    private static final Object END_OF_STREAM = new Object();

    private final ForkSettings settings;
    private final String token = newToken();
    private final long runDeadline;
    private final List<PlannedTest> plan = new ArrayList<>();
    private final Map<String, RunOutcome.TestOutcome> results = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> measurements = new LinkedHashMap<>();
    private final List<RunOutcome.RunEvent> events = new ArrayList<>();
    private boolean planned;
    private CompileOutcome compiled;
    private Set<String> excluded = Set.of();
    private int forks;

    private ForkedRun(ForkSettings settings) {
        this.settings = settings;
        this.runDeadline = System.nanoTime() + settings.runTimeout().toNanos();
    }

    /** Runs the suite to the end, or to the run's time bound, in as many forks as it takes. */
    public static RunOutcome run(ForkSettings settings) throws IOException, ForkFailure {
        return new ForkedRun(settings).runAll();
    }

    private RunOutcome runAll() throws IOException, ForkFailure {
        List<String> selection = List.of();
        while (true) {
            runFork(selection);
            List<PlannedTest> pending = pending();
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() >= runDeadline) {
                event("time_limit", "the run's time limit of " + settings.runTimeout().toSeconds()
                        + " s was reached; " + pending.size() + " tests did not run");
                for (PlannedTest test : pending) {
                    results.put(test.id(), new RunOutcome.TestOutcome("not_run", 0,
                            "Not run: the grading run's time limit was reached before this test.", "", 0));
                }
                break;
            }
            selection = pending.stream().map(PlannedTest::uniqueId).toList();
            event("fork_restarted", "a fresh test JVM runs the " + pending.size() + " tests not yet run");
        }
        return new RunOutcome(compiled, List.copyOf(plan), results, measurements, List.copyOf(events));
    }

    private List<PlannedTest> pending() {
        return plan.stream()
                .filter(t -> !excluded.contains(t.exercise()))
                .filter(t -> !results.containsKey(t.id()))
                .toList();
    }

    private void runFork(List<String> selection) throws IOException, ForkFailure {
        int number = ++forks;
        Path log = settings.runDir().resolve("fork-" + number + ".log");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // started first, so that the fork's JVM starts while the configuration is written
            Process fork = start(server.getLocalPort(), log, compiled == null ? settings.compile() : null);
            ForkConfig config = new ForkConfig(token,
                    settings.suiteJars().stream().map(Path::toString).toList(),
                    settings.exercises(), excluded, selection,
                    settings.visibilityByJar(), settings.testTimeout().toMillis(),
                    settings.outputLimitBytes());
            try {
                follow(fork, server, log, config);
            } finally {
                // first what it started, while they can still be found from it; then the fork
                // itself, which halts by itself when it is done
                int killed = ProcessTree.killDescendants(fork.toHandle());
                if (!waitForExit(fork)) {
                    ProcessTree.kill(fork.toHandle());
                }
                killed += settings.environment().entrySet().stream()
                        .mapToInt(mark -> ProcessTree.killMarked(mark.getKey(), mark.getValue())).sum();
                if (killed > 0) {
                    event("processes_killed", killed + " processes started by test JVM " + number
                            + " were still running and were killed");
                }
            }
        }
    }

    private Process start(int port, Path log, CompileRequest compile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(settings.java().toString());
        command.addAll(settings.jvmOptions());
        command.add("-cp");
        command.add(String.join(File.pathSeparator,
                settings.classpath().stream().map(Path::toString).toList()));
        command.add(ForkMain.class.getName());
        command.add(String.valueOf(port));
        if (compile != null) {
            command.addAll(compile.arguments());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(settings.workDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().putAll(settings.environment());
        return builder.start();
    }

    /** Follows one fork until it is done, dies, or overruns a deadline. */
    private void follow(Process fork, ServerSocket server, Path log, ForkConfig config)
            throws IOException, ForkFailure {
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        Socket socket = accept(fork, server, log);
        socket.getOutputStream().write(JSON.writeValueAsBytes(config));
        socket.getOutputStream().write('\n');
        socket.getOutputStream().flush();
        Thread reader = new Thread(() -> read(socket, queue), "conclab-fork-events");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean greeted = false;
            PlannedTest current = null;
            long currentDeadline = 0;
            long idleDeadline = System.nanoTime() + idleAllowance();
            while (true) {
                long deadline = Math.min(runDeadline, current != null ? currentDeadline : idleDeadline);
                Object next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    overran(fork, current, deadline == runDeadline);
                    return;
                }
                if (next == END_OF_STREAM) {
                    died(fork, current, log);
                    return;
                }
                idleDeadline = System.nanoTime() + idleAllowance();
                ForkEvent event = (ForkEvent) next;
                if (!greeted) {
                    if (!(event instanceof ForkEvent.Hello hello) || !token.equals(hello.token())) {
                        throw new ForkFailure("the test JVM did not identify itself; log: " + tail(log));
                    }
                    greeted = true;
                    continue;
                }
                if (event instanceof ForkEvent.Compiled c) {
                    if (compiled == null) {
                        compiled = c.outcome();
                        excluded = Set.copyOf(c.excluded());
                    }
                } else if (event instanceof ForkEvent.Plan p) {
                    if (!planned) {
                        plan.addAll(p.tests());
                        planned = true;
                    }
                } else if (event instanceof ForkEvent.Started s) {
                    current = planned(s.id()).orElse(null);
                    if (current != null) {
                        currentDeadline = System.nanoTime()
                                + TimeUnit.MILLISECONDS.toNanos(current.timeoutMs())
                                + settings.grace().toNanos();
                    }
                } else if (event instanceof ForkEvent.Entry e) {
                    if (planned(e.id()).isPresent()) {
                        measurements.computeIfAbsent(e.id(), k -> new LinkedHashMap<>()).putAll(e.values());
                    }
                } else if (event instanceof ForkEvent.Finished f) {
                    if (planned(f.id()).isPresent() && !results.containsKey(f.id())) {
                        results.put(f.id(), new RunOutcome.TestOutcome(f.status(), f.durationMs(),
                                f.message(), f.output(), f.outputBytes()));
                    }
                    current = null;
                } else if (event instanceof ForkEvent.Done) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForkFailure("interrupted while the tests ran");
        } finally {
            socket.close();
        }
    }

    private Socket accept(Process fork, ServerSocket server, Path log) throws IOException, ForkFailure {
        long until = Math.min(runDeadline, System.nanoTime() + idleAllowance());
        server.setSoTimeout(200);
        while (System.nanoTime() < until) {
            try {
                return server.accept();
            } catch (SocketTimeoutException e) {
                if (!fork.isAlive()) {
                    throw new ForkFailure("the test JVM exited with status " + fork.exitValue()
                            + " before it connected; log: " + tail(log));
                }
            }
        }
        throw new ForkFailure("the test JVM did not connect in time; log: " + tail(log));
    }

    private void overran(Process fork, PlannedTest current, boolean runLimit) throws ForkFailure {
        ProcessTree.kill(fork.toHandle());
        if (compiled == null || !planned) {
            throw new ForkFailure("the test JVM did not " + (compiled == null
                    ? "compile the submission" : "list the tests") + " in time, and was killed");
        }
        if (runLimit) {
            if (current != null) {
                results.put(current.id(), new RunOutcome.TestOutcome("timeout", 0,
                        "Stopped: the grading run's time limit was reached while this test ran.", "", 0));
            }
            return;
        }
        PlannedTest blamed = current != null ? current : firstPending().orElse(null);
        String why = current != null
                ? "This test ran past its timeout of " + current.timeoutMs()
                        + " ms and did not stop, so its test JVM was killed. Look for a loop or a"
                        + " blocking call (receive, accept, read, join) without a timeout."
                : "The test JVM stopped responding before this test started (for instance in a"
                        + " static initialiser or a @BeforeAll), so it was killed.";
        event("fork_killed", (blamed == null ? "a test JVM" : blamed.id()) + ": " + why);
        if (blamed != null) {
            results.put(blamed.id(), new RunOutcome.TestOutcome("timeout",
                    current != null ? current.timeoutMs() + settings.grace().toMillis() : 0, why, "", 0));
        }
    }

    private void died(Process fork, PlannedTest current, Path log) throws ForkFailure, InterruptedException {
        if (!fork.waitFor(5, TimeUnit.SECONDS)) {
            ProcessTree.kill(fork.toHandle());
        }
        String status = fork.isAlive() ? "unknown" : String.valueOf(fork.exitValue());
        String logTail = tail(log);
        if (compiled == null || !planned) {
            throw new ForkFailure("the test JVM exited with status " + status + " before it "
                    + (compiled == null ? "compiled the submission" : "listed the tests")
                    + "; log: " + logTail);
        }
        PlannedTest blamed = current != null ? current : firstPending().orElse(null);
        if (blamed == null) {
            return; // it died after its last test: nothing was lost
        }
        String reason = logTail.contains("OutOfMemoryError")
                ? "the test JVM ran out of memory"
                : "the test JVM exited with status " + status;
        String why = "Crashed: " + reason + (current != null ? " while this test ran"
                : " before this test started") + " (System.exit, Runtime.halt or a crash of the JVM).";
        event("fork_exited", blamed.id() + ": " + why);
        results.put(blamed.id(), new RunOutcome.TestOutcome("error", 0, why, "", 0));
    }

    private static boolean waitForExit(Process fork) {
        try {
            return fork.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Optional<PlannedTest> firstPending() {
        return pending().stream().findFirst();
    }

    private Optional<PlannedTest> planned(String id) {
        return plan.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    private long idleAllowance() {
        return settings.testTimeout().plus(settings.grace()).toNanos();
    }

    private void event(String type, String detail) {
        events.add(new RunOutcome.RunEvent(type, detail));
    }

    private static void read(Socket socket, BlockingQueue<Object> queue) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                queue.add(JSON.readValue(line, ForkEvent.class));
            }
        } catch (IOException e) {
            // a broken stream ends like a closed one: the fork is gone or lying
        } finally {
            queue.add(END_OF_STREAM);
        }
    }

    private static String tail(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - LOG_TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The run could not go on: the test JVM failed before it could run any test. */
    public static final class ForkFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public ForkFailure(String message) {
            super(message);
        }
    }
}
