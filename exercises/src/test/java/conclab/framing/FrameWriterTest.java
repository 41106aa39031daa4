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
            Parsed parsed = parse(written, 0, "the frame {name=hi.txt} + \"hello\"");
            fail("the frame with header {name=hi.txt} and payload \"hello\" must be written as"
                    + " the documented 35 bytes:\n  " + hex(FrameReaderTest.DOCUMENTED, 0, 35)
                    + "\nbut " + written.length + " bytes were written:\n  "
                    + hex(written, 0, Math.min(written.length, 48))
                    + "\nThe header " + parsed.header() + " must be compact JSON (no spaces)"
                    + " with size first, then the other fields in their order.");
        }
        if (writes.size() != 1) {
            fail("the frame reached the stream in " + writes.size() + " write() calls " + writes
                    + "; hand it over in one: build the whole frame in one array (ByteBuffer) and"
                    + " write it at once. Small writes in a row on a socket can wait tens of"
                    + " milliseconds each (Nagle's algorithm and delayed acknowledgements).");
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
        Parsed first = parse(written, 0, "the frame with the name 你好.txt");
        assertEquals(30, first.headerLength(), "the header {\"size\":6,\"name\":\"你好.txt\"} is"
                + " 26 characters but 30 bytes in UTF-8; the length prefix must say 30 (00 00 00"
                + " 1E), the number of BYTES");
        assertEquals("你好.txt", first.header().get("name").asText(), "the header's name");
        assertEquals(6, first.header().get("size").asInt(), "size is the payload's length in"
                + " bytes: \"你好\" is 6 bytes");
        assertArrayEquals(utf8("你好"), first.payload(), "the payload");
        Parsed second = parse(written, first.frameLength(), "the second frame");
        assertEquals("naïve café — ok", second.header().get("note").asText(), "the second"
                + " frame's header");
        assertArrayEquals(utf8("é"), second.payload(), "the second frame's payload");
        Parsed third = parse(written, first.frameLength() + second.frameLength(), "the frame"
                + " whose header holds a quote, a backslash, a newline and a control character");
        assertEquals(tricky, third.header().get("tricky").asText(), "a header value with a"
                + " quote, a backslash, a newline and a control character must come back the"
                + " same: let Jackson write the JSON, it escapes them");
        assertEquals(written.length, first.frameLength() + second.frameLength()
                + third.frameLength(), "three frames were written and nothing else; "
                + written.length + " bytes were written");
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
                    fail("write(frame) closed the stream it was given: a writer does not close"
                            + " the stream, which is the caller's (a try-with-resources around a"
                            + " DataOutputStream that wraps it closes it too).");
                }
                byte[] expected = FramingTestKit.frame(utf8(text), "");
                byte[] received = FramingTestKit.readExactly(pipe.receiver().getInputStream(),
                        expected.length, "write(frame) to a BufferedOutputStream must flush it,"
                                + " or the frame waits in the buffer and never reaches the peer.");
                assertArrayEquals(expected, received, "the frame as it arrived");
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
            fail("a frame whose header is over 64 KiB (70,000 characters of padding) must be"
                    + " refused with IllegalArgumentException: every reader would reject it.");
        } catch (IllegalArgumentException expected) {
            assertEquals(0, out.size(), "a refused frame must not be written at all, not even its"
                    + " length; " + out.size() + " bytes were written");
        }
        // Exactly the limit is allowed.
        String atLimit = FramingTestKit.headerOfLength(FrameReader.MAX_HEADER_BYTES, 2);
        String pad = FramingTestKit.json().readTree(atLimit).get("pad").asText();
        try {
            write(writer, new Frame(Map.of("pad", pad), utf8("ok")));
        } catch (IllegalArgumentException e) {
            fail("a frame whose header is exactly MAX_HEADER_BYTES = 65536 bytes must be written:"
                    + " only a longer one is refused; write threw " + e, e);
        }
        assertEquals(4 + FrameReader.MAX_HEADER_BYTES + 2, out.size(), "a frame whose header is"
                + " exactly 65536 bytes must be written whole");
        out.reset();

        // A header value JSON cannot hold (an Instant: Jackson writes none without a module).
        Frame unwritable = new Frame(Map.of("when", java.time.Instant.EPOCH), utf8("then"));
        try {
            write(writer, unwritable);
            fail("a frame whose header holds a value JSON cannot hold (an Instant) must be"
                    + " refused with IllegalArgumentException, but it was written: "
                    + FramingTestKit.hex(out.toByteArray(), 0, Math.min(out.size(), 24)));
        } catch (IllegalArgumentException expected) {
            assertEquals(0, out.size(), "a refused frame must not be written at all; " + out.size()
                    + " bytes were written");
        } catch (java.io.IOException e) {
            fail("a frame whose header holds a value JSON cannot hold (an Instant) must be"
                    + " refused with IllegalArgumentException (the frame is wrong, not the"
                    + " stream), but write threw " + e + ". Catch Jackson's"
                    + " JsonProcessingException and throw IllegalArgumentException.", e);
        }
        write(writer, Frame.of("fine"));
        assertArrayEquals(FramingTestKit.frame(utf8("fine"), ""), out.toByteArray(), "after a"
                + " refused frame the writer must still write the next one");
    }

    /** {@code writer.write(frame)}, failing the test if it does not return in time. */
    static void write(FrameWriter writer, Frame frame) throws Exception {
        within(REPLY_WAIT, "write(" + frame + ")", "Writing a frame never waits for anything.",
                () -> {
                    writer.write(frame);
                    return null;
                });
    }
}
