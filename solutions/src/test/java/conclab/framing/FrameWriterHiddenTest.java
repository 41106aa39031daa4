package conclab.framing;

import static conclab.framing.FramingTestKit.headerOfLength;
import static conclab.framing.FramingTestKit.parse;
import static conclab.framing.FramingTestKit.utf8;
import static conclab.framing.FrameWriterTest.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import conclab.framing.FramingTestKit.Parsed;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hidden: random frames through the test's parser, one write per frame, the limit to the byte. */
@Tag("framing")
@Timeout(10)
class FrameWriterHiddenTest {

    /** The texts this class hands to the kit, in the student's language. */
    private static final Say SAY = Say.of(FrameWriterHiddenTest.class);

    @Test
    @Points(1)
    @Hint("random")
    void writesRandomFramesTheTestsParserReadsBack() throws Exception {
        Random random = new Random(42);
        String[] texts = {"plain", "你好，世界", "quote \" backslash \\ slash /", "line\nbreak\ttab",
            "emoji 😀", "", "control \u0001"};
        List<Frame> frames = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out);
        for (int i = 0; i < 200; i++) {
            Map<String, Object> header = new LinkedHashMap<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                header.put(texts[random.nextInt(texts.length)] + n, random.nextBoolean()
                        ? texts[random.nextInt(texts.length)] : (Object) random.nextInt());
            }
            byte[] payload = new byte[random.nextInt(3000)];
            random.nextBytes(payload);
            Frame frame = new Frame(header, payload);
            frames.add(frame);
            write(writer, frame);
        }
        byte[] written = out.toByteArray();
        int offset = 0;
        for (Frame frame : frames) {
            Parsed parsed = parse(written, offset, SAY.text("frame.what", frame));
            JsonNode expected = FramingTestKit.json().valueToTree(withSize(frame));
            assertEquals(expected, parsed.header(), "the header of " + frame + ": size and every"
                    + " field, as JSON");
            assertArrayEquals(frame.payload(), parsed.payload(), "the payload of " + frame);
            offset += parsed.frameLength();
        }
        assertEquals(written.length, offset, "200 frames were written and nothing else");
    }

    private static Map<String, Object> withSize(Frame frame) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("size", frame.size());
        json.putAll(frame.header());
        return json;
    }

    @Test
    @Points(1)
    @Hint("oneWrite")
    void handsEachFrameToTheStreamInOneWrite() throws Exception {
        List<Integer> writes = new ArrayList<>();
        int[] flushes = {0};
        boolean[] closed = {false};
        OutputStream counting = new OutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }

            @Override
            public void write(int b) {
                writes.add(1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(len);
            }

            @Override
            public void flush() {
                flushes[0]++;
            }
        };
        FrameWriter writer = new FrameWriter(counting);
        write(writer, new Frame(Map.of("name", "hi.txt"), utf8("hello")));
        write(writer, Frame.of("again"));
        List<Integer> expected = List.of(35, FramingTestKit.frame(utf8("again"), "").length);
        if (!writes.equals(expected)) {
            fail("two frames must reach the stream as two write() calls of " + expected
                    + " bytes, one per frame; the writer made " + writes.size() + " calls: "
                    + writes + ". Build the frame in one array (ByteBuffer) and write it at once:"
                    + " small writes in a row on a socket can wait tens of milliseconds each"
                    + " (Nagle's algorithm and delayed acknowledgements).");
        }
        assertFalse(closed[0], "the writer closed the stream it was given; it must not: the"
                + " stream is the caller's");
        assertEquals(2, flushes[0], "each frame must be flushed once");
    }

    @Test
    @Points(1)
    @Hint("limit")
    void acceptsAHeaderOfExactlyTheLimit() throws Exception {
        String json = headerOfLength(FrameReader.MAX_HEADER_BYTES, 2);
        String pad = FramingTestKit.json().readTree(json).get("pad").asText();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out);
        write(writer, new Frame(Map.of("pad", pad), utf8("ok")));
        Parsed parsed = parse(out.toByteArray(), 0, SAY.text("limit.what"));
        assertEquals(FrameReader.MAX_HEADER_BYTES, parsed.headerLength(), "the header"
                + " {\"size\":2,\"pad\":\"xxx...\"} is exactly 65536 bytes: allowed, and written");
        try {
            write(new FrameWriter(new ByteArrayOutputStream()),
                    new Frame(Map.of("pad", pad + "x"), utf8("ok")));
            fail("a header of 65537 bytes, one over the limit, must be refused with"
                    + " IllegalArgumentException");
        } catch (IllegalArgumentException expected) {
            // as documented
        }
    }
}
