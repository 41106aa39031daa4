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
import conclab.harness.Say;
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

    /** Every text is in FrameReaderTest.properties (and _zh_CN), the hints of steps too. */
    private static final Say SAY = Say.of(FrameReaderTest.class);

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
                SAY.text("hand.documented"));
        expectFrame(reader, new Frame(Map.of("name", "你好.txt"), utf8("你好")),
                SAY.text("hand.spaces"));
        expectFrame(reader, new Frame(Map.of(), new byte[0]), SAY.text("hand.empty"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", "binary");
        fields.put("n", 7);
        fields.put("zebra", true);
        fields.put("apple", null);
        Frame last = expectFrame(reader, new Frame(fields, binary), SAY.text("hand.binary"));
        SAY.hinting("order", () -> assertEquals(List.of("kind", "n", "zebra", "apple"),
                new ArrayList<>(last.header().keySet()), SAY.text("hand.order")));
        SAY.hinting("cleanEnd", () -> assertEquals(Optional.empty(), readWithin(reader,
                SAY.text("hand.atEnd")), SAY.text("hand.end")));
    }

    /** The next frame must be {@code expected}. */
    static Frame expectFrame(FrameReader reader, Frame expected, String what) throws Exception {
        Optional<Frame> frame = FramingTestKit.readValid(reader, what);
        if (frame.isEmpty()) {
            fail(SAY.text("frame.empty", what));
        }
        assertEquals(expected, frame.get(), SAY.text("frame.wrong", what));
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
                SAY.text("exact.first"));
        SAY.hinting("noBuffer", () -> assertEquals(first.length, stream.position(),
                SAY.text("exact.took", first.length, stream.position())));
        expectFrame(new FrameReader(stream), new Frame(Map.of("n", 2), utf8("second")),
                SAY.text("exact.second"));
        byte[] rest = stream.readAllBytes();
        assertArrayEquals(third, rest, SAY.text("exact.third"));
        SAY.hinting("notClose", () -> assertFalse(stream.closed(), SAY.text("exact.closed")));

        // A protocol error leaves the stream to its owner as well.
        Pieces broken = Pieces.whole(frame("not JSON", new byte[0]));
        try {
            readWithin(new FrameReader(broken), SAY.text("exact.notJson"));
            fail(SAY.text("exact.notJsonReturned"));
        } catch (FramingException expected) {
            SAY.hinting("notClose", () -> assertFalse(broken.closed(),
                    SAY.text("exact.closedOnError")));
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
                String what = SAY.text("errors.what", failure, cut, whole.length);
                try {
                    Optional<Frame> frame = readWithin(reader, what);
                    fail(SAY.text("errors.returned", what, frame));
                } catch (FramingException e) {
                    SAY.hinting("errors.notFraming", () -> fail(SAY.text("errors.framing", what,
                            e), e));
                } catch (IOException e) {
                    SAY.hinting("errors.unchanged", () -> {
                        assertEquals(failure.getClass(), e.getClass(), SAY.text("errors.other",
                                what, e));
                        assertEquals(failure.getMessage(), e.getMessage(),
                                SAY.text("errors.changed", what));
                    });
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
                int read = number(i);
                Optional<Frame> frame;
                try {
                    frame = reader.read();
                } catch (FramingException e) {
                    frame = SAY.hinting("exactly", () -> fail(SAY.text("sticky.threw", all.size(),
                            read, e), e));
                } catch (SocketTimeoutException e) {
                    frame = SAY.hinting("dropped", () -> fail(SAY.text("sticky.waited",
                            all.size(), read, e)));
                }
                if (frame.isEmpty()) {
                    SAY.hinting("dropped", () -> fail(SAY.text("sticky.lost", read)));
                }
                if (!sent.get(i).equals(frame.get())) {
                    fail(SAY.text("sticky.wrong", i + 1, sent.get(i), frame.get()));
                }
            }
            assertEquals(Optional.empty(), reader.read(), SAY.text("sticky.end"));
        }
    }

    /** The read's number, counted from 1, for messages. */
    private static int number(int index) {
        return index + 1;
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
                SAY.text("trickle.first"));
        SAY.hinting("noBuffer", () -> assertEquals(first.length, trickle.position(),
                SAY.text("trickle.took", first.length, trickle.position())));
        expectFrame(reader, new Frame(Map.of("name", "hi.txt"), utf8("hello")),
                SAY.text("trickle.second"));

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
                    frame = SAY.hinting("loopRead", () -> fail(SAY.text("trickle.threw", framing),
                            framing));
                }
                throw e.getCause() instanceof Exception cause ? cause : e;
            } catch (java.util.concurrent.TimeoutException e) {
                frame = fail(SAY.text("trickle.stuck"));
            }
            assertEquals(Optional.of(new Frame(Map.of("name", "trickle.txt"),
                    utf8("slowly, slowly"))), frame, SAY.text("trickle.whole"));
        }
    }

    @Test
    @Points(2)
    @Hint("headerLimit")
    void enforcesTheHeaderLimitOf64KiB() throws Exception {
        String atLimit = headerOfLength(FrameReader.MAX_HEADER_BYTES, 2);
        FrameReader reader = new FrameReader(new ByteArrayInputStream(
                frame(atLimit, utf8("ok"))));
        Optional<Frame> frame = SAY.hinting("inclusive", () -> FramingTestKit.readValid(reader,
                SAY.text("header.atLimit")));
        assertTrue(frame.isPresent() && frame.get().text().equals("ok"),
                SAY.text("header.atLimitRead", frame));

        String over = headerOfLength(FrameReader.MAX_HEADER_BYTES + 1, 2);
        FramingException e = expectFramingException(frame(over, utf8("no")), 100, 0,
                SAY.text("header.over"));
        SAY.hinting("nameNumber", () -> assertTrue(e.getMessage().contains("65537"),
                SAY.text("header.unnamed", e.getMessage())));
    }

    @Test
    @Points(2)
    @Hint("payloadLimit")
    void enforcesThePayloadLimit() throws Exception {
        FrameReader limited = new FrameReader(new ByteArrayInputStream(
                frame(new byte[100], "")), 100);
        assertEquals(100, limited.maxPayloadBytes(), SAY.text("payload.limit"));
        try {
            new FrameReader(new ByteArrayInputStream(new byte[0]), -1);
            fail(SAY.text("payload.negative"));
        } catch (IllegalArgumentException expected) {
            // as documented
        }
        FrameReader nothingButEmpty = new FrameReader(new ByteArrayInputStream(concat(
                frame(new byte[0], ""), frame(new byte[1], ""))), 0);
        assertEquals(Optional.of(Frame.of(new byte[0])), SAY.hinting("inclusive",
                () -> FramingTestKit.readValid(nothingButEmpty, SAY.text("payload.zero"))),
                SAY.text("payload.zeroAllowed"));
        try {
            Optional<Frame> one = readWithin(nothingButEmpty, SAY.text("payload.oneWhat"));
            fail(SAY.text("payload.one", one));
        } catch (FramingException expected) {
            // as documented
        }
        Optional<Frame> atLimit = SAY.hinting("inclusive", () -> FramingTestKit.readValid(limited,
                SAY.text("payload.atLimit")));
        assertTrue(atLimit.isPresent() && atLimit.get().size() == 100,
                SAY.text("payload.atLimitRead", atLimit));

        FramingException e = expectFramingException(frame(new byte[101], ""), 100, 0,
                SAY.text("payload.over"));
        SAY.hinting("nameNumber", () -> assertTrue(e.getMessage().contains("101"),
                SAY.text("payload.unnamed", e.getMessage())));

        int limit = FrameReader.DEFAULT_MAX_PAYLOAD_BYTES;
        assertEquals(16 * 1024 * 1024, limit, SAY.text("payload.default"));
        FrameReader byDefault = new FrameReader(new ByteArrayInputStream(new byte[0]));
        assertEquals(limit, byDefault.maxPayloadBytes(), SAY.text("payload.byDefault"));
        // 16 MiB + 1 bytes, all really there: a reader without the limit would return them.
        byte[] header = utf8("{\"size\":" + (limit + 1) + "}");
        FrameReader over = new FrameReader(thenZeros(withLength(header.length, header),
                limit + 1L));
        try {
            Optional<Frame> frame = within16MiB(over);
            fail(SAY.text("payload.overDefault", frame));
        } catch (FramingException expected) {
            SAY.hinting("nameNumber", () -> assertTrue(expected.getMessage() != null
                    && expected.getMessage().contains(String.valueOf(limit + 1)),
                    SAY.text("payload.sizeUnnamed", limit + 1, expected.getMessage())));
        }
    }

    private static Optional<Frame> within16MiB(FrameReader reader) throws Exception {
        return BoundedWait.within(Timing.upperBound(Duration.ofSeconds(1)),
                SAY.text("payload.overDefaultWhat"), SAY.text("payload.checkFirst"), reader::read);
    }

    @Test
    @Points(2)
    @Hint("lyingSize")
    void aLyingSizeCostsOnlyWhatArrives(TestReporter reporter) throws Exception {
        int claimed = FrameReader.DEFAULT_MAX_PAYLOAD_BYTES; // 16 MiB, within the limit
        byte[] lie = concat(frame("{\"size\":" + claimed + "}", new byte[0]), utf8("ten bytes!"));
        expectToCostAtMost(lie, 2 << 20, SAY.text("lie.what"), reporter, "lyingSize");
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
            Optional<Frame> frame = BoundedWait.within(REPLY_WAIT,
                    FramingTestKit.SAY.text("read.of", what), SAY.text("lie.advice"), () -> {
                        // measured on the thread that makes the call, around the call only
                        long before = CodeUnderTest.allocatedBytes(Thread.currentThread());
                        try {
                            return reader.read();
                        } finally {
                            long after = CodeUnderTest.allocatedBytes(Thread.currentThread());
                            allocated[0] = before < 0 || after < 0 ? -1 : after - before;
                        }
                    });
            fail(SAY.text("lie.returned", what, frame));
        } catch (FramingException expected) {
            if (allocated[0] < 0) {
                reporter.publishEntry(key + "Allocated", "unavailable: this JVM counts no"
                        + " allocations");
                return;
            }
            reporter.publishEntry(key + "AllocatedBytes", String.valueOf(allocated[0]));
            reporter.publishEntry(key + "AllocatedBoundBytes", String.valueOf(bound));
            assertTrue(allocated[0] <= bound, SAY.text("lie.allocated", what,
                    allocated[0] / 1024, bound / 1024));
        }
    }

    @Test
    @Points(3)
    @Hint("badHeader")
    void rejectsBrokenHeadersWithAProtocolError() throws Exception {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put(SAY.text("case.negativeLength"), withLength(-1, utf8("{\"size\":0}")));
        cases.put(SAY.text("case.hugeLength"),
                withLength(Integer.MAX_VALUE, utf8("{\"size\":0}")));
        cases.put(SAY.text("case.zeroLength"), withLength(0, utf8("{\"size\":0}")));
        cases.put(SAY.text("case.notJson"), frame("hello, world", new byte[0]));
        cases.put(SAY.text("case.array"), frame("[5]", new byte[0]));
        cases.put(SAY.text("case.number"), frame("5", new byte[0]));
        cases.put(SAY.text("case.noSize"), frame("{\"name\":\"x.txt\"}", new byte[0]));
        cases.put(SAY.text("case.stringSize"), frame("{\"size\":\"1\"}", utf8("x")));
        cases.put(SAY.text("case.fraction"), frame("{\"size\":1.5}", utf8("xy")));
        cases.put(SAY.text("case.negativeSize"), frame("{\"size\":-1}", utf8("x")));
        cases.put(SAY.text("case.hugeSize"), frame("{\"size\":1099511627776}", utf8("x")));
        cases.put(SAY.text("case.intOverflow"), frame("{\"size\":4294967297}", utf8("xy")));
        cases.put(SAY.text("case.oneDotZero"), frame("{\"size\":1.0}", utf8("x")));
        cases.put(SAY.text("case.trailing"), frame("{\"size\":0} x", new byte[0]));
        byte[] notUtf8 = concat(utf8("{\"size\":0,\"s\":\""), new byte[] {(byte) 0xC3, 0x28},
                utf8("\"}"));
        cases.put(SAY.text("case.notUtf8"), withLength(notUtf8.length, notUtf8));
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
                    SAY.text("mid.what", cut, whole.length));
        }
        SAY.hinting("cleanEnd", () -> assertEquals(Optional.empty(), readWithin(new FrameReader(
                new ByteArrayInputStream(new byte[0])), SAY.text("mid.empty")),
                SAY.text("mid.emptyEnds")));
    }
}
