package conclab.udp;

import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.Timing;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;


import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.TestReporter;

/**
 * What the udp tests share: real sockets on the loopback address, and calls into the code under
 * test that can neither hang the test nor wait longer than a bound.
 *
 * <p>Every socket here has a receive timeout, so a missing reply fails the test after
 * {@link #REPLY_WAIT} instead of blocking it; every call that could block in student code
 * ({@code start}, {@code close}, {@code request}) runs on a helper thread and is given up after
 * a bound.
 */
final class UdpTestKit {

    /** The loopback address the servers must listen on. */
    static final InetAddress LOOPBACK = loopback();

    /**
     * How long a probe waits for a reply that a correct server sends at once (in well under a
     * millisecond): generous, so that a busy machine never fails a correct server; a server that
     * drops the datagram fails after this long.
     */
    static final Duration REPLY_WAIT = Timing.upperBound(Duration.ofMillis(250));

    /** How long {@code start} and {@code close} may take: they only open or close a socket. */
    static final Duration LIFECYCLE_WAIT = Timing.upperBound(Duration.ofMillis(250));

    private UdpTestKit() {
    }

    /** Starts an echo server, failing the test if {@code start} does not return in time. */
    static UdpEchoServer startEcho(int port) throws Exception {
        return within(LIFECYCLE_WAIT, "UdpEchoServer.start(" + port + ")",
                "start() must bind the socket, start a background thread that serves, and return;"
                        + " it must not run the serving loop itself.",
                () -> UdpEchoServer.start(port));
    }

    /** Starts a time server, failing the test if {@code start} does not return in time. */
    static UdpTimeServer startTime(int port) throws Exception {
        return within(LIFECYCLE_WAIT, "UdpTimeServer.start(" + port + ")",
                "start() must bind the socket, start a background thread that serves, and return;"
                        + " it must not run the serving loop itself.",
                () -> UdpTimeServer.start(port));
    }

    /** Closes a server, failing the test if {@code close} does not return in time. */
    static void closeWithin(AutoCloseable server, String what) throws Exception {
        within(LIFECYCLE_WAIT, what + ".close()",
                "close() must close the socket: that wakes the thread blocked in receive()"
                        + " (with a SocketException), so never wait for the thread before closing.",
                () -> {
                    server.close();
                    return null;
                });
    }

    /** Publishes a measured duration and the bound it was judged against. */
    static void publish(TestReporter reporter, String key, long nanos, Duration bound) {
        reporter.publishEntry(key, String.valueOf(TimeUnit.NANOSECONDS.toMillis(nanos)));
        reporter.publishEntry(key.replaceFirst("Ms$", "") + "BoundMs",
                String.valueOf(bound.toMillis()));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code length} arbitrary bytes, the same ones on every run (no repeating pattern). */
    static byte[] arbitraryBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** A short human description of a datagram's payload, for failure messages. */
    static String describe(byte[] bytes) {
        if (bytes.length == 0) {
            return "an empty datagram (0 bytes)";
        }
        boolean printable = true;
        for (byte b : bytes) {
            printable &= b >= 0x20 && b < 0x7f;
        }
        if (printable && bytes.length <= 60) {
            return "\"" + new String(bytes, StandardCharsets.US_ASCII) + "\" (" + bytes.length
                    + " bytes)";
        }
        int shown = Math.min(bytes.length, 16);
        return bytes.length + " bytes [" + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, shown)
                + (shown < bytes.length ? " ...]" : "]");
    }

    /**
     * Says what probably went wrong when {@code got} came back for {@code expected}: the common
     * mistakes have recognisable fingerprints.
     */
    static String diagnose(byte[] expected, byte[] got) {
        if (got.length > expected.length
                && Arrays.equals(expected, Arrays.copyOf(got, expected.length))) {
            return " The reply starts with the right bytes but is longer: send only"
                    + " packet.getLength() bytes, not the whole buffer.";
        }
        if (got.length < expected.length
                && Arrays.equals(got, Arrays.copyOf(expected, got.length))) {
            return " The reply is the start of what was sent, cut short: receive into a buffer"
                    + " of the documented size and reset the packet's length before each receive"
                    + " (packet.setLength(buffer.length)).";
        }
        if (containsReplacementCharacter(got) && !containsReplacementCharacter(expected)) {
            return " The reply contains EF BF BD, the UTF-8 replacement character: the bytes were"
                    + " turned into a String and back. Echo the bytes themselves.";
        }
        return "";
    }

    private static String capitalized(String sentence) {
        return sentence.isEmpty() ? sentence
                : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    private static boolean containsReplacementCharacter(byte[] bytes) {
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == (byte) 0xEF && bytes[i + 1] == (byte) 0xBF
                    && bytes[i + 2] == (byte) 0xBD) {
                return true;
            }
        }
        return false;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reply as a probe received it. */
    record Reply(byte[] payload, InetSocketAddress from) {
    }

    /**
     * A test's own UDP socket playing one client (or a fake server): bound to
     * {@code 127.0.0.1:0}, with a receive timeout of {@link #REPLY_WAIT}.
     */
    static final class Probe implements AutoCloseable {

        private final String name;
        private final DatagramSocket socket;
        private long sentAt;
        private long maxLatencyNanos;

        Probe(String name) throws IOException {
            this.name = name;
            this.socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            this.socket.setSoTimeout((int) REPLY_WAIT.toMillis());
        }

        String name() {
            return name;
        }

        int port() {
            return socket.getLocalPort();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(LOOPBACK, port());
        }

        DatagramSocket socket() {
            return socket;
        }

        /** The longest time this probe waited between a send and the next reply. */
        long maxLatencyNanos() {
            return maxLatencyNanos;
        }

        void send(int port, byte[] payload) throws IOException {
            send(new InetSocketAddress(LOOPBACK, port), payload);
        }

        void send(InetSocketAddress to, byte[] payload) throws IOException {
            sentAt = System.nanoTime();
            socket.send(new DatagramPacket(payload, payload.length, to));
        }

        /** The next datagram, or empty if none came within {@link #REPLY_WAIT}. */
        Optional<Reply> poll() throws IOException {
            byte[] buffer = new byte[UdpClient.MAX_REPLY];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            long latency = System.nanoTime() - sentAt;
            maxLatencyNanos = Math.max(maxLatencyNanos, latency);
            return Optional.of(new Reply(Arrays.copyOf(buffer, packet.getLength()),
                    (InetSocketAddress) packet.getSocketAddress()));
        }

        /**
         * The next datagram; fails the test, with {@code whenMissing} as the explanation, if none
         * came within {@link #REPLY_WAIT}.
         */
        Reply receive(String whenMissing) throws IOException {
            return poll().orElseGet(() -> fail(name + " got no reply within "
                    + REPLY_WAIT.toMillis() + " ms: " + whenMissing));
        }

        /**
         * Receives the echo of {@code sent} and checks it: the same bytes, from the server's
         * port.
         */
        void expectEcho(int serverPort, byte[] sent, String whenMissing) throws IOException {
            Reply reply = receive("it had sent " + describe(sent) + " to 127.0.0.1:"
                    + serverPort + ". " + capitalized(whenMissing));
            if (!Arrays.equals(sent, reply.payload())) {
                fail(name + " sent " + describe(sent) + " but the reply it got was "
                        + describe(reply.payload()) + "." + diagnose(sent, reply.payload()));
            }
            expectFromServer(serverPort, reply);
        }

        /** Checks that a reply came from the server's own socket. */
        void expectFromServer(int serverPort, Reply reply) {
            if (reply.from().getPort() != serverPort) {
                fail(name + " got its reply from port " + reply.from().getPort()
                        + ", not from the server's port " + serverPort
                        + ": send the reply with the server's own socket, the one that"
                        + " received the request (clients only accept replies from the address"
                        + " they wrote to).");
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
