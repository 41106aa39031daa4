package conclab.tcp;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP echo server: whatever a client sends comes straight back to it, byte for byte, for as
 * long as the client stays; then the server turns to the next client.
 *
 * <h2>Two loops</h2>
 * A TCP server has two sockets of two kinds. The <em>listening</em> socket
 * ({@link ServerSocket}, Python's {@code s.bind(...); s.listen(5)}) never carries data: it only
 * hands out connections. Each {@link ServerSocket#accept()} returns a new {@link Socket}, the
 * <em>connection</em> to one client (Python's {@code sock, addr = s.accept()}), and all data of
 * that client goes through it. Hence the two loops of the lecture:
 * <pre>{@code
 * while (true) {                                  // the connection loop: client after client
 *     Socket client = listener.accept();          //   wait for the next client
 *     while (true) {                              //   the communication loop: message after message
 *         int n = in.read(buffer);                //     recv(1024)
 *         if (n == -1) break;                     //     "empty read": the client has left
 *         out.write(buffer, 0, n);                //     send the same bytes back
 *     }
 *     client.close();                             //   done with this client; on to the next
 * }
 * }</pre>
 * Without the inner loop the server answers one message per client; without the outer loop it
 * serves one client and is gone.
 *
 * <h2>How a TCP peer says goodbye</h2>
 * A client that is done closes its socket. The server learns it from the stream: once everything
 * the client sent has been read, a read reports the end of the stream. In Python,
 * {@code sock.recv(1024)} returns {@code b''} (the "empty read"); in Java,
 * {@link InputStream#read(byte[])} returns {@code -1}. This is the <b>only</b> way a read ends
 * with no data: a read with room for bytes blocks until at least one byte arrives or the stream
 * ends, so it never returns 0. After {@code -1} nothing will ever arrive on that connection again:
 * reading on would return {@code -1} forever, a loop that burns a CPU core and never serves
 * anyone else. Close the connection and go back to {@code accept()}.
 *
 * <h2>Robustness: one client never takes the server down</h2>
 * A client may also vanish rudely: a crashed program, or one that <em>resets</em> the connection
 * (it closes with a linger time of zero, and its operating system sends an RST instead of the
 * orderly FIN). The server then gets an {@link IOException} ("Connection reset") from
 * {@code read} or {@code write} instead of {@code -1}. That is the end of this client, not of the
 * server: catch it around the communication loop, close the connection, and accept the next
 * client. Only {@link #close()} ends the service.
 *
 * <p>A silent client is not a gone client: a user may think for minutes before typing the next
 * line. A client stays connected, and is served, for as long as it likes, silent or not; only its
 * leaving (the end of its stream, or a reset) or {@link #close()} ends its conversation. So set no
 * read timeout on a connection: it would give up on a client that is merely thinking.
 *
 * <h2>One client at a time</h2>
 * This server serves one client at a time, in the order they connect: that is what the two loops
 * do, and serving many at once (a thread per connection) is a later topic. A client that connects
 * while another is being served is not refused: the operating system completes its connection and
 * keeps it in the listening socket's <em>backlog</em> queue (the {@code 5} of
 * {@code listen(5)}, {@link #BACKLOG} here) until the server calls {@code accept()} again. Its
 * messages wait in its socket's buffer and are answered, in order, once the clients before it
 * have left.
 *
 * <h2>What exactly is echoed</h2>
 * Exactly the bytes received, in order, nothing added, nothing lost: each {@code read} fills at
 * most {@value #BUFFER_SIZE} bytes of the buffer, and exactly those {@code n} bytes are written
 * back, not the whole buffer. The bytes may be anything (binary data, half a UTF-8 character at
 * the end of a read): never turn them into a {@code String}. TCP is a stream of bytes, not of
 * messages: a client's "hello" may arrive as "hel" and "lo", or glued to the next message; an
 * echo server does not care, since it returns every byte either way (framing messages is the
 * next exercise's topic).
 *
 * <h2>Life cycle</h2>
 * {@link #start(int)} binds the listening socket on {@code 127.0.0.1} with a backlog of
 * {@value #BACKLOG}, starts one background (daemon) thread that runs the two loops, and returns at
 * once. {@link #close()} stops everything: it closes the listening socket, which frees the port
 * and makes a blocked {@code accept()} throw, <b>and</b> the connection being served, which makes
 * a blocked {@code read} throw and tells that client (its next read returns {@code -1}). Both
 * exceptions are the serving thread's signal to end quietly; {@code close()} waits for it to end
 * ({@code join} it) before it returns.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (TcpEchoServer server = TcpEchoServer.start(0);           // 0: any free port
 *      TcpEchoClient client = TcpEchoClient.connect(
 *              new InetSocketAddress("127.0.0.1", server.port()), Duration.ofSeconds(1))) {
 *     client.send("hello");                                   // Optional[hello]
 *     client.send("你好");                                     // Optional[你好]
 * }                                                           // the port is free again
 * }</pre>
 * Or by hand: run {@link #main(String[])}, then {@code java conclab.tcp.TcpEchoClient PORT} (or
 * {@code nc 127.0.0.1 PORT}) in two terminals, one after the other.
 */
public final class TcpEchoServer implements AutoCloseable {

    /** The most bytes one {@code read} takes from a connection (the lecture's {@code recv(1024)}). */
    public static final int BUFFER_SIZE = 1024;

    /** How many connected clients the operating system queues for {@code accept()} ({@code listen(5)}). */
    public static final int BACKLOG = 5;

    // TODO: what a running server needs to remember: its ServerSocket, its port (a closed
    //  socket forgets it), its serving thread, and the connection it is serving right now
    //  (close() must close that one too; a volatile field, since two threads use it).

    private TcpEchoServer() {
    }

    /**
     * Binds a listening socket on {@code 127.0.0.1:port} with a backlog of {@value #BACKLOG} and
     * starts serving on a background thread. Returns as soon as the socket listens: a client may
     * connect from then on (before the thread first calls {@code accept()}, its connection waits
     * in the backlog).
     *
     * @param port the port to listen on, or {@code 0} for a free port chosen by the operating
     *             system (ask {@link #port()} which one)
     * @return the running server; close it when done
     * @throws java.net.BindException   if the port is taken
     * @throws IOException              if the socket cannot be opened
     * @throws IllegalArgumentException if {@code port} is not within 0..65535
     */
    public static TcpEchoServer start(int port) throws IOException {
        throw new UnsupportedOperationException("TODO: bind a ServerSocket on 127.0.0.1:port with"
                + " a backlog of BACKLOG (new ServerSocket(port, BACKLOG, InetAddress.getByName("
                + "\"127.0.0.1\"))), start a daemon thread that runs the connection loop, and"
                + " return at once");
    }

    /**
     * The port the server listens on: the one given to {@link #start(int)}, or the one the
     * operating system chose for {@code 0}. Still answers after {@link #close()}.
     *
     * @return the server's TCP port, 1..65535
     */
    public int port() {
        throw new UnsupportedOperationException("TODO: return the port the ServerSocket was bound"
                + " to (remember it when binding)");
    }

    /**
     * Stops serving and releases the port: when this returns, the listening socket and the
     * connection being served (if any) are closed, the port can be bound again, and the serving
     * thread has ended (close the sockets first, then join the thread). Calling it again does
     * nothing.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO: close the ServerSocket (frees the port,"
                + " wakes accept()) and the connection being served (wakes read()), then wait for"
                + " the serving thread to end (join it)");
    }

    // TODO: the connection loop, run by the background thread:
    //  until close(): client = serverSocket.accept(); serve it (the communication loop); close it.
    //  An IOException while serving one client ends that client only, never the loop.
    //  When accept() throws because close() closed the ServerSocket, end quietly.
    //
    // TODO: the communication loop, for one client:
    //  n = in.read(buffer); if n == -1 the client has left (the "empty read"): stop;
    //  otherwise out.write(buffer, 0, n) and read again.

    /**
     * Starts an echo server by hand: {@code java conclab.tcp.TcpEchoServer [PORT]} (default: a
     * free port). It prints where it listens and serves until the JVM is stopped (Ctrl+C). Try it
     * with {@code java conclab.tcp.TcpEchoClient PORT} or {@code nc 127.0.0.1 PORT}. From the
     * repository's root, on any system: {@code ./mvnw -q compile exec:java
     * "-Dexec.mainClass=conclab.tcp.TcpEchoServer" "-Dexec.args=4000"}.
     *
     * @param args {@code [PORT]}, the port to listen on (default: a free one)
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        TcpEchoServer server = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tcp-echo-shutdown"));
        System.out.println("TCP echo server listening on 127.0.0.1:" + server.port()
                + " (try: java conclab.tcp.TcpEchoClient " + server.port() + "; Ctrl+C to stop)");
        Thread.currentThread().join(); // the server serves on its own thread; wait for Ctrl+C
    }
}
