package conclab.transfer;

import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.Say;
import conclab.lab.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;

/**
 * What the transfer tests are made of. Everything the tests compare against is computed here,
 * independently of the student's classes: hand-built transfers, the test's own reading of the
 * wire format, the sampled digest by its definition, and deterministic content that is cheap to
 * generate and to check without hashing it.
 *
 * <p>Its texts (what its channels and streams say when a student's code misuses them, what a
 * child JVM did) are in {@code TransferTestKit.properties} (and {@code _zh_CN}); a child that ran
 * out of memory fails with the hint for that ({@link Child#fail}).
 */
final class TransferTestKit {

    static final Say SAY = Say.of(TransferTestKit.class);

    /** The length of the big file that the child JVMs transfer: 16 MiB. */
    static final long BIG_SIZE = 16L << 20;

    /** The heap of the child JVMs that transfer it: a quarter of the file. */
    static final String CHILD_HEAP = "-Xmx4m";

    /**
     * The SHA-256 of the first {@link #BIG_SIZE} bytes of {@link Content}, computed once
     * (hashing 16 MiB takes a while in a test JVM without its optimising compiler).
     */
    static final String BIG_SHA256 =
            "54dd20ac6bab054b51a5486da119d2e870338c4bb33ca97d75bc0d4a2fba5d9b";

    /** The Javadoc's example: {@code hi.txt} holding {@code hello\n}, as 54 bytes. */
    static final byte[] HELLO_TRANSFER = HexFormat.of().parseHex("0006" + "68692e747874"
            + "0000000000000006"
            + "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
            + "68656c6c6f0a");

    /**
     * How long a transfer of about a megabyte between two threads of the test JVM, over loopback,
     * may take: well under 100 ms on an idle machine.
     */
    static final Duration TCP_WAIT = conclab.harness.Timing.upperBound(Duration.ofSeconds(2));

    private TransferTestKit() {
    }

    /** Publishes a measured duration and its bound as the pair {@code keyMs}, {@code keyBoundMs}. */
    static void publish(org.junit.jupiter.api.TestReporter reporter, String key, long nanos,
                        Duration bound) {
        reporter.publishEntry(key + "Ms", String.valueOf(nanos / 1_000_000));
        reporter.publishEntry(key + "BoundMs", String.valueOf(bound.toMillis()));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] bytes) {
        return newSha256().digest(bytes);
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The bytes of a transfer as the wire format says, built by hand. */
    static byte[] transfer(byte[] nameBytes, long size, byte[] digest, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(nameBytes.length);
            out.write(nameBytes);
            out.writeLong(size);
            out.write(digest);
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A correct transfer of {@code content} named {@code name}. */
    static byte[] transfer(String name, byte[] content) {
        return transfer(utf8(name), content.length, sha256(content), content);
    }

    /** The header of a transfer, without its content. */
    static byte[] header(String name, long size, byte[] digest) {
        return transfer(utf8(name), size, digest, new byte[0]);
    }

    /** The files in a folder and below, as relative paths: what a test expects to be there. */
    static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !p.equals(folder)).map(p -> folder.relativize(p).toString()
                    .replace('\\', '/')).sorted().toList();
        }
    }

    /**
     * The sampled digest by its definition in {@link FileDigests}, computed from
     * {@link Content} directly.
     */
    static byte[] expectedSampled(long size, int slices, int sliceSize) {
        MessageDigest digest = newSha256();
        digest.update(ByteBuffer.allocate(8).putLong(size).array());
        if (size <= (long) slices * sliceSize) {
            digest.update(Content.bytes(0, (int) size));
        } else {
            for (int i = 0; i < slices; i++) {
                digest.update(Content.bytes(i * (size - sliceSize) / (slices - 1), sliceSize));
            }
        }
        return digest.digest();
    }

    /**
     * Deterministic content of any length: byte {@code p} is a fixed function of {@code p}
     * (SplitMix64 of the 8-byte word it belongs to), so any part of a file of any size can be
     * produced, or checked, without storing or hashing the rest.
     */
    static final class Content {

        private Content() {
        }

        private static long word(long index) {
            long z = index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Fills {@code buffer[offset .. offset+length)} with the content at {@code position}. */
        static void fill(long position, byte[] buffer, int offset, int length) {
            int i = 0;
            while (i < length) {
                long p = position + i;
                long w = word(p >>> 3);
                int shift = (int) (p & 7);
                int n = Math.min(8 - shift, length - i);
                for (int k = 0; k < n; k++) {
                    buffer[offset + i + k] = (byte) (w >>> ((shift + k) * 8));
                }
                i += n;
            }
        }

        static byte[] bytes(long position, int length) {
            byte[] bytes = new byte[length];
            fill(position, bytes, 0, length);
            return bytes;
        }

        /** Writes the first {@code size} bytes of the content to {@code file}, in chunks. */
        static void write(Path file, long size) throws IOException {
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (long done = 0; done < size; ) {
                    int n = (int) Math.min(chunk.length, size - done);
                    fill(done, chunk, 0, n);
                    out.write(chunk, 0, n);
                    done += n;
                }
            }
        }

        /** Writes the first {@code size} bytes of the content to {@code out}, in chunks. */
        static void writeTo(OutputStream out, long size) throws IOException {
            byte[] chunk = new byte[64 * 1024];
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(chunk.length, size - done);
                fill(done, chunk, 0, n);
                out.write(chunk, 0, n);
                done += n;
            }
        }

        /**
         * Reads {@code size} bytes from {@code in} and checks that they are the content; returns
         * a description of the first difference, or {@code null} if they all match.
         */
        static String check(InputStream in, long size) throws IOException {
            byte[] got = new byte[64 * 1024];
            byte[] want = new byte[got.length];
            for (long done = 0; done < size; ) {
                int n = in.read(got, 0, (int) Math.min(got.length, size - done));
                if (n < 0) {
                    return SAY.text("content.ended", done, size);
                }
                fill(done, want, 0, n);
                int at = java.util.Arrays.mismatch(got, 0, n, want, 0, n);
                if (at >= 0) {
                    return SAY.text("content.differs", done + at);
                }
                done += n;
            }
            return null;
        }
    }

    /**
     * A virtual file of any size made of {@link Content}, as a read-only channel that counts the
     * bytes read and refuses to give more than {@code readLimit} of them: a sampled digest that
     * reads the whole file fails at once, instead of reading a terabyte.
     */
    static final class ContentChannel implements SeekableByteChannel {

        /** How many reads at the end a reader may make before the channel calls it a loop. */
        private static final int READS_AT_THE_END = 1_000;

        private final long size;
        private final long readLimit;
        private final int maxPerRead;
        private final long end;
        private boolean zeroes;
        private boolean zeroNext;
        private long position;
        private long bytesRead;
        private int readsAtTheEnd;
        private boolean open = true;

        ContentChannel(long size, long readLimit) {
            this(size, readLimit, Integer.MAX_VALUE);
        }

        /** @param maxPerRead the most bytes one {@code read} returns, as a slow source might */
        ContentChannel(long size, long readLimit, int maxPerRead) {
            this(size, readLimit, maxPerRead, size);
        }

        /**
         * Makes every other read return 0 bytes, as {@code ReadableByteChannel.read} may ("the
         * number of bytes read, possibly zero"): that is not the end.
         */
        ContentChannel withEmptyReads() {
            zeroes = true;
            return this;
        }

        /**
         * @param end where the content really ends: before {@code size} for a file that was cut
         *            short after its size was taken (reads there return -1)
         */
        ContentChannel(long size, long readLimit, int maxPerRead, long end) {
            this.size = size;
            this.readLimit = readLimit;
            this.maxPerRead = maxPerRead;
            this.end = Math.min(end, size);
        }

        long bytesRead() {
            return bytesRead;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            ensureOpen();
            if (position >= end) {
                if (++readsAtTheEnd > READS_AT_THE_END) {
                    // an Error, not an IOException: a reader that loops on -1 must not pass
                    // for one that reports the end
                    throw new AssertionError(SAY.text("channel.loops", READS_AT_THE_END,
                            position));
                }
                return -1;
            }
            if (zeroes && (zeroNext = !zeroNext)) {
                return 0;
            }
            int n = (int) Math.min(Math.min(dst.remaining(), maxPerRead), end - position);
            if (bytesRead + n > readLimit) {
                throw new IOException(SAY.text("channel.readTooMuch", readLimit, bytesRead + n,
                        size));
            }
            byte[] bytes = Content.bytes(position, n);
            dst.put(bytes);
            position += n;
            bytesRead += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            ensureOpen();
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            ensureOpen();
            if (newPosition < 0) {
                throw new IllegalArgumentException(SAY.text("channel.negative", newPosition));
            }
            position = newPosition;
            return this;
        }

        @Override
        public long size() throws IOException {
            ensureOpen();
            return size;
        }

        @Override
        public SeekableByteChannel truncate(long newSize) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        private void ensureOpen() throws IOException {
            if (!open) {
                throw new java.nio.channels.ClosedChannelException();
            }
        }
    }

    /**
     * An input stream that hands out fewer bytes per read than asked for, as TCP may: at most
     * {@code most} bytes per read for the first {@code slowBytes} bytes (the header, say), then
     * pieces of odd sizes up to about 4 KB. Few reads in all: in the grader each one crosses
     * between two JVMs.
     */
    static final class Dribble extends FilterInputStream {

        private static final int[] PIECES = {4093, 1, 3001, 17, 4096, 999};

        private final int most;
        private final long slowBytes;
        private long delivered;
        private int piece;

        Dribble(InputStream in, int most) {
            this(in, most, 64);
        }

        Dribble(InputStream in, int most, long slowBytes) {
            super(in);
            this.most = most;
            this.slowBytes = slowBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            delivered += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int cap = delivered < slowBytes ? most : PIECES[piece++ % PIECES.length];
            int n = super.read(b, off, Math.min(len, cap));
            delivered += Math.max(n, 0);
            return n;
        }
    }

    /**
     * The stream a test hands to {@code receive}: it gives out the bytes of {@code bytes} and
     * records how it was read (the largest read asked for, whether it was closed, how many
     * bytes were taken). It may fail at a position, as a connection that is reset, or hold the
     * reader at a position until the test lets it go on ({@link #release()}).
     */
    static final class TestInput extends InputStream {

        /** How long a reader held at the gate waits for the test before giving up. */
        private static final Duration HOLD_LIMIT = Duration.ofSeconds(20);

        private final byte[] bytes;
        private final int failAt;
        private final Supplier<? extends Exception> failure;
        private final int gateAt;
        private final CountDownLatch gate =
                new CountDownLatch(1);
        private volatile int position;
        private volatile int largestRead;
        private volatile boolean closed;
        private volatile boolean heldAtTheGate;

        private TestInput(byte[] bytes, int failAt,
                          Supplier<? extends Exception> failure, int gateAt) {
            this.bytes = bytes;
            this.failAt = failAt;
            this.failure = failure;
            this.gateAt = gateAt;
        }

        /** A stream of {@code bytes} that ends after them. */
        static TestInput of(byte[] bytes) {
            return new TestInput(bytes, Integer.MAX_VALUE, null, Integer.MAX_VALUE);
        }

        /**
         * A stream of {@code bytes} whose reads fail with {@code failure} (an IOException or a
         * RuntimeException) once the first {@code failAt} bytes have been taken.
         */
        static TestInput failingAt(byte[] bytes, int failAt,
                                   Supplier<? extends Exception> failure) {
            return new TestInput(bytes, failAt, failure, Integer.MAX_VALUE);
        }

        /** A stream of {@code bytes} that holds its reader at {@code gateAt} until released. */
        static TestInput heldAt(byte[] bytes, int gateAt) {
            return new TestInput(bytes, Integer.MAX_VALUE, null, gateAt);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            largestRead = Math.max(largestRead, len);
            if (len == 0) {
                return 0;
            }
            if (position >= gateAt && gate.getCount() > 0) {
                heldAtTheGate = true;
                try {
                    if (!gate.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IOException(SAY.text("input.neverReleased"));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException(SAY.text("input.interrupted"));
                } finally {
                    heldAtTheGate = false;
                }
            }
            if (position >= failAt) {
                Exception e = failure.get();
                if (e instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) e;
            }
            if (position >= bytes.length) {
                return -1;
            }
            int stop = Math.min(bytes.length, Math.min(failAt, position < gateAt ? gateAt
                    : Integer.MAX_VALUE));
            int n = Math.min(len, stop - position);
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }

        /** Lets a reader held at the gate go on. */
        void release() {
            gate.countDown();
        }

        /** Whether a reader is waiting at the gate now. */
        boolean heldAtTheGate() {
            return heldAtTheGate;
        }

        /** How many bytes have been taken. */
        int position() {
            return position;
        }

        /** The most bytes one read asked for. */
        int largestRead() {
            return largestRead;
        }

        boolean closed() {
            return closed;
        }
    }

    /** The stream a test hands to {@code send}: keeps what was written, and whether it was closed. */
    static final class TestOutput extends OutputStream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile boolean closed;

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }

        boolean closed() {
            return closed;
        }
    }

    /** What the test's own reader found in a transfer's header. */
    record Header(byte[] nameBytes, long size, byte[] digest) {

        String name() {
            return new String(nameBytes, StandardCharsets.UTF_8);
        }

        /** Reads a header as the wire format says, failing the test if it is cut short. */
        static Header read(InputStream in, String who) throws IOException {
            java.io.DataInputStream data = new java.io.DataInputStream(in);
            try {
                byte[] name = new byte[data.readUnsignedShort()];
                data.readFully(name);
                long size = data.readLong();
                byte[] digest = new byte[32];
                data.readFully(digest);
                return new Header(name, size, digest);
            } catch (java.io.EOFException e) {
                return fail(SAY.text("header.cut", who));
            }
        }
    }

    /**
     * A child JVM running a {@code main} of the exercise with a small heap, whose output the test
     * reads line by line. Closing it kills it.
     */
    static final class Child implements AutoCloseable {

        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> transcript = new ArrayList<>();
        private final String what;
        private final Thread reader;

        private Child(Process process, String what) {
            this.process = process;
            this.what = what;
            this.reader = new Thread(this::read, "transfer-child-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Starts {@code mainClass.main(args)} in a JVM with {@link #CHILD_HEAP}. */
        static Child start(Class<?> mainClass, String... args) throws IOException {
            List<String> command = ChildJvm.command(List.of(CHILD_HEAP,
                    "-XX:+ExitOnOutOfMemoryError"), mainClass.getName(), List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            return new Child(process, SAY.text("child.what", mainClass.getSimpleName(),
                    CHILD_HEAP));
        }

        private void read() {
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                    process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (transcript) {
                        if (transcript.size() < 200) {
                            transcript.add(line);
                        }
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child is gone
            }
        }

        /**
         * The next line of output that matches {@code wanted}, waiting at most {@code bound};
         * fails the test with {@code whenNot} and the child's output otherwise.
         */
        String awaitLine(Predicate<String> wanted, Duration bound, String whenNot)
                throws InterruptedException {
            BoundedWait.announce(bound);
            long deadline = System.nanoTime() + bound.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(Math.min(left, 50_000_000L),
                        TimeUnit.NANOSECONDS) : null;
                if (line != null && wanted.test(line)) {
                    return line;
                }
                if (line == null && (left <= 0 || (!process.isAlive() && lines.isEmpty()))) {
                    if (!process.isAlive()) {
                        process.waitFor(1, TimeUnit.SECONDS);
                    }
                    fail(whenNot, null);
                }
            }
        }

        /** Waits for the child to exit, at most {@code bound}; its exit status. */
        int awaitExit(Duration bound, String whenNot) throws InterruptedException {
            BoundedWait.announce(bound);
            if (!process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS)) {
                fail(whenNot, null);
            }
            return process.exitValue();
        }

        /**
         * Fails the test: {@code text}, then what became of the child and its output. If the child
         * ran out of memory, the failure says so and carries the hint for it, whatever the test's
         * hint is: a program that holds the file in memory fails that way, wherever it fails.
         */
        void fail(String text, Throwable cause) {
            String output = transcript();
            boolean outOfMemory = output.contains("OutOfMemoryError");
            AssertionFailedError failure = new AssertionFailedError(status(text) + "\n" + (outOfMemory ? SAY.text("child.outOfMemory") + "\n" : "") + output, cause);
            if (outOfMemory) {
                SAY.hinting("child.heap", () -> {
                    throw failure;
                });
            }
            throw failure;
        }

        /** {@code text}, and what became of the child. */
        String status(String text) {
            if (process.isAlive()) {
                return SAY.text("child.running", text, what);
            }
            return SAY.text("child.exited", text, what, process.exitValue());
        }

        /** The child's output so far, for failure messages. */
        String transcript() {
            if (!process.isAlive()) {
                try {
                    reader.join(1_000); // the last lines of a child that has exited
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String text;
            synchronized (transcript) {
                text = String.join("\n", transcript);
            }
            return SAY.text("child.output", text.isEmpty() ? SAY.text("child.nothing") : text);
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
