package conclab.grader.fork;

import conclab.boundary.Link;
import conclab.boundary.trusted.CallbackHost;
import conclab.boundary.trusted.StandIns;
import conclab.boundary.trusted.TrustedResolver;
import conclab.grader.io.Tokens;
import conclab.lab.ParentWatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The submission's JVM, as the trusted JVM that runs the tests starts and reaches it: a child
 * process (in the sandbox, where there is one) running {@code conclab.executor.ExecutorMain}
 * beside the submission's classes, connected back over loopback by proving a secret that only it
 * was given. Whatever it prints outside the connection, and every child of its, goes to the
 * output of the test that runs.
 */
final class Executor implements AutoCloseable {

    /** The file, one argument a line, holding the command that starts an executor (before its port). */
    static final String COMMAND_PROPERTY = "conclab.executor.command";
    /** System property of the test JVM: which test JVM of the run it is, from 1. */
    static final String FORK_PROPERTY = "conclab.fork.number";
    /** System property of the submission's JVM: which of the run it is, from 1. */
    public static final String GENERATION_PROPERTY = "conclab.executor.generation";
    static final String MAIN = "conclab.executor.ExecutorMain";

    private final Process process;
    private final List<String> launcher;
    private final ServerSocket server;
    private final String secret;
    private final OutputTail tail;
    private volatile Link link;

    private Executor(Process process, List<String> launcher, ServerSocket server, String secret,
                     Consumer<byte[]> output) {
        this.process = process;
        this.launcher = launcher;
        this.server = server;
        this.secret = secret;
        this.tail = new OutputTail(process.getInputStream(), output);
    }

    /**
     * Starts the executor the command file names, in {@code work}; what it prints outside the
     * connection goes to {@code output}.
     */
    static Executor start(Path commandFile, Path work, Consumer<byte[]> output) throws IOException {
        List<String> launcher = launcher();
        List<String> java = Files.readAllLines(commandFile, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(launcher);
        command.add(java.get(0));
        // which submission JVM of the run this is: 1, then 2 after a test JVM was replaced
        command.add("-D" + GENERATION_PROPERTY + "=" + Integer.getInteger(FORK_PROPERTY, 1));
        if (launcher.isEmpty()) {
            // without a sandbox to end it, it ends itself when this JVM ends
            command.add("-D" + ParentWatch.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        }
        command.addAll(java.subList(1, java.size()));
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        String secret = Tokens.random();
        command.add(MAIN);
        command.add(String.valueOf(server.getLocalPort()));
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((secret + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // it died at once: connect() says so
        }
        return new Executor(process, launcher, server, secret, output);
    }

    /**
     * Waits for the executor's connection, at most {@code bound}, and makes it the stand-ins'
     * link; {@code onOutput} receives what the submission prints.
     */
    Link connect(Duration bound, Consumer<byte[]> onOutput) throws IOException {
        long until = System.nanoTime() + bound.toNanos();
        server.setSoTimeout(100);
        try {
            while (System.nanoTime() < until) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (SocketTimeoutException e) {
                    if (!process.isAlive()) {
                        throw new IOException("the submission's JVM exited with status " + process.exitValue()
                                + " before it connected: " + tail.text());
                    }
                    continue;
                }
                if (proves(socket)) {
                    socket.setTcpNoDelay(true);
                    Link made = new Link(Link.Side.JUDGE, socket.getInputStream(), socket.getOutputStream(), socket,
                            new TrustedResolver(Executor.class.getClassLoader()));
                    made.serve(new CallbackHost(made.objects(), new TrustedResolver(Executor.class.getClassLoader())));
                    made.onOutput(onOutput);
                    StandIns.install(made);
                    link = made;
                    return made;
                }
                socket.close();
            }
            throw new IOException("the submission's JVM did not connect within " + bound.toMillis() + " ms: " + tail.text());
        } finally {
            // nothing else may connect: the one connection is made, or none will be
            server.close();
        }
    }

    private boolean proves(Socket socket) {
        try {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            byte[] expected = (secret + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] got = in.readNBytes(expected.length);
            socket.setSoTimeout(0);
            return java.security.MessageDigest.isEqual(expected, got);
        } catch (IOException e) {
            return false;
        }
    }

    /** What comes before a child JVM's command here: the submission's sandbox, if there is one. */
    private static List<String> launcher() throws IOException {
        String file = System.getProperty(conclab.lab.ChildJvm.LAUNCHER_PROPERTY);
        return file == null ? List.of() : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    }

    Process process() {
        return process;
    }

    /**
     * The submission's JVM itself: the process started, or, in a sandbox, the one the sandbox runs
     * as its command (pid 2 of its PID namespace, below the sandbox's own init).
     */
    ProcessHandle jvm() {
        if (launcher.isEmpty()) {
            return process.toHandle();
        }
        return process.descendants().filter(p -> NamespacedPids.innermost(p.pid()).orElse(-1) == 2)
                .findFirst().orElse(process.toHandle());
    }

    /**
     * How many processes the submission started that are still running: in a sandbox, every one
     * of its PID namespace but its init and its JVM, those handed over to the init included.
     */
    long leftovers() {
        if (launcher.isEmpty()) {
            return jvm().descendants().filter(ProcessHandle::isAlive).count();
        }
        return Math.max(0, process.descendants().filter(ProcessHandle::isAlive).count() - 2);
    }

    Link link() {
        return link;
    }

    /** The executor's exit status once it ended, waiting at most {@code bound}; empty if it runs on. */
    java.util.OptionalInt exitStatus(Duration bound) {
        try {
            return process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS)
                    ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalInt.empty();
        }
    }

    /** The last bytes it printed outside the connection, which tell why it died. */
    String tail() {
        return tail.text();
    }

    @Override
    public void close() {
        Link current = link;
        if (current != null) {
            current.close();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
