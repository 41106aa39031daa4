package conclab.process;

import conclab.harness.RunsWithSubmission;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the tests' child JVMs run. Each prints {@code key=value} lines that the tests read back
 * from {@link JvmProcess#output()}; the {@code os-} values come from the JDK itself, so that the
 * tests can check the student's answers against the truth.
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

    /** A task that ends its child with an exception. */
    public static final class Failing implements Task {
        @Override
        public void run(List<String> args) {
            System.out.println("about to fail");
            throw new IllegalStateException("deliberate failure in the child");
        }
    }

    /**
     * A task gated by the test: it connects to the test's port (its only argument), sends its
     * pid, and waits until the test sends {@code g} ("go") or closes the connection. So the test,
     * not the clock, decides when it ends; it gives up after 30 s on its own.
     */
    public static final class Gated implements Task {
        @Override
        public void run(List<String> args) throws IOException {
            int port = Integer.parseInt(args.get(0));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 20_000);
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                int answer = socket.getInputStream().read();
                System.out.println(answer == 'g' ? "released" : "gate closed");
            }
        }
    }

    /** The lecture's second style: a subclass overriding run(). */
    public static final class Greeter extends JvmProcess {

        /** Set by the constructor; the test changes it in the parent after construction. */
        public String note = "set by the constructor";

        public Greeter(String... args) {
            super(args);
        }

        @Override
        public void run() {
            report(args());
            System.out.println("note=" + note);
            System.out.println("self-name=" + name());
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
}
