package conclab.framing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The fuzz test's inputs: valid frames, mutated frames and noise, each with what a correct
 * reader must make of it. Built here, byte by byte, never with the code under test; the same for
 * the same seed.
 */
final class FrameFuzz {

    /** What a correct reader makes of an input. */
    enum Outcome {
        /** exactly {@code frames}, then the clean end */
        EXACT,
        /** exactly {@code frames}, then a FramingException */
        FRAMES_THEN_ERROR,
        /** exactly {@code frames}, then anything a reader may do (frames, the end, an error) */
        FRAMES_THEN_ANYTHING,
        /** any frames, the clean end or a FramingException: only no other exception */
        ANYTHING
    }

    /**
     * One input: its bytes, what must come of it, the frames that must come out first and the
     * length on the wire of each, for checking where the reader leaves the stream.
     */
    record Case(int number, String kind, byte[] input, Outcome outcome, List<Frame> frames,
                List<Integer> frameLengths) {

        /** {@code case 17 (odd-size, 35 bytes [00 00 00 1A 7B ...])}, for messages. */
        String describe() {
            int shown = Math.min(input.length, 40);
            return "case " + number + " (" + kind + ", " + input.length + " bytes ["
                    + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(input, 0, shown)
                    + (shown < input.length ? " ...]" : "]") + ")";
        }
    }

    private static final String[] KINDS = {"valid", "valid-several", "flipped", "truncated",
        "length-prefix", "odd-size", "odd-header", "noise", "valid-then-garbage"};

    private final Random random;
    private final int limit;
    private int number;

    FrameFuzz(long seed, int limit) {
        this.random = new Random(seed);
        this.limit = limit;
    }

    /** The next input. One in fifty is a header just over the 64 KiB limit. */
    Case next() {
        int n = number++;
        if (random.nextInt(50) == 0) {
            return oversizedHeader(n);
        }
        String kind = KINDS[random.nextInt(KINDS.length)];
        return switch (kind) {
            case "valid" -> {
                Frame frame = randomFrame();
                byte[] bytes = bytes(frame);
                yield new Case(n, kind, bytes, Outcome.EXACT, List.of(frame), List.of(bytes.length));
            }
            case "valid-several" -> {
                List<Frame> frames = new ArrayList<>();
                List<Integer> lengths = new ArrayList<>();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int k = 2 + random.nextInt(4); k > 0; k--) {
                    Frame frame = randomFrame();
                    byte[] bytes = bytes(frame);
                    frames.add(frame);
                    lengths.add(bytes.length);
                    all.writeBytes(bytes);
                }
                yield new Case(n, kind, all.toByteArray(), Outcome.EXACT, frames, lengths);
            }
            case "flipped" -> {
                byte[] input = bytes(randomFrame());
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield new Case(n, kind, input, Outcome.ANYTHING, List.of(), List.of());
            }
            case "truncated" -> truncated(n);
            case "length-prefix" -> lengthPrefix(n);
            case "odd-size" -> oddSize(n);
            case "odd-header" -> oddHeader(n);
            case "noise" -> new Case(n, kind, randomBytes(random.nextInt(100)), Outcome.ANYTHING,
                    List.of(), List.of());
            default -> {
                Frame frame = randomFrame();
                byte[] bytes = bytes(frame);
                yield new Case(n, "valid-then-garbage", concat(bytes,
                        randomBytes(1 + random.nextInt(30))), Outcome.FRAMES_THEN_ANYTHING,
                        List.of(frame), List.of(bytes.length));
            }
        };
    }

    /** Two frames cut anywhere: the whole frames before the cut, then the end or an error. */
    private Case truncated(int n) {
        Frame first = randomFrame();
        Frame second = randomFrame();
        byte[] a = bytes(first);
        byte[] both = concat(a, bytes(second));
        int cut = 1 + random.nextInt(both.length - 1);
        byte[] input = java.util.Arrays.copyOf(both, cut);
        if (cut < a.length) {
            return new Case(n, "truncated", input, Outcome.FRAMES_THEN_ERROR, List.of(),
                    List.of());
        }
        return new Case(n, "truncated", input, cut == a.length ? Outcome.EXACT
                : Outcome.FRAMES_THEN_ERROR, List.of(first), List.of(a.length));
    }

    /** A valid frame whose 4-byte length is replaced: wrong, unless it is the true one. */
    private Case lengthPrefix(int n) {
        Frame frame = randomFrame();
        byte[] input = bytes(frame);
        int trueLength = ByteBuffer.wrap(input).getInt();
        int[] lengths = {Integer.MIN_VALUE, -1, 0, 1, 2, FrameReader.MAX_HEADER_BYTES,
            FrameReader.MAX_HEADER_BYTES + 1, Integer.MAX_VALUE, random.nextInt(),
            random.nextInt(1 << 20), input.length};
        int length = lengths[random.nextInt(lengths.length)];
        ByteBuffer.wrap(input).putInt(length);
        if (length == trueLength) {
            return new Case(n, "length-prefix", input, Outcome.EXACT, List.of(frame),
                    List.of(input.length));
        }
        if (length > trueLength && length <= input.length - 4) {
            // the header runs into the payload: if those bytes happen to be JSON whitespace,
            // the header is still one object, and what follows is anybody's guess
            return new Case(n, "length-prefix", input, Outcome.ANYTHING, List.of(), List.of());
        }
        return new Case(n, "length-prefix", input, Outcome.FRAMES_THEN_ERROR, List.of(),
                List.of());
    }

    /** A header whose size is not a valid one, or a valid one that may lie. */
    private Case oddSize(int n) {
        String[] sizes = {"-1", "-2147483648", "2147483647", "2147483648", "4294967297",
            "9223372036854775807", "99999999999999999999999", "1e30", "5.5", "1.0", "-0.0",
            "\"5\"", "null", "true", "[]", "{}", String.valueOf(limit + 1L),
            String.valueOf(random.nextInt(limit + 1)),    // may lie: few bytes follow
            String.valueOf(limit - random.nextInt(1 + limit / 4)),
            String.valueOf(random.nextInt(40))};           // may be true
        String size = sizes[random.nextInt(sizes.length)];
        byte[] payload = randomBytes(random.nextInt(40));
        boolean fields = random.nextBoolean();
        String header = fields ? "{\"name\":\"x\",\"size\":" + size + ",\"n\":1}"
                : "{\"size\":" + size + "}";
        byte[] prefixed = prefixed(header.getBytes(StandardCharsets.UTF_8));
        byte[] input = concat(prefixed, payload);
        if (size.matches("\\d+")
                && new java.math.BigInteger(size).compareTo(java.math.BigInteger.valueOf(payload.length)) <= 0) {
            // a true size: one frame, then whatever the rest of the payload makes of it
            int s = Integer.parseInt(size);
            Map<String, Object> header2 = new LinkedHashMap<>();
            if (fields) {
                header2.put("name", "x");
                header2.put("n", 1);
            }
            Frame frame = new Frame(header2, java.util.Arrays.copyOf(payload, s));
            return new Case(n, "odd-size", input, s == payload.length ? Outcome.EXACT
                    : Outcome.FRAMES_THEN_ANYTHING, List.of(frame), List.of(prefixed.length + s));
        }
        return new Case(n, "odd-size", input, Outcome.FRAMES_THEN_ERROR, List.of(), List.of());
    }

    /** A header that is not exactly one JSON object with an integer size: always an error. */
    private Case oddHeader(int n) {
        String[] headers = {"", " ", "null", "[]", "[1,2]", "\"size\"", "5", "{",
            "{\"size\":1", "{\"size\":1}}", "{\"size\":1} x", "{\"size\":0}{\"size\":0}",
            "{size:1}", "{'size':1}", "{\"Size\":1}", "{\"size\":1,}", "\u0000",
            "{\"size\":0,\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}",
            "{\"size\":0,\"a\":" + "{\"b\":".repeat(2000) + "1" + "}".repeat(2000) + "}",
            "{\"size\":0,\"s\":\"" + "\\u".repeat(5) + "\"}"};
        byte[] header;
        int pick = random.nextInt(headers.length + 2);
        if (pick == headers.length) {
            header = new byte[] {'{', '"', 's', (byte) 0xC3, 0x28, '"', ':', '1', '}'};
        } else if (pick == headers.length + 1) {
            // random bytes that start like an object but cannot end as one with a size
            header = concat(new byte[] {'{', 'x'}, randomBytes(random.nextInt(30)));
        } else {
            header = headers[pick].getBytes(StandardCharsets.UTF_8);
        }
        return new Case(n, "odd-header", concat(prefixed(header), randomBytes(random.nextInt(8))),
                Outcome.FRAMES_THEN_ERROR, List.of(), List.of());
    }

    /** A valid JSON header a little over the 64 KiB limit, all of it there: an error. */
    private Case oversizedHeader(int n) {
        int length = FrameReader.MAX_HEADER_BYTES + 1 + random.nextInt(64);
        String start = "{\"size\":0,\"pad\":\"";
        String header = start + "x".repeat(length - start.length() - 2) + "\"}";
        return new Case(n, "oversized-header", prefixed(header.getBytes(StandardCharsets.UTF_8)),
                Outcome.FRAMES_THEN_ERROR, List.of(), List.of());
    }

    private Frame randomFrame() {
        Map<String, Object> header = new LinkedHashMap<>();
        String[] names = {"name", "type", "n", "ok", "note", "名字", "x y", "q\"uote"};
        for (int k = random.nextInt(4); k > 0; k--) {
            String name = names[random.nextInt(names.length)];
            switch (random.nextInt(4)) {
                case 0 -> header.put(name, "v" + random.nextInt(1000) + (random.nextBoolean()
                        ? "你好\n\t\"\\" : ""));
                case 1 -> header.put(name, random.nextInt());
                case 2 -> header.put(name, random.nextBoolean());
                default -> header.put(name, null);
            }
        }
        return new Frame(header, randomBytes(random.nextInt(300)));
    }

    /** A frame's bytes, built here (not with the code under test). */
    static byte[] bytes(Frame frame) {
        StringBuilder json = new StringBuilder("{\"size\":").append(frame.size());
        for (Map.Entry<String, Object> field : frame.header().entrySet()) {
            json.append(',').append(quote(field.getKey())).append(':');
            Object value = field.getValue();
            json.append(value instanceof String text ? quote(text) : String.valueOf(value));
        }
        json.append('}');
        return concat(prefixed(json.toString().getBytes(StandardCharsets.UTF_8)), frame.payload());
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static byte[] prefixed(byte[] header) {
        return ByteBuffer.allocate(4 + header.length).putInt(header.length).put(header).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A seed for the pieces the next piecewise input is cut into. */
    long nextSeed() {
        return random.nextLong();
    }

    /** Whether the next input is delivered whole (else in random pieces). */
    boolean nextWhole() {
        return random.nextBoolean();
    }
}
