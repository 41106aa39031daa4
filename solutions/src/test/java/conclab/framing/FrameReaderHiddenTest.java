package conclab.framing;

import static conclab.framing.FramingTestKit.concat;
import static conclab.framing.FramingTestKit.expectFramingException;
import static conclab.framing.FramingTestKit.frame;
import static conclab.framing.FramingTestKit.readWithin;
import static conclab.framing.FramingTestKit.utf8;
import static conclab.framing.FramingTestKit.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.framing.FramingTestKit.Pieces;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.harness.Timing;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/** Hidden: frames cut at every byte, a size that lies, every JSON type, strict headers. */
@Tag("framing")
@Timeout(10)
class FrameReaderHiddenTest {

    /** The texts this class hands to the kit and to BoundedWait, in the student's language. */
    private static final Say SAY = Say.of(FrameReaderHiddenTest.class);

    @Test
    @Points(2)
    @Hint("pieces")
    void readsFramesCutAnywhere() throws Exception {
        List<Frame> frames = List.of(
                new Frame(Map.of("name", "hi.txt"), utf8("hello")),
                new Frame(Map.of("name", "你好.txt"), utf8("你好，世界")),
                Frame.of(new byte[0]),
                new Frame(Map.of("n", 3), FramingTestKit.arbitraryBytes(300)));
        byte[] stream = concat(FrameReaderTest.DOCUMENTED,
                frame(utf8("你好，世界"), ",\"name\":\"你好.txt\""),
                frame(new byte[0], ""),
                frame(FramingTestKit.arbitraryBytes(300), ",\"n\":3"));
        // Streams in memory cannot block: only a reader that loops on -1 could hang, so one
        // bound covers all the reads.
        BoundedWait.within(Timing.upperBound(Duration.ofSeconds(1)), SAY.text("pieces.what"),
                SAY.text("pieces.advice"),
                () -> {
                    for (int cut = 1; cut < stream.length; cut++) {
                        expectAll(new Pieces(stream, cut), frames, "the stream of 4 frames ("
                                + stream.length + " bytes) delivered in two pieces, cut after"
                                + " byte " + cut);
                    }
                    for (long seed = 1; seed <= 50; seed++) {
                        expectAll(Pieces.random(stream, seed, 9), frames, "the stream of 4"
                                + " frames delivered in random pieces of 1 to 9 bytes (seed "
                                + seed + ")");
                    }
                    return null;
                });
    }

    private static void expectAll(InputStream in, List<Frame> frames, String what)
            throws Exception {
        FrameReader reader = new FrameReader(in);
        List<Frame> got = new ArrayList<>();
        try {
            for (Optional<Frame> frame = reader.read(); frame.isPresent();
                    frame = reader.read()) {
                got.add(frame.get());
                if (got.size() > frames.size()) {
                    break;
                }
            }
        } catch (FramingException e) {
            fail(what + ": after " + got.size() + " frames read() threw " + e + ", but the"
                    + " stream holds only valid frames. A read() may return any part of what was"
                    + " sent: read each part until it is complete (in.readNBytes(n)).", e);
        }
        assertEquals(frames, got, what + ": every frame must come out whole, and then the end");
    }

    @Test
    @Points(2)
    @Hint("lyingSize")
    void aLyingSizeCostsOnlyWhatArrives(TestReporter reporter) throws Exception {
        // 16 MiB claimed, 1 MiB there: what arrives may cost about twice itself (readNBytes
        // gathers the pieces, then copies them into one array), never the 16 MiB claimed.
        int claimed = FrameReader.DEFAULT_MAX_PAYLOAD_BYTES;
        byte[] lie = concat(frame("{\"size\":" + claimed + ",\"name\":\"big.bin\"}",
                new byte[0]), new byte[1 << 20]);
        FrameReaderTest.expectToCostAtMost(lie, 4 << 20, SAY.text("lyingSize.what"), reporter,
                "lyingSize");
    }

    @Test
    @Points(1)
    @Hint("fields")
    void keepsEveryHeaderFieldAsJacksonReadsIt() throws Exception {
        String header = "{\"text\":\"a \\\"quoted\\\" \\u4f60\\u597d\\n\",\"int\":-7,"
                + "\"long\":12345678901,\"double\":2.5,\"yes\":true,\"nothing\":null,"
                + "\"list\":[1,\"two\",false],\"object\":{\"inner\":1},\"size\":3,"
                + "\"名字\":\"值\"}";
        FrameReader reader = new FrameReader(new ByteArrayInputStream(frame(header, utf8("abc"))));
        Optional<Frame> frame = FramingTestKit.readValid(reader, SAY.text("fields.what"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("text", "a \"quoted\" 你好\n");
        expected.put("int", -7);
        expected.put("long", 12345678901L);
        expected.put("double", 2.5);
        expected.put("yes", true);
        expected.put("nothing", null);
        expected.put("list", List.of(1, "two", false));
        expected.put("object", Map.of("inner", 1));
        expected.put("名字", "值");
        assertTrue(frame.isPresent(), "the frame must be read");
        assertEquals(expected, frame.get().header(), "the header's fields other than size, as"
                + " Jackson reads them (Integer, Long, Double, Boolean, null, List, Map)");
        assertEquals(new ArrayList<>(expected.keySet()),
                new ArrayList<>(frame.get().header().keySet()), "the fields in the order of the"
                        + " JSON object");
        assertEquals("abc", frame.get().text(), "the payload");
    }

    @Test
    @Points(1)
    @Hint("strict")
    void rejectsHeadersThatAreNotExactlyOneUtf8JsonObject() throws Exception {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, // an overlong "/"
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},                  // a lone surrogate
            {(byte) 0xE4, (byte) 0xBD}}) {                             // a character cut short
            byte[] notUtf8 = concat(utf8("{\"size\":0,\"s\":\""), bad, utf8("\"}"));
            cases.put("a header with invalid UTF-8 (" + FramingTestKit.hex(bad, 0, bad.length)
                    + ")", withLength(notUtf8.length, notUtf8));
        }
        cases.put("two JSON objects", frame("{\"size\":0}{\"size\":0}", new byte[0]));
        cases.put("an object, then an unfinished one", frame("{\"size\":0}\n{", new byte[0]));
        cases.put("a header that is JSON null", frame("null", new byte[0]));
        cases.put("a size of null", frame("{\"size\":null}", new byte[0]));
        cases.put("a size of true", frame("{\"size\":true}", new byte[0]));
        cases.put("arrays nested 5,000 deep", frame("{\"size\":0,\"a\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}", new byte[0]));
        cases.put("a header of only spaces", frame("   ", new byte[0]));
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            expectFramingException(c.getValue(), FrameReader.DEFAULT_MAX_PAYLOAD_BYTES, 0,
                    c.getKey());
        }
        // Whitespace around the one object is fine.
        Optional<Frame> frame = readWithin(new FrameReader(new ByteArrayInputStream(
                frame("\n\t {\"size\":1} \r\n", utf8("!")))), "read() of a header with"
                + " whitespace around the object");
        assertEquals(Optional.of(Frame.of("!")), frame, "whitespace around the header's object"
                + " is allowed");
        assertTrue(Arrays.equals(utf8("!"), frame.get().payload()), "the payload");
    }
}
