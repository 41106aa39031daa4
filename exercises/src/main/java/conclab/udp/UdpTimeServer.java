package conclab.udp;

import java.io.IOException;
import java.time.Instant;

/**
 * A UDP time server: whoever sends it a datagram gets the current time back.
 *
 * <p>Time servers are an old and simple use of UDP (the lecture's "time server", and the idea
 * behind NTP): a question fits in one datagram, so does the answer, and there is no connection
 * to set up or tear down. If the answer is lost, the client simply asks again.
 *
 * <h2>The protocol</h2>
 * <ul>
 *   <li><b>Request</b>: any datagram. Its content is ignored: empty, text, binary, oversized, they
 *       all mean "what time is it?". (So the receive buffer may be small: truncation does no harm
 *       when the bytes are not read.)</li>
 *   <li><b>Reply</b>: one datagram, sent from the server's socket to the sender's address and port,
 *       holding the current instant as ISO-8601 text in UTC, encoded in UTF-8: exactly what
 *       {@code Instant.now().toString()} gives, e.g. {@code 2025-03-01T08:30:15.123456Z}. Nothing
 *       else: no newline, no zone other than {@code Z}, no local time. At least millisecond
 *       precision: {@code Instant.now()} (not seconds only). The client reads it back with
 *       {@code Instant.parse(new String(reply, UTF_8))}.</li>
 *   <li><b>When</b>: the time is read when the request is answered, never cached.</li>
 * </ul>
 *
 * <p>Why UTC and not the local time? Client and server may sit in different time zones; an
 * {@link Instant} is the same moment everywhere. {@code LocalDateTime.now()} would be wrong
 * here: it has no zone, so nobody else can tell which moment it means.
 *
 * <h2>Life cycle</h2>
 * The same as {@link UdpEchoServer}'s: {@link #start(int)} binds {@code 127.0.0.1:port} and serves
 * on a background thread, answering any number of clients in any order; {@link #close()} frees
 * the port at once and returns once the thread has ended.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (UdpTimeServer server = UdpTimeServer.start(0)) {
 *     byte[] reply = UdpClient.request(new InetSocketAddress("127.0.0.1", server.port()),
 *             new byte[0], Duration.ofSeconds(1));
 *     Instant now = Instant.parse(new String(reply, StandardCharsets.UTF_8));
 * }
 * }</pre>
 */
public final class UdpTimeServer implements AutoCloseable {

    // TODO: the same as UdpEchoServer's: the socket, its port, the serving thread.

    private UdpTimeServer() {
    }

    /**
     * Binds a UDP socket on {@code 127.0.0.1:port} and starts answering on a background thread;
     * returns at once.
     *
     * @param port the port to listen on, or {@code 0} for a free one (see {@link #port()})
     * @return the running server; close it when done
     * @throws java.net.BindException   if the port is taken
     * @throws IOException              if the socket cannot be opened
     * @throws IllegalArgumentException if {@code port} is not within 0..65535
     */
    public static UdpTimeServer start(int port) throws IOException {
        throw new UnsupportedOperationException("TODO: bind a DatagramSocket on 127.0.0.1:port,"
                + " start a daemon thread that answers every datagram with the time, return at"
                + " once");
    }

    /**
     * The port the server is bound to (also after {@link #close()}).
     *
     * @return the server's UDP port, 1..65535
     */
    public int port() {
        throw new UnsupportedOperationException("TODO: return the port the socket was bound to");
    }

    /**
     * Stops serving and releases the port at once; returns only once the serving thread has
     * ended. Calling it again does nothing.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO: close the socket, then wait for the serving"
                + " thread to end (join it)");
    }

    // TODO: the serving loop: receive any datagram (ignore its bytes), then send
    //  Instant.now().toString() in UTF-8 to the datagram's sender; end quietly after close().

    /**
     * Starts a time server by hand: {@code java conclab.udp.UdpTimeServer [PORT]}. Ask it with
     * {@code java conclab.udp.UdpClient PORT} or {@code nc -u 127.0.0.1 PORT} (press Enter). From
     * the repository's root, on any system: {@code ./mvnw -q compile exec:java
     * "-Dexec.mainClass=conclab.udp.UdpTimeServer" "-Dexec.args=4000"}.
     *
     * @param args {@code [PORT]}, the port to listen on (default: a free one)
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        UdpTimeServer server = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "udp-time-shutdown"));
        System.out.println("UDP time server listening on 127.0.0.1:" + server.port()
                + " (try: nc -u 127.0.0.1 " + server.port() + "; Ctrl+C to stop)");
        Thread.currentThread().join(); // the server answers on its own thread; wait for Ctrl+C
    }
}
