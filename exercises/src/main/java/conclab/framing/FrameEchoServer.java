package conclab.framing;

import java.io.IOException;

/**
 * A frame echo server: every frame a client sends comes back to it, the same header fields and
 * the same payload, so that the protocol can be tried by hand and from other languages.
 *
 * <h2>Serving</h2>
 * The same two loops as the {@code tcp} exercise's echo server, with frames instead of raw reads:
 * the connection loop accepts one client at a time; for each client the communication loop reads
 * a frame with a {@link FrameReader} and writes it back with a {@link FrameWriter}, until the
 * reader reports the clean end of the stream (the client closed after a whole frame). Then the
 * connection is closed and the next client accepted.
 *
 * <h2>Protocol errors</h2>
 * When the reader throws a {@link FramingException} (garbage, a frame over a limit, a client
 * that left in the middle of a frame), the connection is out of step and cannot go on. The
 * server then tells the client why, as one last frame with an empty payload and a header with an
 * {@code error} field holding the exception's message, e.g.
 * {@code {"size":0,"error":"header length -1 is negative ..."}}; it closes the connection
 * (sending that frame may fail if the client is gone: ignore that) and serves the next client.
 * Other {@link IOException}s (a reset) end that client's conversation silently. Only
 * {@link #close()} ends the service.
 *
 * <h2>Life cycle</h2>
 * As for the {@code tcp} echo server: {@link #start(int)} binds {@code 127.0.0.1:port}, serves
 * on one background daemon thread and returns at once; {@link #close()} closes the listening
 * socket and the connection being served, which frees the port and ends the thread, and returns
 * once the thread has ended.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (FrameEchoServer server = FrameEchoServer.start(0);
 *      Socket socket = new Socket("127.0.0.1", server.port())) {
 *     new FrameWriter(socket.getOutputStream()).write(Frame.of("ping"));
 *     Frame echo = new FrameReader(socket.getInputStream()).read().orElseThrow();  // "ping"
 * }
 * }</pre>
 * Or by hand: run {@link #main(String[])} and talk to it from Python (see the
 * {@linkplain conclab.framing package documentation} for a client in a few lines).
 */
public final class FrameEchoServer implements AutoCloseable {

    // TODO: as for the tcp echo server: the ServerSocket, its port, the serving thread, and the
    //  connection being served (volatile: close() comes from another thread).

    private FrameEchoServer() {
    }

    /**
     * Binds a listening socket on {@code 127.0.0.1:port} and starts serving on a background
     * thread; returns at once.
     *
     * @param port the port to listen on, or {@code 0} for a free one (see {@link #port()})
     * @return the running server; close it when done
     * @throws java.net.BindException   if the port is taken
     * @throws IOException              if the socket cannot be opened
     * @throws IllegalArgumentException if {@code port} is not within 0..65535
     */
    public static FrameEchoServer start(int port) throws IOException {
        throw new UnsupportedOperationException("TODO: bind a ServerSocket on 127.0.0.1:port,"
                + " start a daemon thread that runs the connection loop, and return at once");
    }

    /**
     * The port the server listens on (also after {@link #close()}).
     *
     * @return the server's TCP port, 1..65535
     */
    public int port() {
        throw new UnsupportedOperationException("TODO: return the port the ServerSocket was bound"
                + " to");
    }

    /**
     * Stops serving and releases the port: closes the listening socket and the connection being
     * served, and returns only once the serving thread has ended (join it). Calling it again does
     * nothing.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO: close the ServerSocket and the connection"
                + " being served, then wait for the serving thread to end (join it)");
    }

    // TODO: the connection loop: accept a client, serve it, close it, until close().
    // TODO: the communication loop: reader.read(); empty: the client left; a frame: write it
    //  back; a FramingException: write Frame(Map.of("error", message), new byte[0]) and stop.

    /**
     * Starts a frame echo server by hand: {@code java conclab.framing.FrameEchoServer [PORT]}
     * (default: a free port). It prints where it listens and serves until the JVM is stopped
     * (Ctrl+C). From the repository's root, on any system: {@code ./mvnw -q compile exec:java
     * "-Dexec.mainClass=conclab.framing.FrameEchoServer" "-Dexec.args=4000"}.
     *
     * @param args {@code [PORT]}, the port to listen on (default: a free one)
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        FrameEchoServer server = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "frame-echo-shutdown"));
        System.out.println("frame echo server listening on 127.0.0.1:" + server.port()
                + " (Ctrl+C to stop)");
        Thread.currentThread().join(); // the server serves on its own thread; wait for Ctrl+C
    }
}
