package conclab.tcp;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The client of an echo server: it connects once, then sends what the user types, one line at a
 * time, and reads each echo back. The lecture's client loop, as a class:
 * <pre>{@code
 * while True:
 *     msg = input('>>> ').strip()
 *     if len(msg) == 0: continue          # skip empty input!
 *     c.send(msg.encode('utf8'))
 *     print(c.recv(1024).decode('utf8'))
 * }</pre>
 *
 * <h2>Why empty input is skipped</h2>
 * Sending zero bytes sends <em>nothing</em>: TCP is a stream of bytes, and an empty write adds no
 * byte to it, so no packet leaves and the server never notices. The server therefore never
 * answers, and a client that waits for the echo of its empty message waits forever (or, with a
 * timeout, fails). So the client checks its input <b>before</b> sending: input that is empty
 * once leading and trailing whitespace is removed ({@link String#strip()}, Python's
 * {@code .strip()}) is not sent at all, and {@link #send(String)} returns
 * {@link Optional#empty()} at once, without touching the socket.
 *
 * <h2>Reading the whole echo</h2>
 * TCP keeps no message boundaries. An echo of 6 bytes may arrive as 6, or as 2 and then 4, in
 * separate reads; one {@code read} returns whatever has arrived so far, at least one byte. So
 * the client reads <b>until it has as many bytes as it sent</b> (a loop around {@code read}, or
 * {@link InputStream#readNBytes(int)}, which loops for you). Count bytes, not characters:
 * {@code "你好"} is 2 characters but 6 bytes in UTF-8.
 *
 * <h2>Never waiting forever</h2>
 * {@link #connect(InetSocketAddress, Duration)} takes a timeout that bounds both the connection
 * attempt ({@link Socket#connect(java.net.SocketAddress, int)}) and every wait for a reply
 * ({@link Socket#setSoTimeout(int)}): when no byte arrives within it, a read throws
 * {@link SocketTimeoutException}. If the server closes the connection before the whole echo has
 * come back, that is an error too: {@link EOFException}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (TcpEchoClient client = TcpEchoClient.connect(
 *         new InetSocketAddress("127.0.0.1", 9000), Duration.ofSeconds(1))) {
 *     client.send("  hello  ");   // sends the 5 bytes "hello", returns Optional[hello]
 *     client.send("");            // sends nothing, returns Optional.empty at once
 *     client.send("   ");         // the same: only whitespace
 *     client.send("你好");         // sends 6 bytes, reads 6 bytes, returns Optional[你好]
 * }                               // close(): the server's next read returns -1
 * }</pre>
 */
public final class TcpEchoClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private TcpEchoClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to an echo server.
     *
     * @param server  where the server listens, e.g. {@code new InetSocketAddress("127.0.0.1", port)}
     * @param timeout the longest wait for the connection and, afterwards, for each byte of a
     *                reply; must be positive
     * @return the connected client; close it when done
     * @throws java.net.ConnectException if nobody listens at {@code server}
     * @throws SocketTimeoutException    if the connection is not made within {@code timeout}
     * @throws IOException               if the connection cannot be made
     * @throws IllegalArgumentException  if {@code timeout} is zero or negative
     */
    public static TcpEchoClient connect(InetSocketAddress server, Duration timeout)
            throws IOException {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        // Whole milliseconds, rounded up: a positive timeout is at least 1 ms, never 0 (forever).
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.plusNanos(999_999).toMillis());
        Socket socket = new Socket();
        try {
            socket.connect(server, millis);
            socket.setSoTimeout(millis);
            return new TcpEchoClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one line of user input and returns the server's echo.
     *
     * @param input what the user typed; leading and trailing whitespace is removed first
     * @return {@link Optional#empty()} if nothing remains (nothing is sent, nothing awaited);
     *         otherwise the echo of the stripped input, read until as many bytes came back as
     *         were sent, decoded as UTF-8
     * @throws SocketTimeoutException if the echo does not come back within the timeout
     * @throws EOFException           if the server closes the connection before the whole echo
     * @throws IOException            if sending or receiving fails
     */
    public Optional<String> send(String input) throws IOException {
        String message = Objects.requireNonNull(input, "input").strip();
        if (message.isEmpty()) {
            return Optional.empty(); // an empty send sends nothing, and no echo would ever come
        }
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        out.write(bytes); // a socket's stream sends on write: no flush needed
        byte[] echo = in.readNBytes(bytes.length); // loops until all of them, or the end
        if (echo.length < bytes.length) {
            throw new EOFException("the server closed the connection after " + echo.length
                    + " of the " + bytes.length + " bytes of the echo");
        }
        return Optional.of(new String(echo, StandardCharsets.UTF_8));
    }

    /** Closes the connection; the server sees the end of the stream. Calling it again does nothing. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * Talks to a server by hand: {@code java conclab.tcp.TcpEchoClient PORT} connects to
     * {@code 127.0.0.1:PORT}, then sends every line you type and prints its echo. An empty line
     * is skipped; end the input (Ctrl+D, or Ctrl+Z then Enter on Windows) to leave. From the
     * repository's root, on any system: {@code ./mvnw -q compile exec:java
     * "-Dexec.mainClass=conclab.tcp.TcpEchoClient" "-Dexec.args=4000"}.
     *
     * @param args {@code PORT}
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java conclab.tcp.TcpEchoClient PORT");
            System.exit(2);
        }
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        BufferedReader user = new BufferedReader(
                new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (TcpEchoClient client = connect(server, Duration.ofSeconds(2))) {
            System.out.println("connected to " + server + "; type lines, end with Ctrl+D");
            System.out.print(">>> ");
            System.out.flush();
            for (String line = user.readLine(); line != null; line = user.readLine()) {
                client.send(line).ifPresent(echo -> System.out.println("echo: " + echo));
                System.out.print(">>> ");
                System.out.flush();
            }
        }
    }
}
