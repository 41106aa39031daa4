package conclab.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A UDP echo server: every datagram it receives goes straight back to whoever sent it, byte for
 * byte.
 *
 * <h2>Datagrams, not connections</h2>
 * UDP is <em>connectionless</em>. There is no {@code accept()}, no per-client socket and no
 * "conversation": one socket, bound to one port, receives datagrams from anybody, and each
 * datagram carries the address and port of its sender. Python's
 * {@code msg, addr = sock.recvfrom(1024)} and {@code sock.sendto(reply, addr)} are, in Java:
 * <pre>{@code
 * DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
 * socket.receive(packet);                          // recvfrom: fills buffer, length and sender
 * socket.send(new DatagramPacket(buffer, packet.getLength(),
 *                                packet.getSocketAddress()));   // sendto the sender
 * }</pre>
 * Because each datagram names its sender, one loop of receive-then-send serves any number of
 * clients at the same time, in whatever order their datagrams arrive. Do not carry habits from
 * TCP over: never tie the socket to the first client ({@code connect}), never wait for "the same
 * client's next message", and never remember one client's address for the replies to others.
 *
 * <h2>What exactly is echoed</h2>
 * <ul>
 *   <li><b>Exactly the bytes received</b>, no more and no fewer: {@code packet.getLength()} bytes,
 *       not the whole buffer. The bytes may be anything (binary data, invalid UTF-8): never
 *       turn them into a {@code String} and back, that changes them.</li>
 *   <li><b>To the sender</b>: the address and port that {@code receive} put into the packet,
 *       <b>from the server's own socket</b> (so the reply comes from the port the client wrote
 *       to).</li>
 *   <li><b>An empty datagram is a message too.</b> In TCP an empty read means "the peer closed
 *       the connection"; UDP has no connection to close, and a datagram of zero bytes is a valid
 *       message. The server answers it with an empty datagram and goes on serving.</li>
 *   <li><b>At most {@link #BUFFER_SIZE} bytes.</b> The server receives into a buffer of
 *       {@value #BUFFER_SIZE} bytes, like the lecture's {@code recvfrom(1024)}. A datagram is
 *       delivered whole or not at all: a longer one is <em>truncated</em>, the server gets (and
 *       echoes) its first {@value #BUFFER_SIZE} bytes and the operating system discards the rest.
 *       The rest never shows up in the next {@code receive}: unlike a TCP stream, datagrams keep
 *       their boundaries.</li>
 *   <li><b>Nothing stops the service except {@link #close()}.</b> Odd input (empty, oversized,
 *       garbage) is echoed like any other, and the server goes on with the next datagram.</li>
 * </ul>
 *
 * <h2>Life cycle</h2>
 * {@link #start(int)} binds the socket on the loopback address {@code 127.0.0.1} (reachable from
 * this machine only), starts a background thread that serves (one is enough: its loop serves
 * everybody), and returns at once.
 * {@link #close()} closes the socket, which frees the port immediately (a new socket may bind
 * it the moment {@code close()} returns) and wakes the serving thread out of its blocked
 * {@code receive} with a {@code SocketException}: that is its signal to end, not an error to
 * report or to retry. Then {@code close()} waits for that thread to end ({@code join} it), so that
 * when it returns nothing of the server runs any more. Make the thread a daemon so that a server
 * nobody closed never keeps a JVM alive.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (UdpEchoServer server = UdpEchoServer.start(0)) {        // 0: any free port
 *     System.out.println("listening on 127.0.0.1:" + server.port());
 *     byte[] reply = UdpClient.request(
 *             new InetSocketAddress("127.0.0.1", server.port()),
 *             "hello".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1));
 *     // reply is "hello"
 * }                                                            // close(): the port is free again
 * }</pre>
 * Or by hand: run {@link #main(String[])}, then type lines into {@code nc -u 127.0.0.1 PORT}.
 */
public final class UdpEchoServer implements AutoCloseable {

    /** The size of the receive buffer: the longest datagram echoed whole, in bytes. */
    public static final int BUFFER_SIZE = 1024;

    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final DatagramSocket socket;
    private final int port;
    private final Thread serving;

    private UdpEchoServer(DatagramSocket socket) {
        this.socket = socket;
        this.port = socket.getLocalPort();
        this.serving = new Thread(this::serve, "udp-echo-server-" + port);
        this.serving.setDaemon(true);
    }

    /**
     * Binds a UDP socket on {@code 127.0.0.1:port} and starts serving on a background thread.
     * Returns as soon as the socket is bound: from then on, datagrams sent to {@link #port()} are
     * echoed (a datagram that arrives before the thread first calls {@code receive} waits in the
     * socket's buffer, it is not lost).
     *
     * @param port the port to listen on, or {@code 0} for a free port chosen by the operating
     *             system (an <em>ephemeral</em> port; ask {@link #port()} which one)
     * @return the running server; close it when done
     * @throws java.net.BindException   if the port is taken
     * @throws IOException              if the socket cannot be opened
     * @throws IllegalArgumentException if {@code port} is not within 0..65535
     */
    public static UdpEchoServer start(int port) throws IOException {
        // InetSocketAddress throws IllegalArgumentException for a port outside 0..65535.
        DatagramSocket socket = new DatagramSocket(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        UdpEchoServer server = new UdpEchoServer(socket);
        server.serving.start();
        return server;
    }

    /**
     * The port the server is bound to: the one given to {@link #start(int)}, or the one the
     * operating system chose for {@code 0}. Still answers after {@link #close()}.
     *
     * @return the server's UDP port, 1..65535
     */
    public int port() {
        return port;
    }

    /**
     * Stops serving and releases the port at once: when this returns, the socket is closed, the
     * port can be bound again, and the serving thread has ended (close the socket first, then
     * join the thread). Calling it again does nothing.
     */
    @Override
    public void close() {
        socket.close();
        if (Thread.currentThread() == serving) {
            return;
        }
        try {
            serving.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The serving loop: receive from anybody, send the same bytes back to the sender. */
    private void serve() {
        byte[] buffer = new byte[BUFFER_SIZE];
        while (!socket.isClosed()) { // close() was called: the normal way out
            try {
                // A fresh packet each time: its length is the whole buffer's, whatever the last
                // receive() left in the previous one.
                DatagramPacket request = new DatagramPacket(buffer, buffer.length);
                socket.receive(request);
                socket.send(new DatagramPacket(buffer, request.getLength(),
                        request.getSocketAddress()));
            } catch (IOException e) {
                // Closed by close() (the loop ends), or one datagram could not be received or
                // answered: serve the next one.
            }
        }
    }

    /**
     * Starts an echo server by hand: {@code java conclab.udp.UdpEchoServer [PORT]} (default: a free
     * port). It prints where it listens and serves until the JVM is stopped (Ctrl+C). Try it with
     * {@code nc -u 127.0.0.1 PORT}: every line you type comes back. From the repository's root, on
     * any system: {@code ./mvnw -q compile exec:java "-Dexec.mainClass=conclab.udp.UdpEchoServer"
     * "-Dexec.args=4000"}.
     *
     * @param args {@code [PORT]}, the port to listen on (default: a free one)
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        UdpEchoServer server = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "udp-echo-shutdown"));
        System.out.println("UDP echo server listening on 127.0.0.1:" + server.port()
                + " (try: nc -u 127.0.0.1 " + server.port() + "; Ctrl+C to stop)");
        Thread.currentThread().join(); // the server serves on its own thread; wait for Ctrl+C
    }
}
