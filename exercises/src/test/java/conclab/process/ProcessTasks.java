package conclab.process;

import conclab.harness.RunsWithSubmission;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the tests' child JVMs run, beside the submission's classes. Each prints {@code key=value}
 * lines that the tests read back from {@link JvmProcess#output()}; the {@code os-} values come
 * from the JDK in the child, and the tests check them against the operating system's view from
 * outside ({@code CodeUnderTest}) before they believe them.
 */
@RunsWithSubmission
public final class ProcessTasks {

    private ProcessTasks() {
    }

    /** Prints the truth about the process it runs in, then what the student's code says. */
    static void report(List<String> args) {
        System.out.println("os-pid=" + ProcessHandle.current().pid());
        System.out.println("os-ppid="
                + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
        System.out.println("argc=" + args.size());
        for (int i = 0; i < args.size(); i++) {
            System.out.println("arg" + i + "=" + args.get(i));
        }
        System.out.flush();
        System.out.println("pid=" + CurrentProcess.pid());
        System.out.println("ppid=" + CurrentProcess.parentPid());
        System.out.println("name=" + CurrentProcess.name());
    }

    /** A task that reports who it is and what it was given. */
    public static final class Report implements Task {
        @Override
        public void run(List<String> args) {
            report(args);
        }
    }

    /**
     * A task that throws what it was given, in whatever JVM runs it: for {@code run()} called
     * directly, where the exception is the only thing the test needs to see.
     */
    public static final class ThrowsItsArgs implements Task {
        /** What the exception's message starts with, before the arguments. */
        static final String RAN_WITH = "ran with ";

        @Override
        public void run(List<String> args) {
            throw new IllegalStateException(RAN_WITH + args);
        }
    }

    /** A task that ends its child with an exception. */
    public static final class Failing implements Task {
        @Override
        public void run(List<String> args) {
            System.out.println("about to fail");
            throw new IllegalStateException("deliberate failure in the child");
        }
    }

    /** What {@link Gated} prints before it connects: in {@code output()} while it is held. */
    static final String AT_THE_GATE = "waiting at the gate";

    /**
     * A task gated by the test: it prints {@value #AT_THE_GATE}, connects to the test's port
     * (its only argument), sends its pid, and waits until the test sends {@code g} ("go") or
     * closes the connection. So the test, not the clock, decides when it ends; it gives up after
     * 30 s on its own.
     */
    public static final class Gated implements Task {
        @Override
        public void run(List<String> args) throws IOException {
            System.out.println(AT_THE_GATE);
            System.out.flush();
            try (Socket socket = connect(args.get(0))) {
                int answer = socket.getInputStream().read();
                System.out.println(answer == 'g' ? "released" : "gate closed");
            }
        }
    }

    /**
     * A task that does not let a {@code SIGTERM} end it at once: it connects to the test's port
     * (its only argument), sends its pid, and sleeps; asked to end, its JVM runs a shutdown hook
     * that waits until the test sends {@code g} or closes the connection. So after
     * {@code terminate()} the child is still alive, for as long as the test holds it, and ends
     * with the code of the signal (143) when let go. A forcible kill skips the hook. Nobody
     * asking, it ends after 30 s on its own.
     */
    public static final class Lingering implements Task {
        @Override
        public void run(List<String> args) throws IOException, InterruptedException {
            Socket socket = open(args.get(0));
            InputStream gate = socket.getInputStream();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (socket) {
                    gate.read();
                } catch (IOException e) {
                    // the gate closed: end
                }
            }, "lingering-hook"));
            sendPid(socket); // only now: the hook is there before the test can ask it to end
            Thread.sleep(30_000);
        }
    }

    /** What {@link Talker} prints before the gate: a line, then the first byte of 你. */
    static final byte[] BEFORE = {'b', 'e', 'f', 'o', 'r', 'e', '\n', (byte) 0xE4};

    /** What {@link Talker} prints in all: more than any pipe holds. */
    static String talk() {
        StringBuilder text = new StringBuilder("before\n你after\r\n");
        for (int i = 0; text.length() < 200_000; i++) {
            text.append("line ").append(i).append(" of what the talker says\n");
        }
        return text.append("end").toString();
    }

    /**
     * A task that prints a line and the first byte of a Chinese character, waits at the test's
     * gate (its only argument), then prints the character's other two bytes and more than any
     * pipe holds, 200 KB in all: exactly {@link #talk()}, its last line without a line break.
     * A parent that reads the output only after the child has ended waits forever; one that
     * decodes every {@code read()} on its own breaks the character that the gate split.
     */
    public static final class Talker implements Task {
        @Override
        public void run(List<String> args) throws IOException {
            PrintStream out = System.out;
            out.write(BEFORE);
            out.flush();
            try (Socket socket = connect(args.get(0))) {
                socket.getInputStream().read();
            }
            byte[] all = talk().getBytes(StandardCharsets.UTF_8);
            out.write(all, BEFORE.length, all.length - BEFORE.length);
            out.flush();
        }
    }

    /** Connects to the test's gate and tells it this process's pid: the test now holds it. */
    private static Socket connect(String port) throws IOException {
        Socket socket = open(port);
        try {
            sendPid(socket);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket open(String port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    Integer.parseInt(port)), 20_000);
            socket.setSoTimeout(30_000);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void sendPid(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The lecture's second style: a subclass overriding run(). */
    public static final class Greeter extends JvmProcess {

        /** Set by the constructor; the test changes it in the parent after construction. */
        private String note = "set by the constructor";

        /** What CurrentProcess.name() said while this instance was built. */
        private final String nameWhenBuilt = CurrentProcess.name();

        public Greeter(String... args) {
            super(args);
        }

        /** Changes the note, in the JVM this instance lives in (a method: no field crosses). */
        public void note(String note) {
            this.note = note;
        }

        @Override
        public void run() {
            report(args());
            System.out.println("note=" + note);
            System.out.println("self-name=" + name());
            System.out.println("name-when-built=" + nameWhenBuilt);
            String modifiable;
            try {
                args().add("one more");
                modifiable = "yes";
            } catch (UnsupportedOperationException e) {
                modifiable = "no";
            }
            System.out.println("args-modifiable=" + modifiable);
        }
    }

    /** A subclass that does not override run(): its child does nothing and ends with 0. */
    public static final class Quiet extends JvmProcess {
        public Quiet(String... args) {
            super(args);
        }
    }

    /** A subclass the child cannot rebuild: it has no {@code (String...)} constructor. */
    public static final class CountingProcess extends JvmProcess {

        public CountingProcess(int count) {
            super(String.valueOf(count));
        }

        @Override
        public void run() {
            System.out.println("counting to " + args().get(0));
        }
    }

    /** A task the child cannot create by name: it has no public no-argument constructor. */
    public static final class NeedsACount implements Task {

        private final int count;

        public NeedsACount(int count) {
            this.count = count;
        }

        @Override
        public void run(List<String> args) {
            System.out.println("counting to " + count);
        }
    }

    /** A task the child cannot reach by name: it is not public (its constructor is). */
    static final class Private implements Task {
        public Private() {
            // public, so that only the class's own access is wrong
        }

        @Override
        public void run(List<String> args) {
            System.out.println("private");
        }
    }

    /**
     * A fresh program of its own ({@code ChildJvm.command(FreshNames.class)}, no handle behind
     * it): prints its name and the names of four new handles, the third one renamed.
     */
    public static final class FreshNames {

        private FreshNames() {
        }

        public static void main(String[] args) {
            String first = JvmProcess.target(Report.class).name();
            String second = JvmProcess.target(Report.class).name();
            String renamed = JvmProcess.target(Report.class).name("worker").name();
            String fourth = JvmProcess.target(Report.class).name();
            System.out.println("main-name=" + CurrentProcess.name());
            System.out.println("names=" + String.join(",", first, second, renamed, fourth));
            System.out.flush();
        }
    }
}
