package conclab.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * The client side of a UDP request/reply: send one datagram to a server and wait, for a
 * bounded time, for its answer.
 *
 * <h2>Why a UDP client needs a timeout</h2>
 * UDP promises nothing: a datagram may be lost on the way, the server may be down, busy, or not
 * there at all, and nobody tells you. (TCP would notice, because a connection has to be set up
 * first; UDP just sends.) A client that calls {@code receive} and waits for a reply that will
 * never come waits <em>forever</em>: {@code receive} blocks, and a blocked {@code receive} does
 * not even react to {@link Thread#interrupt()}. So every UDP client puts a limit on its wait,
 * with {@link DatagramSocket#setSoTimeout(int)}: when the limit passes, {@code receive} throws a
 * {@link java.net.SocketTimeoutException}. What to do then (ask again, give up, tell the user)
 * is the caller's decision; this class reports it and does not retry.
 *
 * <p>Careful: {@code setSoTimeout(0)} means "no limit at all". A timeout shorter than a
 * millisecond must therefore be rounded <em>up</em>, never down to zero; a timeout of zero or
 * less is a programming error.
 *
 * <h2>One request, one reply</h2>
 * <ul>
 *   <li>The request goes out as exactly one datagram, with exactly the given bytes (possibly
 *       none: an empty datagram is a valid request, the time server takes one).</li>
 *   <li>The reply is the first datagram that comes back <b>from the server's address and
 *       port</b>. Anybody can send a datagram to the client's port; a datagram from anywhere else
 *       is not the reply: ignore it and keep waiting. This is what the address that
 *       {@code recvfrom} returns is for: compare {@code packet.getSocketAddress()} with
 *       {@code server}.</li>
 *   <li>The reply is returned whole, up to {@value #MAX_REPLY} bytes, the largest payload of a
 *       UDP datagram over IPv4: size the receive buffer for that, not for 1024.</li>
 *   <li>The timeout bounds the whole wait for the reply, strangers' datagrams included: the
 *       call throws {@code SocketTimeoutException} no sooner than {@code timeout} after sending
 *       and not much later. (Compute a deadline once; before each {@code receive}, set the
 *       socket timeout to what is left of it.)</li>
 *   <li>Each call uses its own socket, on a free port chosen by the operating system, and
 *       closes it before returning, whatever happens.</li>
 * </ul>
 *
 * <h2>Why not {@code connect()}?</h2>
 * {@link DatagramSocket#connect(java.net.SocketAddress)} makes a UDP socket hear only one peer
 * (nothing goes over the wire, the operating system just filters), which looks like exactly what
 * a client needs. But Java has a trap there: a <em>connected</em> {@code DatagramSocket} silently
 * sends <b>nothing</b> when asked to send an empty datagram (seen with JDK 17 and 25), so an
 * empty request would never leave and the client would wait for nothing. Stay unconnected,
 * and filter by the sender's address yourself.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * InetSocketAddress server = new InetSocketAddress("127.0.0.1", 9000);
 * try {
 *     byte[] reply = UdpClient.request(server, "hello".getBytes(StandardCharsets.UTF_8),
 *             Duration.ofMillis(500));
 *     System.out.println(new String(reply, StandardCharsets.UTF_8));
 * } catch (SocketTimeoutException e) {
 *     System.out.println("no answer within 500 ms: is the server running?");
 * }
 * }</pre>
 */
public final class UdpClient {

    /** The largest UDP payload over IPv4: 65535 − 8 (UDP header) − 20 (IP header) bytes. */
    public static final int MAX_REPLY = 65_507;

    private UdpClient() {
    }

    /**
     * Sends {@code request} as one datagram to {@code server} and returns the payload of the
     * server's reply.
     *
     * @param server  where the server listens, e.g. {@code new InetSocketAddress("127.0.0.1", port)}
     * @param request the bytes to send (may be empty)
     * @param timeout how long to wait for the reply; must be positive
     * @return the reply's bytes, exactly as many as the reply carried
     * @throws SocketTimeoutException  if no reply came from {@code server} within {@code timeout}
     * @throws IOException              if the datagram cannot be sent or received
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public static byte[] request(InetSocketAddress server, byte[] request, Duration timeout)
            throws IOException {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        long timeoutNanos;
        try {
            timeoutNanos = timeout.toNanos();
        } catch (ArithmeticException overLongMaxNanos) { // over 292 years: as good as forever
            timeoutNanos = Long.MAX_VALUE;
        }
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(request, request.length, server)); // sendto
            long start = System.nanoTime();
            byte[] buffer = new byte[MAX_REPLY];
            while (true) {
                long left = timeoutNanos - (System.nanoTime() - start); // never overflows
                if (left <= 0) {
                    throw new SocketTimeoutException("no reply from " + server + " within "
                            + timeout.toMillis() + " ms");
                }
                socket.setSoTimeout(toTimeoutMillis(left)); // at most Integer.MAX_VALUE ms
                // A fresh packet each time: its length is the whole buffer's.
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                socket.receive(reply);                   // recvfrom, or SocketTimeoutException
                if (server.equals(reply.getSocketAddress())) {
                    return Arrays.copyOf(buffer, reply.getLength());
                }
                // From somebody else: not the reply. Wait for what is left of the timeout.
            }
        }
    }

    /** Whole milliseconds for setSoTimeout, rounded up, since 0 would mean "wait forever". */
    private static int toTimeoutMillis(long nanos) {
        return (int) Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000);
    }

    /**
     * Asks a server by hand: {@code java conclab.udp.UdpClient PORT [MESSAGE]} sends MESSAGE
     * (default: an empty datagram) to {@code 127.0.0.1:PORT} and prints the reply as text, or
     * says that none came within a second. Try it against {@link UdpTimeServer#main(String[])}.
     * From the repository's root, on any system: {@code ./mvnw -q compile exec:java
     * "-Dexec.mainClass=conclab.udp.UdpClient" "-Dexec.args=4000 hello"}.
     *
     * @param args {@code PORT [MESSAGE]}
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java conclab.udp.UdpClient PORT [MESSAGE]");
            System.exit(2);
        }
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        String message = String.join(" ", Arrays.copyOfRange(args, 1, args.length));
        try {
            byte[] reply = request(server, message.getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(1));
            System.out.println("reply from " + server + ": "
                    + new String(reply, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            System.out.println("no reply from " + server + " within 1 s");
        }
    }
}
