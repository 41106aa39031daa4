package conclab.ipc;

import conclab.lab.ChildJvm;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A first-in, first-out queue of text messages that a parent process and its child processes
 * share: any of them may {@link #put(String) put} a message, any of them may
 * {@link #get(Duration) get} one, and each message is got exactly once, in the order it was put.
 *
 * <h2>Why processes need a channel</h2>
 * Processes share no memory (that is the isolation exercise): a parent cannot hand a child an
 * object, and a child cannot change the parent's variables. Whatever passes between them goes
 * through a channel that the operating system provides: a <em>pipe</em> (a one-way byte stream,
 * such as a child's standard input and output), a <em>socket</em> (a two-way byte stream, here
 * over the loopback address {@code 127.0.0.1}, reachable only from this machine), a file, or
 * shared memory. Python's {@code multiprocessing.Queue} is a pipe with a lock and a feeder
 * thread; its {@code Manager().Queue()} is a queue kept in one process that the others reach
 * through a connection (a socket, or a named pipe on Windows). This class is the second kind.
 *
 * <h2>The design: one owner, many connected ends</h2>
 * <pre>
 *                      parent process                    child processes
 *                 +---------------------------+
 *   put / get --->|  ProcessQueue.create()    |&lt;==== TCP ====  ProcessQueue.connect(address)
 *                 |  the messages live here:  |&lt;==== TCP ====  ProcessQueue.connect(address)
 *                 |  "m1" "m2" "m3" ...       |
 *                 +---------------------------+
 * </pre>
 * <ul>
 *   <li>The parent {@linkplain #create() creates} the queue: it keeps the messages in its own
 *       memory, listens on {@code 127.0.0.1} on a free port, and accepts any number of
 *       connections, each served by a thread of its own. Its {@code put} and {@code get} work
 *       on the messages directly.</li>
 *   <li>The parent hands the queue's {@link #address()} to each child, as an argument of the
 *       child's {@code main}: it is all that crosses over.</li>
 *   <li>A child {@linkplain #connect(String) connects} to that address. Its {@code put} sends
 *       the message to the parent, which adds it to the messages; its {@code get} asks the
 *       parent for the next message and waits for the answer.</li>
 * </ul>
 *
 * <h2>TCP is a byte stream: frame every message</h2>
 * A socket delivers bytes, not messages: two messages written back to back may arrive as one
 * read, and one message may arrive in pieces. So every message goes over the wire with its
 * length in front. {@link java.io.DataOutputStream#writeUTF(String)} does exactly that (a
 * two-byte length, then the characters) and {@link java.io.DataInputStream#readUTF()} reads one
 * message back, however the bytes arrived. Lines ({@code println}/{@code readLine}) do not work:
 * a message may contain line breaks. A small protocol is enough, for example:
 * <pre>
 *   child  -&gt; parent   'P' message          put this message
 *   child  -&gt; parent   'G' timeout-in-ms    get: send me the next message, or say there is none
 *   parent -&gt; child    'M' message          the next message (now removed from the queue)
 *   parent -&gt; child    'E'                  no message came within the timeout
 * </pre>
 * Send each request in one piece and at once: write it into a {@link java.io.BufferedOutputStream}
 * and {@code flush()} it (a message that waits in a buffer has not been put), and turn off
 * Nagle's algorithm on both ends with {@link java.net.Socket#setTcpNoDelay(boolean)
 * setTcpNoDelay(true)}. (Otherwise a request written as two small pieces can wait for the other
 * side's delayed acknowledgement, some 40 ms, on every {@code get}.)
 *
 * <h2>The rules</h2>
 * <ul>
 *   <li><b>Order.</b> Messages are got in the order the parent received them; so the messages
 *       of one producer (a process, or a thread) are got in the order it put them.</li>
 *   <li><b>Exactly once.</b> Every message put is got once: never lost, never twice, whoever
 *       gets it. A child's {@code get} never gives up on its own while the parent may still
 *       answer: a message that the parent has sent must not be dropped on the floor. Let the
 *       parent wait for the timeout and answer "none".</li>
 *   <li><b>Unbounded.</b> {@code put} never waits for room and never drops a message: the queue
 *       holds as many as are put before anybody gets them (10,000 is nothing unusual).</li>
 *   <li><b>Any text.</b> A message is any {@code String} of at most {@value #MAX_LENGTH}
 *       characters: empty, with line breaks, in any script, with emoji. It arrives exactly as
 *       it was put.</li>
 *   <li><b>Bounded waits.</b> {@code get} waits at most its timeout; no method waits forever.
 *       A child that loses its parent (the parent closed its queue, or ended) gets a
 *       {@link QueueClosedException} from its next call, or from the call that is waiting, at
 *       once rather than at the end of a timeout. (A write into a connection that the other side
 *       has closed may still succeed once, into the operating system's buffer; the next one
 *       fails. Do not swallow that failure: turn it into a {@code QueueClosedException}.)</li>
 *   <li><b>Children come and go.</b> A child that closes its queue, ends, or is killed, takes
 *       nothing with it but itself: every message it had put is in the queue (a message cut off
 *       in the middle by a kill is not a message and is dropped), and the queue goes on serving
 *       the parent and the other children. The parent closes its side of that child's
 *       connection as soon as it sees the child gone (the end of its stream): a parent serves
 *       child after child, and a socket kept for each child that left ends in "too many open
 *       files". A get the child left waiting takes no message with it: once the parent has seen
 *       the child gone, every message put stays in the queue (so the parent keeps reading a
 *       child's connection while it answers that child's get).</li>
 *   <li><b>Threads.</b> Every method may be called from several threads at once.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * // the parent
 * try (ProcessQueue queue = ProcessQueue.create()) {
 *     Process child = ChildJvm.processBuilder(Producer.class, queue.address()).inheritIO().start();
 *     System.out.println(queue.get(Duration.ofSeconds(5)));   // "hello from 4242"
 *     child.waitFor();
 * }
 *
 * // the child: class Producer
 * public static void main(String[] args) throws IOException {
 *     try (ProcessQueue queue = ProcessQueue.connect(args[0])) {
 *         queue.put("hello from " + ProcessHandle.current().pid());
 *     }
 * }
 * }</pre>
 * {@link #main(String[])} replays a demo with two producer children; run it.
 */
public final class ProcessQueue implements AutoCloseable {

    /** The longest message, in {@code char}s (so that {@code writeUTF} can always send it). */
    public static final int MAX_LENGTH = 10_000;

    /** Requests and answers of the wire protocol. */
    private static final int PUT = 'P';
    private static final int GET = 'G';
    private static final int MESSAGE = 'M';
    private static final int EMPTY = 'E';

    /** How long a child waits for the parent's answer beyond the timeout it asked for. */
    private static final long ANSWER_GRACE_MS = 30_000;

    /** The longest wait of a {@code get}: a longer timeout waits a year. */
    private static final long LONGEST_WAIT_NANOS = TimeUnit.DAYS.toNanos(365);

    /** How long a child waits for its connection to be accepted. */
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    /** This end: the parent's, which holds the messages, or a child's, connected to it. */
    private final End end;

    private ProcessQueue(End end) {
        this.end = end;
    }

    /** What both ends do. */
    private interface End {
        String address();

        void put(String message) throws IOException;

        String get(long timeoutNanos) throws IOException, InterruptedException, TimeoutException;

        void close();
    }

    /**
     * Creates a queue in this process (the parent's end, which holds the messages) and starts
     * accepting children on {@code 127.0.0.1}, on a free port chosen by the operating system.
     * Returns at once. The threads the queue starts (the one that accepts, those that serve the
     * children) are daemon threads, so that a program that forgets to close its queue still
     * ends.
     *
     * @return the new, empty queue; close it when done
     * @throws IOException if no port can be bound
     */
    public static ProcessQueue create() throws IOException {
        return new ProcessQueue(new Owner());
    }

    /**
     * Connects to the queue that a parent {@linkplain #create() created}; this is the child's
     * end. Fails at once if nobody listens there.
     *
     * @param address the parent queue's {@link #address()}, e.g. {@code "127.0.0.1:41234"}
     * @return the child's end of the queue; close it when done
     * @throws IOException              if the connection cannot be made
     * @throws IllegalArgumentException if {@code address} is not of the form {@code HOST:PORT}
     */
    public static ProcessQueue connect(String address) throws IOException {
        Objects.requireNonNull(address, "address");
        int colon = address.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            port = -1;
        }
        if (colon <= 0 || port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a queue address (HOST:PORT): " + address);
        }
        return new ProcessQueue(new Member(address, address.substring(0, colon), port));
    }

    /**
     * Where children connect: {@code "127.0.0.1:PORT"}. Pass it to a child as an argument. A
     * child's end answers the address it connected to.
     *
     * @return the queue's address
     */
    public String address() {
        return end.address();
    }

    /**
     * Adds a message at the end of the queue; never waits for room. In the parent the message
     * is in the queue when this returns; in a child it has been sent (written and flushed) to
     * the parent.
     *
     * @param message the message, at most {@value #MAX_LENGTH} characters
     * @throws QueueClosedException     if this queue is closed, or the parent's end is gone
     * @throws IOException              if the message cannot be sent
     * @throws NullPointerException     if {@code message} is null
     * @throws IllegalArgumentException if {@code message} is longer than {@value #MAX_LENGTH}
     */
    public void put(String message) throws IOException {
        Objects.requireNonNull(message, "message");
        if (message.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a message has at most " + MAX_LENGTH
                    + " characters, not " + message.length());
        }
        end.put(message);
    }

    /**
     * Removes and returns the message at the head of the queue, waiting for one to arrive for
     * at most {@code timeout}.
     *
     * @param timeout how long to wait for a message: zero means "only if one is there now", and
     *                a long one, a month say, works as well as a short one (a month of
     *                milliseconds does not fit in an {@code int})
     * @return the message
     * @throws TimeoutException     if no message came within {@code timeout}
     * @throws QueueClosedException if this queue is closed, or gets closed while waiting, or the
     *                              parent's end is gone (a child learns that at once, not at the
     *                              end of the timeout)
     * @throws IOException          if the parent cannot be asked
     * @throws InterruptedException if this thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public String get(Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        // at most a year (TimeUnit's conversion saturates where toNanos() would overflow)
        return end.get(Math.min(TimeUnit.NANOSECONDS.convert(timeout), LONGEST_WAIT_NANOS));
    }

    /**
     * Closes this end; calling it again does nothing. In the parent: stops accepting children,
     * closes every connection (so a child waiting in {@code get} learns it at once), and wakes
     * every local {@code get} with a {@link QueueClosedException}; messages still in the queue
     * are dropped. In a child: closes its connection; the messages it put stay in the parent's
     * queue. After {@code close}, {@code put} and {@code get} throw {@code QueueClosedException}.
     */
    @Override
    public void close() {
        end.close();
    }

    /** The parent's end: the messages, and a server that children connect to. */
    private static final class Owner implements End {

        private final ServerSocket server;
        private final String address;
        private final Deque<String> messages = new ArrayDeque<>(); // guarded by itself
        private boolean closed;                                     // guarded by messages
        private final Set<Socket> connections = ConcurrentHashMap.newKeySet(); // added to under messages

        Owner() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            address = "127.0.0.1:" + server.getLocalPort();
            Thread acceptor = new Thread(this::accept, "ipc-queue-accept-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public void put(String message) throws QueueClosedException {
            synchronized (messages) {
                if (closed) {
                    throw new QueueClosedException("the queue at " + address() + " is closed");
                }
                messages.addLast(message);
                messages.notifyAll();
            }
        }

        @Override
        public String get(long timeoutNanos) throws QueueClosedException, InterruptedException,
                TimeoutException {
            long deadline = System.nanoTime() + timeoutNanos;
            synchronized (messages) {
                while (true) {
                    if (closed) {
                        throw new QueueClosedException("the queue at " + address() + " is closed");
                    }
                    if (!messages.isEmpty()) {
                        return messages.removeFirst();
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new TimeoutException("no message within "
                                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                    }
                    TimeUnit.NANOSECONDS.timedWait(messages, left);
                }
            }
        }

        /** Puts a message that could not be delivered back at the head of the queue. */
        private void giveBack(String message) {
            synchronized (messages) {
                if (!closed) {
                    messages.addFirst(message);
                    messages.notifyAll();
                }
            }
        }

        /** Accepts children until {@code close()} closes the server socket. */
        private void accept() {
            while (true) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException e) {
                    return; // closed
                }
                synchronized (messages) { // either close() closes it, or it sees close()
                    if (closed) {
                        closeQuietly(socket);
                        return;
                    }
                    connections.add(socket);
                }
                // a daemon, as this thread is: a thread inherits its creator's daemon status
                new Thread(() -> serve(socket), "ipc-queue-serve-" + socket.getPort()).start();
            }
        }

        /**
         * Serves one child: its puts go into the messages in the order they arrive; its gets
         * (one at a time: a child waits for each answer) are answered by a thread of their own,
         * so that waiting for a message never stops this loop from reading the child's puts.
         */
        private void serve(Socket socket) {
            // its thread is made by this one, on the first get, and so a daemon like it (the
            // executors' default factory would make it a user thread)
            ExecutorService answerer = Executors.newSingleThreadExecutor(
                    task -> new Thread(task, "ipc-queue-answer-" + socket.getPort()));
            try {
                socket.setTcpNoDelay(true);
                DataInputStream in = new DataInputStream(
                        new BufferedInputStream(socket.getInputStream()));
                DataOutputStream out = new DataOutputStream(
                        new BufferedOutputStream(socket.getOutputStream()));
                while (true) {
                    int request = in.read();
                    if (request == PUT) {
                        put(in.readUTF());
                    } else if (request == GET) {
                        long timeoutMs = in.readLong();
                        answerer.execute(() -> answer(socket, out, timeoutMs));
                    } else {
                        return; // end of stream (the child left), or not our protocol
                    }
                }
            } catch (IOException e) {
                // EOFException: a message cut off by a child that died; otherwise a broken
                // connection or the queue closed. Either way this child is done.
            } finally {
                answerer.shutdownNow(); // a get it waits for is nobody's any more
                connections.remove(socket);
                closeQuietly(socket);
            }
        }

        private void answer(Socket socket, DataOutputStream out, long timeoutMs) {
            String message;
            try {
                message = get(TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs)));
            } catch (TimeoutException e) {
                send(socket, out, EMPTY, null);
                return;
            } catch (QueueClosedException | InterruptedException e) {
                return; // closed: close() closes the connection; interrupted: the child is gone
            }
            if (!send(socket, out, MESSAGE, message)) {
                giveBack(message); // the child is gone: the message is not lost with it
            }
        }

        private static boolean send(Socket socket, DataOutputStream out, int kind, String message) {
            try {
                synchronized (out) {
                    out.write(kind);
                    if (message != null) {
                        out.writeUTF(message);
                    }
                    out.flush();
                }
                return true;
            } catch (IOException e) {
                closeQuietly(socket);
                return false;
            }
        }

        @Override
        public void close() {
            synchronized (messages) {
                if (closed) {
                    return;
                }
                closed = true;
                messages.clear();
                messages.notifyAll();
            }
            closeQuietly(server);
            // no connection is added once closed is set; each one's serving thread, its read
            // failing, ends and stops its answerer (a waiting one is woken above)
            connections.forEach(ProcessQueue::closeQuietly);
        }
    }

    /** A child's end: a connection to the parent's queue. */
    private static final class Member implements End {

        private final String address;
        private final Socket socket;
        private final DataInputStream in;
        private final DataOutputStream out;
        private final Object writing = new Object();
        private final Object getting = new Object();
        private volatile boolean closed;

        Member(String address, String host, int port) throws IOException {
            this.address = address;
            socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
                socket.setTcpNoDelay(true);
                in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            } catch (IOException e) {
                closeQuietly(socket);
                throw e;
            }
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public void put(String message) throws QueueClosedException {
            synchronized (writing) {
                try { // once closed, the socket is: the write fails
                    out.write(PUT);
                    out.writeUTF(message);
                    out.flush();
                } catch (IOException e) {
                    throw gone(e);
                }
            }
        }

        @Override
        public String get(long timeoutNanos) throws QueueClosedException, TimeoutException {
            long timeoutMs = (timeoutNanos + 999_999) / 1_000_000; // never shorter than asked
            synchronized (getting) {
                synchronized (writing) {
                    try { // once closed, the socket is: the write fails
                        out.write(GET);
                        out.writeLong(timeoutMs);
                        out.flush();
                    } catch (IOException e) {
                        throw gone(e);
                    }
                }
                int answer;
                try {
                    // The parent answers within the timeout; waiting longer is only for a parent
                    // that hangs (a SocketTimeoutException). Never give up earlier: a message
                    // already sent would be lost.
                    long wait = timeoutMs + ANSWER_GRACE_MS;
                    socket.setSoTimeout(wait > Integer.MAX_VALUE ? 0 : (int) wait);
                    answer = in.read();
                    if (answer == MESSAGE) {
                        return in.readUTF();
                    }
                } catch (IOException e) {
                    throw gone(e);
                }
                if (answer == EMPTY) {
                    throw new TimeoutException("no message within " + timeoutMs + " ms");
                }
                throw gone(new EOFException("no answer from the parent (read " + answer
                        + "; -1 is the end of the stream)"));
            }
        }

        /** The connection is broken: close this end and say why. */
        private QueueClosedException gone(IOException cause) {
            boolean closedHere = closed;
            close();
            return new QueueClosedException(closedHere ? "this end of the queue at " + address
                    + " is closed" : "the parent's queue at " + address + " is gone", cause);
        }

        @Override
        public void close() {
            closed = true;
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is all that was wanted
        }
    }

    /**
     * A demo: {@code java conclab.ipc.ProcessQueue} creates a queue, starts two producer
     * children that put three messages each, and gets all six in the parent: the two children's
     * messages interleave, each child's stay in order. (With the arguments
     * {@code producer ADDRESS NAME} it is one of those children.)
     *
     * @param args none, or {@code producer ADDRESS NAME}
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("producer")) {
            try (ProcessQueue queue = connect(args[1])) {
                for (int i = 1; i <= 3; i++) {
                    queue.put(args[2] + " (pid " + ProcessHandle.current().pid() + "): message "
                            + i);
                }
            }
            return;
        }
        try (ProcessQueue queue = create()) {
            System.out.println("parent (pid " + ProcessHandle.current().pid() + "): queue at "
                    + queue.address());
            List<Process> children = new ArrayList<>();
            for (String name : List.of("jason", "tony")) {
                children.add(ChildJvm.processBuilder(ProcessQueue.class, "producer",
                        queue.address(), name).inheritIO().start());
            }
            for (int i = 0; i < 6; i++) {
                System.out.println("parent got: " + queue.get(Duration.ofSeconds(10)));
            }
            for (Process child : children) {
                child.waitFor();
            }
            System.out.println("both children have ended; the queue is empty: get(100 ms) ...");
            try {
                queue.get(Duration.ofMillis(100));
            } catch (TimeoutException e) {
                System.out.println("... TimeoutException, as expected");
            }
        }
    }
}
