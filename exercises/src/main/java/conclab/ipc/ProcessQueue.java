package conclab.ipc;

import conclab.lab.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    // TODO: what a queue needs to remember. The parent's: the messages (a Deque guarded by a
    //  lock, or a LinkedBlockingQueue), the ServerSocket, the accepting thread, the open
    //  connections (to close them), whether it is closed. A child's: its Socket, its
    //  DataInputStream and DataOutputStream, a lock per direction.

    private ProcessQueue() {
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
        throw new UnsupportedOperationException("TODO: bind a ServerSocket on 127.0.0.1 port 0,"
                + " start a daemon thread that accepts children (one serving thread each), and"
                + " return the parent's end");
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
        throw new UnsupportedOperationException("TODO: split address into host and port, open a"
                + " Socket to it (with a connect timeout), wrap its streams in DataInputStream and"
                + " DataOutputStream (buffered), and return the child's end");
    }

    /**
     * Where children connect: {@code "127.0.0.1:PORT"}. Pass it to a child as an argument. A
     * child's end answers the address it connected to.
     *
     * @return the queue's address
     */
    public String address() {
        throw new UnsupportedOperationException("TODO: return \"127.0.0.1:\" + the port the"
                + " ServerSocket is bound to (a child's end: the address it connected to)");
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
        throw new UnsupportedOperationException("TODO: check the message; the parent adds it to"
                + " its messages (and wakes a waiting get), a child writes 'P' + writeUTF(message)"
                + " and flushes; a failed write means the parent is gone: QueueClosedException");
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
        throw new UnsupportedOperationException("TODO: the parent waits (with a deadline) until"
                + " a message is there, the timeout has passed, or the queue is closed; a child"
                + " sends 'G' + the timeout, flushes, and reads the answer: 'M' + message, or 'E'"
                + " for TimeoutException; end of stream means QueueClosedException");
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
        throw new UnsupportedOperationException("TODO: mark closed; the parent closes its"
                + " ServerSocket and every connection and wakes its waiting gets, a child closes"
                + " its Socket");
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
