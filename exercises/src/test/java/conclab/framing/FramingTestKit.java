package conclab.framing;

import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conclab.harness.BoundedWait;
import conclab.harness.CodeUnderTest;
import conclab.harness.CodeUnderTest.ThreadView;
import conclab.harness.Say;
import conclab.harness.Timing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;


import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.TestReporter;

/**
 * What the framing tests share: frames built by hand, byte by byte (never with the code under
 * test), a strict parser of what a writer produced, streams that deliver bytes in awkward pieces,
 * sockets on the loopback address, and calls that can neither hang a test nor wait past a bound.
 *
 * <p>Every text a student reads is in {@code FramingTestKit.properties} (and {@code _zh_CN}),
 * with the hints of the failures the kit finds itself (a frame written wrong, a read of valid
 * frames refused, broken bytes not refused, a server's thread that is not a daemon or does not
 * end, a port of every interface).
 */
final class FramingTestKit {

    static final Say SAY = Say.of(FramingTestKit.class);

    /** The loopback address the server must listen on. */
    static final InetAddress LOOPBACK = loopback();

    /** How long a peer waits for bytes that a correct program sends at once. */
    static final Duration REPLY_WAIT = Timing.upperBound(Duration.ofMillis(250));

    /** How long {@code start} and {@code close} may take. */
    static final Duration LIFECYCLE_WAIT = Timing.upperBound(Duration.ofMillis(250));

    /** Name of the helper threads that run calls into the code under test. */
    static final String CALL_THREAD = BoundedWait.CALL_THREAD;

    /**
     * The test's own JSON parser, to judge headers independently of the code under test. Made on
     * first use: Jackson takes a moment to start, which a test that fails before needs not pay.
     */
    static ObjectMapper json() {
        return Json.MAPPER;
    }

    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /**
     * How many servers a hidden test starts and closes, looking at once each time whether close()
     * returned before its thread had ended: a thread that close() does not wait for usually ends
     * within microseconds of its sockets' closing, so one look may miss it; many rarely do.
     */
    static final int CLOSE_ROUNDS = 10;

    /**
     * Closes a server within the lifecycle bound and returns the threads started since
     * {@code before} that still run the exercise's code, looked at the moment {@code close()}
     * returned, on the thread that called it: close() returns only once its thread has ended, so
     * this must be empty ({@link #expectEndedWhenCloseReturned}).
     */
    static List<ThreadView> closeAndLook(FrameEchoServer server, Set<Long> before) throws Exception {
        return conclab.harness.BoundedWait.within(LIFECYCLE_WAIT, "FrameEchoServer.close()",
                SAY.text("closeAndLook.advice"), () -> {
                    server.close();
                    return exerciseThreads(before);
                });
    }

    private FramingTestKit() {
    }

    // ---- frames by hand ----------------------------------------------------------------------

    /** A frame built by hand: 4-byte big-endian length of the header's UTF-8 bytes, header, payload. */
    static byte[] frame(String headerJson, byte[] payload) {
        byte[] header = utf8(headerJson);
        return ByteBuffer.allocate(4 + header.length + payload.length)
                .putInt(header.length).put(header).put(payload).array();
    }

    /** A frame with the header {@code {"size":N}} (plus {@code extraFields}, e.g. {@code ,"name":"x"}). */
    static byte[] frame(byte[] payload, String extraFields) {
        return frame("{\"size\":" + payload.length + extraFields + "}", payload);
    }

    /** Any bytes prefixed by a header length given by hand (which may lie). */
    static byte[] withLength(int headerLength, byte[] rest) {
        return ByteBuffer.allocate(4 + rest.length).putInt(headerLength).put(rest).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** A header of exactly {@code length} bytes: {@code {"size":N,"pad":"xxx..."}}. */
    static String headerOfLength(int length, int size) {
        String start = "{\"size\":" + size + ",\"pad\":\"";
        int pad = length - utf8(start).length - 2;
        return start + "x".repeat(pad) + "\"}";
    }

    // ---- judging what a writer wrote ---------------------------------------------------------

    /** One frame as the test's strict parser found it in a writer's bytes. */
    record Parsed(int headerLength, JsonNode header, byte[] payload, int frameLength) {
    }

    /**
     * Parses the frame at {@code offset} of {@code bytes}, strictly by the protocol, failing the
     * test with a precise description of the first thing that is wrong.
     */
    static Parsed parse(byte[] bytes, int offset, String what) {
        int left = bytes.length - offset;
        if (left < 4) {
            SAY.hinting("frame.layout", () -> fail(SAY.text("parse.short", what, left,
                    hex(bytes, offset, left))));
        }
        int headerLength = ByteBuffer.wrap(bytes, offset, 4).getInt();
        if (headerLength <= 0 || headerLength > left - 4) {
            SAY.hinting("frame.prefix", () -> fail(SAY.text("parse.prefix", what,
                    hex(bytes, offset, 4), headerLength, left - 4)));
        }
        String headerText = new String(bytes, offset + 4, headerLength, StandardCharsets.UTF_8);
        JsonNode header = parseHeader(headerText, headerLength, what);
        JsonNode size = header.get("size");
        int payloadStart = offset + 4 + headerLength;
        if (size.asLong() > bytes.length - payloadStart || size.asLong() < 0) {
            SAY.hinting("frame.size", () -> fail(SAY.text("parse.size", what, size,
                    bytes.length - payloadStart)));
        }
        byte[] payload = Arrays.copyOfRange(bytes, payloadStart, payloadStart + size.asInt());
        return new Parsed(headerLength, header, payload, 4 + headerLength + size.asInt());
    }

    /** Parses a header's text strictly: one JSON object with an integer size. */
    static JsonNode parseHeader(String headerText, int headerLength, String what) {
        JsonNode header;
        try {
            header = json().readTree(headerText);
        } catch (IOException e) {
            return SAY.hinting("frame.bytes", () -> fail(SAY.text("parse.notJson", what,
                    headerLength, shorten(headerText), e.getMessage())));
        }
        if (header == null || !header.isObject()) {
            fail(SAY.text("parse.notObject", what, shorten(headerText)));
        }
        JsonNode size = header.get("size");
        if (size == null || !size.isIntegralNumber() || size.asLong() < 0) {
            SAY.hinting("frame.sizeField", () -> fail(SAY.text("parse.noSize", what,
                    shorten(headerText))));
        }
        return header;
    }

    // ---- streams that deliver bytes awkwardly ------------------------------------------------

    /** A stream whose every read returns at most one byte, and that counts its reads. */
    static final class OneByteAtATime extends InputStream {

        private final byte[] bytes;
        private int position;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int b = read();
            if (b == -1) {
                return -1;
            }
            into[off] = (byte) b;
            return 1;
        }

        /** How many bytes were taken from the stream so far. */
        int position() {
            return position;
        }
    }

    /** A stream that delivers its bytes in pieces of the given sizes (then the rest at once). */
    static final class Pieces extends InputStream {

        private final byte[] bytes;
        private final int[] sizes;
        private int position;
        private int piece;
        private int leftInPiece;
        private boolean closed;

        Pieces(byte[] bytes, int... sizes) {
            this.bytes = bytes;
            this.sizes = sizes;
            this.leftInPiece = sizes.length > 0 ? sizes[0] : Integer.MAX_VALUE;
        }

        /** Pieces of random sizes between 1 and {@code max}, the same for the same seed. */
        static Pieces random(byte[] bytes, long seed, int max) {
            Random random = new Random(seed);
            int[] sizes = new int[bytes.length];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = 1 + random.nextInt(max);
            }
            return new Pieces(bytes, sizes);
        }

        /** The bytes whole, each read giving as many as it asks for. */
        static Pieces whole(byte[] bytes) {
            return new Pieces(bytes);
        }

        /** How many bytes were taken from the stream so far. */
        int position() {
            return position;
        }

        /** Whether somebody closed this stream. */
        boolean closed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= bytes.length) {
                return -1;
            }
            while (leftInPiece == 0) {
                piece++;
                leftInPiece = piece < sizes.length ? sizes[piece] : Integer.MAX_VALUE;
            }
            int n = Math.min(Math.min(len, leftInPiece), bytes.length - position);
            System.arraycopy(bytes, position, into, off, n);
            position += n;
            leftInPiece -= n;
            return n;
        }
    }

    /** A stream of {@code prefix}, then {@code failure} from every read, as a broken network gives. */
    static InputStream thenFailing(byte[] prefix, IOException failure) {
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position < prefix.length) {
                    return prefix[position++] & 0xFF;
                }
                throw failure;
            }

            @Override
            public int read(byte[] into, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (position >= prefix.length) {
                    throw failure;
                }
                int n = Math.min(len, prefix.length - position);
                System.arraycopy(prefix, position, into, off, n);
                position += n;
                return n;
            }
        };
    }

    /**
     * A stream of {@code prefix}, then {@code zeros} zero bytes made on demand (nothing held in
     * memory), for payloads larger than a test wants to build.
     */
    static InputStream thenZeros(byte[] prefix, long zeros) {
        return new java.io.SequenceInputStream(new ByteArrayInputStream(prefix), new InputStream() {
            private long left = zeros;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return 0;
            }

            @Override
            public int read(byte[] into, int off, int len) {
                if (left == 0) {
                    return len == 0 ? 0 : -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(into, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        });
    }

    // ---- calling the code under test ---------------------------------------------------------

    /** {@code reader.read()}, failing the test if it does not return within {@link #REPLY_WAIT}. */
    static Optional<Frame> readWithin(FrameReader reader, String what) throws Exception {
        try {
            return within(REPLY_WAIT, what, SAY.text("read.advice"), reader::read);
        } catch (conclab.harness.CallDidNotReturn late) {
            // only a read that hangs carries this hint: what read() throws is the caller's
            SAY.hinting("read.returns", () -> {
                throw late;
            });
            throw late; // not reached: hinting rethrows it
        }
    }

    /**
     * {@code reader.read()} of bytes that are all valid frames: fails the test, with {@code what}
     * and advice, if it throws a {@link FramingException} or does not return in time.
     */
    static Optional<Frame> readValid(FrameReader reader, String what) throws Exception {
        try {
            return readWithin(reader, SAY.text("read.of", what));
        } catch (FramingException e) {
            return SAY.hinting("read.exactly", () -> fail(SAY.text("valid.refused", what, e), e));
        }
    }

    /**
     * Feeds {@code input} to a new reader and expects exactly {@code goodFrames} frames, then a
     * {@link FramingException}; fails with what happened instead (a frame read out of broken
     * bytes is a failure too: "the checks accept frames before the expected exception" let a
     * reader that reads {@code 1.5} as 1 pass).
     *
     * @return the exception, for checks of its message
     */
    static FramingException expectFramingException(byte[] input, int maxPayload, int goodFrames,
                                                   String what) throws Exception {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(input), maxPayload);
        String shown = " (" + hex(input, 0, Math.min(input.length, 24))
                + (input.length > 24 ? " ..." : "") + ")";
        for (int frames = 0; ; frames++) {
            Optional<Frame> frame;
            try {
                frame = readWithin(reader, SAY.text("read.of", what));
            } catch (FramingException expected) {
                if (frames < goodFrames) {
                    int number = frames + 1;
                    SAY.hinting("read.exactly", () -> fail(SAY.text("broken.early", what, shown,
                            number, expected, goodFrames)));
                }
                if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                    SAY.hinting("broken.say", () -> fail(SAY.text("broken.noMessage", what)));
                }
                return expected;
            } catch (UnsupportedOperationException todo) {
                throw todo;
            } catch (Exception | Error other) {
                AssertionError wrong = new AssertionError(SAY.text("broken.other", what, shown,
                        other), other);
                SAY.hinting("broken.wrap", () -> {
                    throw wrong;
                });
                throw wrong; // not reached: hinting rethrows it
            }
            if (frame.isEmpty()) {
                int read = frames;
                return SAY.hinting("broken.notEnd", () -> fail(SAY.text("broken.cleanEnd", what,
                        shown, read)));
            }
            if (frames >= goodFrames) {
                int number = frames + 1;
                Frame taken = frame.get();
                return SAY.hinting("broken.check", () -> fail(SAY.text("broken.accepted", what,
                        shown, number, taken)));
            }
        }
    }

    // ---- sockets -----------------------------------------------------------------------------

    /** A connected pair of sockets on the loopback address, both with a read timeout. */
    record Pipe(Socket sender, Socket receiver) implements AutoCloseable {

        static Pipe open() throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 1, LOOPBACK)) {
                listener.setSoTimeout((int) REPLY_WAIT.toMillis());
                Socket sender = new Socket();
                sender.connect(new InetSocketAddress(LOOPBACK, listener.getLocalPort()),
                        (int) REPLY_WAIT.toMillis());
                Socket receiver = listener.accept();
                for (Socket socket : new Socket[] {sender, receiver}) {
                    socket.setSoTimeout((int) REPLY_WAIT.toMillis());
                    socket.setTcpNoDelay(true);
                }
                return new Pipe(sender, receiver);
            }
        }

        @Override
        public void close() throws IOException {
            sender.close();
            receiver.close();
        }
    }

    /** Reads exactly {@code n} bytes, or fails saying what arrived and {@code whenMissing}. */
    static byte[] readExactly(InputStream in, int n, String whenMissing) throws IOException {
        byte[] bytes = new byte[n];
        int got = 0;
        while (got < n) {
            int r;
            try {
                r = in.read(bytes, got, n - got);
            } catch (SocketTimeoutException e) {
                return fail(SAY.text("socket.timedOut", n, got, REPLY_WAIT.toMillis(),
                        whenMissing));
            }
            if (r == -1) {
                return fail(SAY.text("socket.closed", n, got, whenMissing));
            }
            got += r;
        }
        return bytes;
    }

    /** Reads one whole frame from a socket, strictly; fails if it does not come. */
    static Parsed readFrame(InputStream in, String whenMissing) throws IOException {
        byte[] prefix = readExactly(in, 4, whenMissing);
        int headerLength = ByteBuffer.wrap(prefix).getInt();
        if (headerLength <= 0 || headerLength > FrameReader.MAX_HEADER_BYTES) {
            fail(SAY.text("socket.notFrame", headerLength, hex(prefix, 0, 4)));
        }
        byte[] header = readExactly(in, headerLength, whenMissing);
        JsonNode node = parseHeader(new String(header, StandardCharsets.UTF_8), headerLength,
                SAY.text("socket.serversFrame"));
        byte[] payload = readExactly(in, node.get("size").asInt(), whenMissing);
        return new Parsed(headerLength, node, payload, 4 + headerLength + payload.length);
    }

    /**
     * Whether {@code thread} is blocked in a socket read that found no bytes yet: then the bytes
     * sent so far have been taken, and the next ones arrive on their own.
     */
    static boolean waitsForBytes(Thread thread) {
        for (StackTraceElement frame : CodeUnderTest.stackOf(thread)) {
            String type = frame.getClassName();
            String method = frame.getMethodName();
            // a read with a timeout polls; one without blocks in read0 (JDK 17's NioSocketImpl)
            if ((type.startsWith("sun.nio.ch.") && (method.equals("park") || method.equals("poll")
                    || method.equals("read0"))) || method.equals("socketRead0")) {
                return true;
            }
        }
        return false;
    }

    // ---- the code under test's threads -------------------------------------------------------

    /**
     * Fails if a server listening on {@code port} took the port on every interface rather than
     * on 127.0.0.1 only: checked on 127.0.0.2, where Linux and Windows answer for all of
     * 127.0.0.0/8; where the machine has no such address (macOS), not at all.
     */
    static void expectLoopbackOnly(int port, String server) throws IOException {
        InetAddress second = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 2});
        try (ServerSocket probe = new ServerSocket(0, 1, second)) {
            // 127.0.0.2 can be bound here: the check means something
        } catch (IOException e) {
            return;
        }
        try (ServerSocket beside = new ServerSocket(port, 1, second)) {
            if (beside.getLocalPort() != port) {
                fail(SAY.text("rebound", "127.0.0.2", port, beside.getLocalPort()));
            }
        } catch (java.net.BindException e) {
            SAY.hinting("loopbackOnly", () -> fail(SAY.text("everyInterface", server, port,
                    e.getMessage())));
        }
    }

    /** The ids of the code under test's live threads, to tell the threads a server starts later. */
    static Set<Long> threadIds() {
        return CodeUnderTest.threads().stream().map(ThreadView::id).collect(Collectors.toSet());
    }

    /**
     * The live threads of the code under test that were not in {@code before} and show code of
     * the exercise on their stacks (not the tests' code, not the helper threads that make the
     * tests' calls): the threads a server started.
     */
    static List<ThreadView> exerciseThreads(Set<Long> before) {
        return CodeUnderTest.threads().stream()
                .filter(thread -> !before.contains(thread.id()))
                .filter(thread -> !thread.name().equals(CALL_THREAD))
                .filter(thread -> thread.stack().stream().anyMatch(frame -> {
                    String name = frame.getClassName();
                    if (!name.startsWith("conclab.framing.")) {
                        return false;
                    }
                    String top = name.substring("conclab.framing.".length()).split("\\$", 2)[0];
                    return !top.endsWith("Test") && !top.equals("FramingTestKit");
                }))
                .toList();
    }

    /**
     * Fails unless {@code runningWhenClosed}, the threads of the exercise seen the moment
     * {@code close()} returned, is empty: close() returns only once its serving thread has ended.
     * Called after {@link #expectThreadsEnd}, so that a thread that never ends is told as such.
     */
    static void expectEndedWhenCloseReturned(List<ThreadView> runningWhenClosed) {
        if (!runningWhenClosed.isEmpty()) {
            SAY.hinting("joinThread", () -> fail(SAY.text("threadsAfterClose",
                    describe(runningWhenClosed))));
        }
    }

    /** {@code 'frame-echo-server-4000' (RUNNABLE, daemon)}, for messages. */
    static String describe(List<ThreadView> threads) {
        return threads.stream().map(thread -> SAY.text(thread.daemon() ? "thread.daemon"
                : "thread.notDaemon", thread.name(), thread.state()))
                .collect(Collectors.joining(SAY.text("list.separator")));
    }

    /**
     * Starts a frame echo server from a thread of the test's own that is not a daemon: a thread
     * takes the daemon status of the thread that creates it, so only a server started this way
     * shows whether it makes its thread a daemon itself (as {@code main} would start it).
     */
    static FrameEchoServer startFromANonDaemonThread() throws Exception {
        java.util.concurrent.FutureTask<FrameEchoServer> start =
                new java.util.concurrent.FutureTask<>(() -> FrameEchoServer.start(0));
        Thread starter = new Thread(start, "framing-test-non-daemon-starter");
        starter.setDaemon(false); // like main; it ends as soon as start() returns
        BoundedWait.announce(LIFECYCLE_WAIT);
        starter.start();
        try {
            return start.get(LIFECYCLE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            starter.interrupt();
            conclab.harness.CallDidNotReturn late = new conclab.harness.CallDidNotReturn(
                    SAY.text("didNotReturn", "FrameEchoServer.start(0)", LIFECYCLE_WAIT.toMillis(),
                            SAY.text("start.advice")), LIFECYCLE_WAIT);
            SAY.hinting("startReturns", () -> {
                throw late;
            });
            throw late; // not reached: hinting rethrows it
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Fails unless every thread of the server (started since {@code before}) is a daemon. */
    static void expectDaemons(Set<Long> before) {
        List<ThreadView> notDaemons = exerciseThreads(before).stream()
                .filter(thread -> !thread.daemon()).toList();
        if (!notDaemons.isEmpty()) {
            SAY.hinting("daemon", () -> fail(SAY.text("notDaemon", describe(notDaemons))));
        }
    }

    /**
     * Waits (briefly) until no thread started since {@code before} runs the exercise's code any
     * more: close() must end the server's threads. Publishes how long that took.
     */
    static void expectThreadsEnd(Set<Long> before, TestReporter reporter) {
        Duration bound = Timing.upperBound(Duration.ofMillis(100));
        long closedAt = System.nanoTime();
        BoundedWait.announce(bound);
        try {
            org.awaitility.Awaitility.await().atMost(bound).pollInSameThread()
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .until(() -> exerciseThreads(before).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            SAY.hinting("threadsEnd", () -> fail(SAY.text("threadsRun", bound.toMillis(),
                    describe(exerciseThreads(before)))));
        }
        publish(reporter, "threadsEndedMs", System.nanoTime() - closedAt, bound);
    }

    // ---- small things ------------------------------------------------------------------------

    /** Publishes a measured duration and its bound: {@code fooMs}, {@code fooBoundMs}. */
    static void publish(TestReporter reporter, String key, long nanos, Duration bound) {
        reporter.publishEntry(key, String.valueOf(TimeUnit.NANOSECONDS.toMillis(nanos)));
        reporter.publishEntry(key.replaceFirst("Ms$", "") + "BoundMs",
                String.valueOf(bound.toMillis()));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code length} arbitrary bytes, the same ones on every run. */
    static byte[] arbitraryBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    static String hex(byte[] bytes, int offset, int length) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, offset, offset + length);
    }

    static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
