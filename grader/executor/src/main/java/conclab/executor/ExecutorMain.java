package conclab.executor;

import conclab.boundary.Link;
import conclab.lab.ParentWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ExecutorMain PORT}, with a secret on standard input: connects to the trusted JVM on
 * loopback port {@code PORT}, proves the secret, and serves calls until the connection ends, then
 * halts. {@code System.out} and {@code System.err} go over the connection, in order with the
 * answers, so that what the submission prints during a test is that test's output.
 */
public final class ExecutorMain {

    /** Exit status when the executor could not connect. */
    public static final int CANNOT_CONNECT = 71;

    private ExecutorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ParentWatch.start();
        Link link;
        try {
            String secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 30_000);
            OutputStream out = socket.getOutputStream();
            out.write(((secret == null ? "" : secret) + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ClassLoader loader = ClassLoader.getSystemClassLoader();
            link = new Link(Link.Side.EXECUTOR, socket.getInputStream(), out, socket, new SubmissionResolver(loader));
            link.serve(new SubmissionHost(link, loader));
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            Runtime.getRuntime().halt(CANNOT_CONNECT);
            return;
        }
        PrintStream output = new PrintStream(new LinkOutput(link), true, StandardCharsets.UTF_8);
        System.setOut(output);
        System.setErr(output);
        CountDownLatch ended = new CountDownLatch(1);
        link.onBroken(ended::countDown);
        ended.await();
        // no thread the submission left may keep this JVM alive, nor a shutdown hook delay it
        Runtime.getRuntime().halt(0);
    }

    /** The submission's printing, sent to the trusted JVM as it happens. */
    static final class LinkOutput extends OutputStream {
        private final Link link;

        LinkOutput(Link link) {
            this.link = link;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                link.sendOutput(b, off, len);
            }
        }
    }
}
