package conclab.framing;

import static conclab.framing.FramingTestKit.REPLY_WAIT;
import static conclab.framing.FramingTestKit.hex;
import static conclab.framing.FramingTestKit.parse;
import static conclab.framing.FramingTestKit.utf8;
import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.framing.FramingTestKit.Parsed;
import conclab.framing.FramingTestKit.Pipe;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The writer, judged by the test's own strict parser: the documented bytes, lengths in bytes. */
@Tag("framing")
@Timeout(10)
class FrameWriterTest {

    /** Every text is in FrameWriterTest.properties (and _zh_CN), the hints of steps too. */
    private static final Say SAY = Say.of(FrameWriterTest.class);

    @Test
    @Points(2)
    @Hint("documented")
    void writesTheDocumentedBytes() throws Exception {
        java.util.List<Integer> writes = new java.util.ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(int b) {
                writes.add(1);
                super.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                writes.add(len);
                super.write(b, off, len);
            }
        };
        write(new FrameWriter(out), new Frame(Map.of("name", "hi.txt"), utf8("hello")));
        byte[] written = out.toByteArray();
        if (!java.util.Arrays.equals(FrameReaderTest.DOCUMENTED, written)) {
            Parsed parsed = parse(written, 0, SAY.text("documented.what"));
            SAY.hinting("compact", () -> fail(SAY.text("documented.wrong",
                    hex(FrameReaderTest.DOCUMENTED, 0, 35), written.length,
                    hex(written, 0, Math.min(written.length, 48)), parsed.header())));
        }
        if (writes.size() != 1) {
            SAY.hinting("oneWrite", () -> fail(SAY.text("documented.writes", writes.size(),
                    writes)));
        }
    }

    @Test
    @Points(2)
    @Hint("bytes")
    void countsTheHeaderLengthInBytesNotCharacters() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out);
        write(writer, new Frame(Map.of("name", "你好.txt"), utf8("你好")));
        write(writer, new Frame(Map.of("note", "naïve café — ok"), utf8("é")));
        String tricky = "a \"quote\", a \\ backslash,\na newline and a \u0001";
        write(writer, new Frame(Map.of("tricky", tricky), new byte[0]));
        byte[] written = out.toByteArray();
        Parsed first = parse(written, 0, SAY.text("bytes.first"));
        assertEquals(30, first.headerLength(), SAY.text("bytes.prefix"));
        assertEquals("你好.txt", first.header().get("name").asText(), SAY.text("bytes.name"));
        SAY.hinting("payloadBytes", () -> assertEquals(6, first.header().get("size").asInt(),
                SAY.text("bytes.size")));
        assertArrayEquals(utf8("你好"), first.payload(), SAY.text("bytes.payload"));
        Parsed second = parse(written, first.frameLength(), SAY.text("bytes.second"));
        assertEquals("naïve café — ok", second.header().get("note").asText(),
                SAY.text("bytes.secondHeader"));
        assertArrayEquals(utf8("é"), second.payload(), SAY.text("bytes.secondPayload"));
        Parsed third = parse(written, first.frameLength() + second.frameLength(),
                SAY.text("bytes.third"));
        SAY.hinting("escape", () -> assertEquals(tricky, third.header().get("tricky").asText(),
                SAY.text("bytes.tricky")));
        assertEquals(written.length, first.frameLength() + second.frameLength()
                + third.frameLength(), SAY.text("bytes.nothingElse", written.length));
    }

    @Test
    @Points(1)
    @Hint("flush")
    void flushesEveryFrame() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            // A buffered stream sends nothing until it is flushed (or its 64 KiB fill up).
            boolean[] closed = {false};
            FrameWriter writer = new FrameWriter(new BufferedOutputStream(
                    pipe.sender().getOutputStream(), 65536) {
                @Override
                public void close() throws java.io.IOException {
                    closed[0] = true;
                    super.close();
                }
            });
            for (String text : new String[] {"are you there?", "and again"}) {
                write(writer, Frame.of(text));
                if (closed[0]) {
                    SAY.hinting("notClose", () -> fail(SAY.text("flush.closed")));
                }
                byte[] expected = FramingTestKit.frame(utf8(text), "");
                byte[] received = FramingTestKit.readExactly(pipe.receiver().getInputStream(),
                        expected.length, SAY.text("flush.missing"));
                assertArrayEquals(expected, received, SAY.text("flush.arrived"));
            }
        }
    }

    @Test
    @Points(1)
    @Hint("limit")
    void refusesAHeaderOverTheLimit() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out);
        Frame huge = new Frame(Map.of("pad", "x".repeat(70_000)), utf8("too much"));
        try {
            write(writer, huge);
            fail(SAY.text("limit.over"));
        } catch (IllegalArgumentException expected) {
            SAY.hinting("checkFirst", () -> assertEquals(0, out.size(),
                    SAY.text("limit.partly", out.size())));
        }
        // Exactly the limit is allowed.
        String atLimit = FramingTestKit.headerOfLength(FrameReader.MAX_HEADER_BYTES, 2);
        String pad = FramingTestKit.json().readTree(atLimit).get("pad").asText();
        try {
            write(writer, new Frame(Map.of("pad", pad), utf8("ok")));
        } catch (IllegalArgumentException e) {
            SAY.hinting("atLimit", () -> fail(SAY.text("limit.at", e), e));
        }
        assertEquals(4 + FrameReader.MAX_HEADER_BYTES + 2, out.size(), SAY.text("limit.whole"));
        out.reset();

        // A header value JSON cannot hold (an Instant: Jackson writes none without a module).
        Frame unwritable = new Frame(Map.of("when", java.time.Instant.EPOCH), utf8("then"));
        try {
            write(writer, unwritable);
            fail(SAY.text("unwritable.written", FramingTestKit.hex(out.toByteArray(), 0,
                    Math.min(out.size(), 24))));
        } catch (IllegalArgumentException expected) {
            SAY.hinting("checkFirst", () -> assertEquals(0, out.size(),
                    SAY.text("unwritable.partly", out.size())));
        } catch (java.io.IOException e) {
            SAY.hinting("jsonError", () -> fail(SAY.text("unwritable.io", e), e));
        }
        write(writer, Frame.of("fine"));
        assertArrayEquals(FramingTestKit.frame(utf8("fine"), ""), out.toByteArray(),
                SAY.text("unwritable.next"));
    }

    /** {@code writer.write(frame)}, failing the test if it does not return in time. */
    static void write(FrameWriter writer, Frame frame) throws Exception {
        within(REPLY_WAIT, "write(" + frame + ")", SAY.text("write.advice"),
                () -> {
                    writer.write(frame);
                    return null;
                });
    }
}
