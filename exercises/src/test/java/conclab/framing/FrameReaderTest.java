package conclab.framing;

import static conclab.framing.FramingTestKit.REPLY_WAIT;
import static conclab.framing.FramingTestKit.concat;
import static conclab.framing.FramingTestKit.expectFramingException;
import static conclab.framing.FramingTestKit.frame;
import static conclab.framing.FramingTestKit.headerOfLength;
import static conclab.framing.FramingTestKit.readWithin;
import static conclab.framing.FramingTestKit.thenZeros;
import static conclab.framing.FramingTestKit.utf8;
import static conclab.framing.FramingTestKit.withLength;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.CodeUnderTest;
import conclab.framing.FramingTestKit.OneByteAtATime;
import conclab.framing.FramingTestKit.Pieces;
import conclab.framing.FramingTestKit.Pipe;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Timing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * The reader against frames built by hand: the documented bytes, sticky packets (a thousand
 * frames in one write), a frame that arrives one byte at a time, the limits, and bad input.
 */
@Tag("framing")
@Timeout(10)
class FrameReaderTest {

    /** The documented example: {@code {"size":5,"name":"hi.txt"}} and {@code hello}, 35 bytes. */
    static final byte[] DOCUMENTED = java.util.HexFormat.of().parseHex("0000001A"
            + "7B2273697A65223A352C"                      // {"size":5,
            + "226E616D65223A2268692E747874227D"          // "name":"hi.txt"}
            + "68656C6C6F");                              // hello

    @Test
    @Points(2)
    @Hint("handBuilt")
    void readsFramesBuiltByHand() throws Exception {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        byte[] stream = concat(
                DOCUMENTED,
                frame("{ \"name\" : \"你好.txt\",\n  \"size\" : 6 }", utf8("你好")),
                frame("{\"size\":0}", new byte[0]),
                frame("{\"size\":256,\"kind\":\"binary\",\"n\":7,\"zebra\":true,\"apple\":null}",
                        binary));
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream));
        expectFrame(reader, new Frame(Map.of("name", "hi.txt"), utf8("hello")),
                "the documented example: 00 00 00 1A, {\"size\":5,\"name\":\"hi.txt\"}, hello");
        expectFrame(reader, new Frame(Map.of("name", "你好.txt"), utf8("你好")),
                "a header with spaces, a newline, size last and a name in Chinese (its length"
                        + " counts bytes)");
        expectFrame(reader, new Frame(Map.of(), new byte[0]), "{\"size\":0} and no payload");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", "binary");
        fields.put("n", 7);
        fields.put("zebra", true);
        fields.put("apple", null);
        Frame last = expectFrame(reader, new Frame(fields, binary), "a binary payload of all 256"
                + " byte values");
        assertEquals(List.of("kind", "n", "zebra", "apple"), new ArrayList<>(last.header().keySet()),
                "the header {\"size\":256,\"kind\":\"binary\",\"n\":7,\"zebra\":true,"
                + "\"apple\":null} must keep its other fields in their order (a LinkedHashMap, as"
                + " Jackson makes it; a HashMap forgets it)");
        assertEquals(Optional.empty(), readWithin(reader, "read() at the end"), "after the last"
                + " frame the stream ends: read() must return Optional.empty()");
    }

    /** The next frame must be {@code expected}. */
    static Frame expectFrame(FrameReader reader, Frame expected, String what) throws Exception {
        Optional<Frame> frame = FramingTestKit.readValid(reader, what);
        if (frame.isEmpty()) {
            fail("read() returned Optional.empty() (the end) where the stream held " + what);
        }
        assertEquals(expected, frame.get(), "read() of " + what + ": the header's fields other"
                + " than size, and exactly size payload bytes");
        return frame.get();
    }

    @Test
    @Points(2)
    @Hint("exact")
    void leavesTheNextFrameOnTheStream() throws Exception {
        byte[] first = frame(utf8("first"), ",\"n\":1");
        byte[] second = frame(utf8("second"), ",\"n\":2");
        byte[] third = frame(utf8("third, for the caller"), "");
        // A stream whose every read gives as many bytes as it is asked for: a reader that asks
        // for more than its frame (a BufferedInputStream, a big read) takes the next frame's bytes.
        Pieces stream = Pieces.whole(concat(first, second, third));
        expectFrame(new FrameReader(stream), new Frame(Map.of("n", 1), utf8("first")),
                "the first of three frames");
        assertEquals(first.length, stream.position(), "after read() returned the first frame,"
                + " the reader must have taken exactly its " + first.length + " bytes from the"
                + " stream, but it took " + stream.position() + ": the next frame's bytes belong"
                + " to whoever reads next. Read exactly 4, the header's length and size bytes"
                + " (in.readNBytes(n)), and never wrap the stream in a BufferedInputStream.");
        expectFrame(new FrameReader(stream), new Frame(Map.of("n", 2), utf8("second")),
                "the second frame, by a second reader of the same stream");
        byte[] rest = stream.readAllBytes();
        assertArrayEquals(third, rest, "after two readers had read a frame each, the stream must"
                + " still hold the third frame whole");
        assertFalse(stream.closed(), "a reader must not close its stream: it is the caller's");

        // A protocol error leaves the stream to its owner as well.
        Pieces broken = Pieces.whole(frame("not JSON", new byte[0]));
        try {
            readWithin(new FrameReader(broken), "read() of a header that is not JSON");
            fail("read() of a header that is not JSON returned; expected a FramingException");
        } catch (FramingException expected) {
            assertFalse(broken.closed(), "after a FramingException the reader must not close the"
                    + " stream: the caller owns it (and may still want to answer on its"
                    + " connection, as the echo server does).");
        }
    }

    @Test
    @Points(1)
    @Hint("streamErrors")
    void passesTheStreamsOwnErrorsThrough() throws Exception {
        byte[] whole = frame(utf8("0123456789"), "");
        for (IOException failure : new IOException[] {new IOException("the network is down"),
            new SocketTimeoutException("Read timed out")}) {
            for (int cut : new int[] {0, 2, 4 + 3, whole.length - 1}) {
                FrameReader reader = new FrameReader(FramingTestKit.thenFailing(
                        java.util.Arrays.copyOf(whole, cut), failure));
                String what = "read() of a stream that fails (" + failure + ") after " + cut
                        + " of the " + whole.length + " bytes of a frame";
                try {
                    Optional<Frame> frame = readWithin(reader, what);
                    fail(what + " returned " + frame + "; the stream's exception must come out.");
                } catch (FramingException e) {
                    fail(what + " threw " + e + ". A FramingException means 'the peer broke the"
                            + " protocol'; an IOException of the stream itself (a timeout, a"
                            + " reset) must pass through unchanged, so that the caller can tell"
                            + " the two apart.", e);
                } catch (IOException e) {
                    assertEquals(failure.getClass(), e.getClass(), what + ": the stream's own"
                            + " exception must come out, not " + e);
                    assertEquals(failure.getMessage(), e.getMessage(), what + ": the stream's own"
                            + " exception must come out unchanged");
                }
            }
        }
    }

    @Test
    @Points(3)
    @Hint("sticky")
    void readsAThousandFramesSentInOneWrite() throws Exception {
        List<Frame> sent = new ArrayList<>();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            String text = "message " + i + (i % 7 == 0 ? " 你好" : "") + "!".repeat(i % 13);
            sent.add(new Frame(Map.of("n", i), utf8(text)));
            all.writeBytes(frame(utf8(text), ",\"n\":" + i));
        }
        try (Pipe pipe = Pipe.open()) {
            OutputStream out = pipe.sender().getOutputStream();
            out.write(all.toByteArray()); // one write: TCP may deliver it in any pieces at all
            out.flush();
            pipe.sender().shutdownOutput();
            FrameReader reader = new FrameReader(pipe.receiver().getInputStream());
            for (int i = 0; i < sent.size(); i++) {
                Optional<Frame> frame;
                try {
                    frame = reader.read();
                } catch (FramingException e) {
                    frame = fail("1000 valid frames (" + all.size() + " bytes) were written in"
                            + " one write; read() number " + (i + 1) + " threw " + e + ". One"
                            + " read() may return the bytes of many frames at once: take exactly"
                            + " 4 bytes, then the header's length, then size bytes, and leave"
                            + " the rest on the stream for the next read().", e);
                } catch (SocketTimeoutException e) {
                    frame = fail("1000 frames (" + all.size() + " bytes) were written in one"
                            + " write; read() number " + (i + 1) + " waited for bytes that never"
                            + " came (" + e + "). Did an earlier read() take more bytes from the"
                            + " stream than its frame had, and drop them? One read() may return"
                            + " many frames' bytes: read exactly 4, then exactly the header's"
                            + " length, then exactly size bytes.");
                }
                if (frame.isEmpty()) {
                    fail("read() number " + (i + 1) + " returned Optional.empty(), but the stream"
                            + " held 1000 frames: frames were lost.");
                }
                if (!sent.get(i).equals(frame.get())) {
                    fail("frame number " + (i + 1) + " of 1000 written in one write must be "
                            + sent.get(i) + ", but read() returned " + frame.get()
                            + ". Frames stick together on a stream: take exactly the bytes that"
                            + " belong to each one.");
                }
            }
            assertEquals(Optional.empty(), reader.read(), "after the 1000 frames the sender"
                    + " closed: read() must return Optional.empty()");
        }
    }

    @Test
    @Points(3)
    @Hint("trickle")
    void readsAFrameThatArrivesOneByteAtATime() throws Exception {
        byte[] first = frame(utf8("slowly, slowly"), ",\"name\":\"trickle.txt\"");
        byte[] second = DOCUMENTED;

        // A stream that hands out one byte per read().
        OneByteAtATime trickle = new OneByteAtATime(concat(first, second));
        FrameReader reader = new FrameReader(trickle);
        expectFrame(reader, new Frame(Map.of("name", "trickle.txt"), utf8("slowly, slowly")),
                "a frame delivered one byte per read()");
        assertEquals(first.length, trickle.position(), "after the first frame, read() must have"
                + " taken exactly its " + first.length + " bytes from the stream, no more (the"
                + " rest belongs to the next frame); it took " + trickle.position());
        expectFrame(reader, new Frame(Map.of("name", "hi.txt"), utf8("hello")),
                "the second frame, one byte per read()");

        // The same over a socket: each byte is sent only once the reader waits for it.
        try (Pipe pipe = Pipe.open()) {
            FrameReader socketReader = new FrameReader(pipe.receiver().getInputStream());
            FutureTask<Optional<Frame>> call = new FutureTask<>(socketReader::read);
            Thread caller = new Thread(call, FramingTestKit.CALL_THREAD);
            caller.setDaemon(true);
            caller.start();
            OutputStream out = pipe.sender().getOutputStream();
            for (int i = 0; i < first.length && !call.isDone(); i++) {
                out.write(first[i]);
                out.flush();
                try {
                    await().atMost(Timing.upperBound(Duration.ofMillis(50))).pollInSameThread()
                            .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                            .until(() -> call.isDone() || FramingTestKit.waitsForBytes(caller));
                } catch (ConditionTimeoutException e) {
                    // not seen waiting (another JDK's internals): go on anyway
                }
            }
            Optional<Frame> frame;
            try {
                frame = call.get(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof FramingException framing) {
                    frame = fail("a valid frame sent over a socket one byte at a time made read()"
                            + " throw " + framing + ". One read() may return a single byte:"
                            + " loop until each part is complete (in.readNBytes(n)).", framing);
                }
                throw e.getCause() instanceof Exception cause ? cause : e;
            } catch (java.util.concurrent.TimeoutException e) {
                frame = fail("the whole frame had arrived over a socket, one byte at a time,"
                        + " but read() did not return it.");
            }
            assertEquals(Optional.of(new Frame(Map.of("name", "trickle.txt"),
                    utf8("slowly, slowly"))), frame, "a frame sent over a socket one byte at a"
                    + " time (each byte only once the reader waited for it) must come out whole");
        }
    }

    @Test
    @Points(2)
    @Hint("headerLimit")
    void enforcesTheHeaderLimitOf64KiB() throws Exception {
        String atLimit = headerOfLength(FrameReader.MAX_HEADER_BYTES, 2);
        FrameReader reader = new FrameReader(new ByteArrayInputStream(
                frame(atLimit, utf8("ok"))));
        Optional<Frame> frame = FramingTestKit.readValid(reader, "a frame whose header is"
                + " exactly 65536 bytes");
        assertTrue(frame.isPresent() && frame.get().text().equals("ok"), "a header of exactly"
                + " MAX_HEADER_BYTES = 65536 bytes is allowed, and its frame must be read; got "
                + frame);

        String over = headerOfLength(FrameReader.MAX_HEADER_BYTES + 1, 2);
        FramingException e = expectFramingException(frame(over, utf8("no")), 100, 0,
                "a header of 65537 bytes (a valid JSON object, but over the 64 KiB limit)");
        assertTrue(e.getMessage().contains("65537"), "the FramingException for a header length"
                + " of 65537 must say so (name the number); its message was: " + e.getMessage());
    }

    @Test
    @Points(2)
    @Hint("payloadLimit")
    void enforcesThePayloadLimit() throws Exception {
        FrameReader limited = new FrameReader(new ByteArrayInputStream(
                frame(new byte[100], "")), 100);
        assertEquals(100, limited.maxPayloadBytes(), "maxPayloadBytes() must return the limit"
                + " given to the constructor");
        try {
            new FrameReader(new ByteArrayInputStream(new byte[0]), -1);
            fail("new FrameReader(in, -1) must throw IllegalArgumentException: a limit cannot be"
                    + " negative");
        } catch (IllegalArgumentException expected) {
            // as documented
        }
        FrameReader nothingButEmpty = new FrameReader(new ByteArrayInputStream(concat(
                frame(new byte[0], ""), frame(new byte[1], ""))), 0);
        assertEquals(Optional.of(Frame.of(new byte[0])), FramingTestKit.readValid(nothingButEmpty,
                "an empty payload with a limit of 0"), "a limit of 0 allows empty payloads");
        try {
            Optional<Frame> one = readWithin(nothingButEmpty, "read() of a 1-byte payload with a"
                    + " limit of 0");
            fail("a payload of 1 byte for a reader with a limit of 0 must be a FramingException,"
                    + " but read() returned " + one);
        } catch (FramingException expected) {
            // as documented
        }
        Optional<Frame> atLimit = FramingTestKit.readValid(limited, "a 100-byte payload with a"
                + " limit of 100");
        assertTrue(atLimit.isPresent() && atLimit.get().size() == 100, "a payload of exactly the"
                + " limit is allowed; got " + atLimit);

        FramingException e = expectFramingException(frame(new byte[101], ""), 100, 0,
                "a payload of 101 bytes for a reader with a limit of 100");
        assertTrue(e.getMessage().contains("101"), "the FramingException for a size of 101 over a"
                + " limit of 100 must name the size; its message was: " + e.getMessage());

        int limit = FrameReader.DEFAULT_MAX_PAYLOAD_BYTES;
        assertEquals(16 * 1024 * 1024, limit, "DEFAULT_MAX_PAYLOAD_BYTES is 16 MiB");
        FrameReader byDefault = new FrameReader(new ByteArrayInputStream(new byte[0]));
        assertEquals(limit, byDefault.maxPayloadBytes(), "new FrameReader(in) must have the"
                + " default limit of 16 MiB");
        // 16 MiB + 1 bytes, all really there: a reader without the limit would return them.
        byte[] header = utf8("{\"size\":" + (limit + 1) + "}");
        FrameReader over = new FrameReader(thenZeros(withLength(header.length, header),
                limit + 1L));
        try {
            Optional<Frame> frame = within16MiB(over);
            fail("a frame with a size of 16 MiB + 1 must be refused by a reader with the default"
                    + " limit, but read() returned " + frame);
        } catch (FramingException expected) {
            assertTrue(expected.getMessage() != null
                    && expected.getMessage().contains(String.valueOf(limit + 1)), "the"
                    + " FramingException must name the size " + (limit + 1) + "; its message"
                    + " was: " + expected.getMessage());
        }
    }

    private static Optional<Frame> within16MiB(FrameReader reader) throws Exception {
        return BoundedWait.within(Timing.upperBound(Duration.ofSeconds(1)),
                "read() of a frame over the default limit", "Check size before reading"
                        + " the payload.", reader::read);
    }

    @Test
    @Points(2)
    @Hint("lyingSize")
    void aLyingSizeCostsOnlyWhatArrives(TestReporter reporter) throws Exception {
        int claimed = FrameReader.DEFAULT_MAX_PAYLOAD_BYTES; // 16 MiB, within the limit
        byte[] lie = concat(frame("{\"size\":" + claimed + "}", new byte[0]), utf8("ten bytes!"));
        expectToCostAtMost(lie, 2 << 20, "a header that claims 16 MiB, then 10 bytes and the end",
                reporter, "lyingSize");
    }

    /**
     * Reads {@code input}, which must end in a FramingException, and fails if that allocated more
     * than {@code bound} bytes on the thread that read (where the JVM can count it).
     */
    static void expectToCostAtMost(byte[] input, long bound, String what, TestReporter reporter,
                                   String key) throws Exception {
        // Warm up the reader and Jackson, so that their one-time allocations do not count.
        new FrameReader(new ByteArrayInputStream(frame(utf8("warm"), ",\"n\":1"))).read();
        FrameReader reader = new FrameReader(new ByteArrayInputStream(input));
        long[] allocated = {-1};
        try {
            Optional<Frame> frame = BoundedWait.within(REPLY_WAIT, "read() of " + what,
                    "The stream ends: stop reading then.", () -> {
                        // measured on the thread that makes the call, around the call only
                        long before = CodeUnderTest.allocatedBytes(Thread.currentThread());
                        try {
                            return reader.read();
                        } finally {
                            long after = CodeUnderTest.allocatedBytes(Thread.currentThread());
                            allocated[0] = before < 0 || after < 0 ? -1 : after - before;
                        }
                    });
            fail("read() of " + what + " must throw FramingException (the stream ends inside the"
                    + " payload), but returned " + frame);
        } catch (FramingException expected) {
            if (allocated[0] < 0) {
                reporter.publishEntry(key + "Allocated", "unavailable: this JVM counts no"
                        + " allocations");
                return;
            }
            reporter.publishEntry(key + "AllocatedBytes", String.valueOf(allocated[0]));
            reporter.publishEntry(key + "AllocatedBoundBytes", String.valueOf(bound));
            assertTrue(allocated[0] <= bound, "reading " + what + " allocated " + allocated[0] / 1024
                    + " KiB (at most " + bound / 1024 + " KiB are allowed). Do not trust size for"
                    + " allocation: read the payload as it arrives (in.readNBytes(size) grows its"
                    + " buffer as bytes come), never new byte[size] up front. Otherwise a few bytes"
                    + " from a stranger cost you megabytes.");
        }
    }

    @Test
    @Points(3)
    @Hint("badHeader")
    void rejectsBrokenHeadersWithAProtocolError() throws Exception {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("a negative header length (FF FF FF FF)", withLength(-1, utf8("{\"size\":0}")));
        cases.put("a header length of 2 GiB - 1 (7F FF FF FF) and 10 bytes",
                withLength(Integer.MAX_VALUE, utf8("{\"size\":0}")));
        cases.put("a header length of 0", withLength(0, utf8("{\"size\":0}")));
        cases.put("a header that is not JSON", frame("hello, world", new byte[0]));
        cases.put("a header that is a JSON array", frame("[5]", new byte[0]));
        cases.put("a header that is a JSON number", frame("5", new byte[0]));
        cases.put("a header without size", frame("{\"name\":\"x.txt\"}", new byte[0]));
        cases.put("a size that is a string", frame("{\"size\":\"1\"}", utf8("x")));
        cases.put("a size that is a fraction", frame("{\"size\":1.5}", utf8("xy")));
        cases.put("a negative size", frame("{\"size\":-1}", utf8("x")));
        cases.put("a size of 2^40", frame("{\"size\":1099511627776}", utf8("x")));
        cases.put("a size of 2^32 + 1 (1 as an int)", frame("{\"size\":4294967297}", utf8("xy")));
        cases.put("a size of 1.0", frame("{\"size\":1.0}", utf8("x")));
        cases.put("a JSON object followed by more text", frame("{\"size\":0} x", new byte[0]));
        byte[] notUtf8 = concat(utf8("{\"size\":0,\"s\":\""), new byte[] {(byte) 0xC3, 0x28},
                utf8("\"}"));
        cases.put("a header with invalid UTF-8 (C3 28)", withLength(notUtf8.length, notUtf8));
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            expectFramingException(c.getValue(), FrameReader.DEFAULT_MAX_PAYLOAD_BYTES, 0,
                    c.getKey());
        }
    }

    @Test
    @Points(2)
    @Hint("midFrame")
    void aStreamThatEndsInsideAFrameIsAProtocolError() throws Exception {
        byte[] whole = frame(utf8("0123456789"), ",\"name\":\"cut.txt\"");
        int headerEnd = 4 + java.nio.ByteBuffer.wrap(whole, 0, 4).getInt();
        for (int cut : new int[] {1, 3, 4, 5, headerEnd - 1, headerEnd, headerEnd + 3,
                whole.length - 1}) {
            byte[] input = concat(DOCUMENTED, java.util.Arrays.copyOf(whole, cut));
            expectFramingException(input, FrameReader.DEFAULT_MAX_PAYLOAD_BYTES, 1,
                    "a whole frame, then a frame cut after " + cut + " of its " + whole.length
                            + " bytes");
        }
        assertEquals(Optional.empty(), readWithin(new FrameReader(new ByteArrayInputStream(
                new byte[0])), "read() of an empty stream"), "a stream that ends before a"
                + " frame's first byte ends cleanly: read() must return Optional.empty()");
    }
}
