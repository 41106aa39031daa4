package conclab.framing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The fuzzer's child JVM: {@code FrameFuzz SEED CASES LIMIT HANG_MS} feeds a {@link FrameReader}
 * (with a payload limit of {@code LIMIT} bytes) {@code CASES} inputs made from {@code SEED}:
 * valid frames, mutated frames and noise, delivered whole or in random pieces. Each input must
 * end in frames and then the clean end or a {@link FramingException}; a valid input must come out
 * exactly as it went in. Started with a small heap, so that a reader that allocates what a header
 * claims runs out of memory.
 *
 * <p>Prints one line: {@code FUZZ-OK cases=... frames=... protocolErrors=... elapsedMs=...
 * slowestCaseMs=...}, or {@code FUZZ-FAIL case=N kind=... input=HEX outcome=...} (exit 1), or
 * {@code FUZZ-HANG case=N ...} when one input takes longer than {@code HANG_MS} (exit 2).
 */
public final class FrameFuzz {

    private static final String[] KINDS = {"valid", "valid-several", "flipped", "truncated",
        "length-prefix", "odd-size", "odd-header", "noise", "valid-then-garbage"};

    /** How many times slower than the test's own reader the reader under test may be. */
    static final int SLOWER_FACTOR = 10;
    /** Added to the bound, for a fast calibration on a quiet machine. */
    static final long SLACK_NANOS = 1_000_000_000L;

    /** Warming up (the first read loads Jackson and the reader's classes) may take this long. */
    private static final long WARM_UP_MILLIS = 15_000;

    private static volatile long caseStart;
    private static volatile long allowedNanos;
    private static volatile int currentCase = -1;
    private static volatile String currentKind = "";
    private static volatile byte[] currentInput = new byte[0];

    private FrameFuzz() {
    }

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        int cases = Integer.parseInt(args[1]);
        int limit = Integer.parseInt(args[2]);
        long hangMillis = Long.parseLong(args[3]);
        double scale = Double.parseDouble(args[4]);
        startWatchdog();
        warmUp();
        allowedNanos = hangMillis * 1_000_000;

        Random random = new Random(seed);
        int frames = 0;
        int protocolErrors = 0;
        long slowest = 0;
        long elapsed = 0;
        long calibration = 0;
        for (int i = 0; i < cases; i++) {
            int kind = random.nextInt(KINDS.length);
            List<Frame> expected = new ArrayList<>();
            byte[] input = generate(random, kind, limit, expected);
            boolean whole = random.nextBoolean();
            long piecesSeed = random.nextLong();
            int piecesMax = 1 + random.nextInt(64);

            // The same input through the test's own reader, right before: a calibration that
            // sees the same load as the reader under test.
            long calibrationStart = System.nanoTime();
            TrustedReader.readAll(stream(input, whole, piecesSeed, piecesMax), limit);
            calibration += System.nanoTime() - calibrationStart;

            InputStream in = stream(input, whole, piecesSeed, piecesMax);
            currentKind = KINDS[kind];
            currentInput = input;
            caseStart = System.nanoTime();
            currentCase = i;
            FrameReader reader = new FrameReader(in, limit);
            List<Frame> got = new ArrayList<>();
            String outcome;
            try {
                outcome = "clean end";
                for (Optional<Frame> frame = reader.read(); frame.isPresent();
                        frame = reader.read()) {
                    got.add(frame.get());
                    if (got.size() > 64) {
                        outcome = "more than 64 frames from " + input.length + " bytes";
                        fail(i, kind, input, outcome);
                    }
                }
            } catch (FramingException e) {
                outcome = "FramingException";
                protocolErrors++;
            } catch (Throwable t) {
                fail(i, kind, input, "read() threw " + t + " (only a frame, the clean end or a"
                        + " FramingException may come out)" + at(t));
                return;
            }
            long took = System.nanoTime() - caseStart;
            currentCase = -1;
            slowest = Math.max(slowest, took);
            elapsed += took;
            frames += got.size();
            if (kind <= 1 && (!got.equals(expected) || !outcome.equals("clean end"))) {
                fail(i, kind, input, "valid input: expected the frames " + expected
                        + " and the clean end, got " + got + " and " + outcome);
                return;
            }
            if (elapsed > bound(calibration, scale)) {
                System.out.println("FUZZ-SLOW case=" + i + " elapsedMs=" + elapsed / 1_000_000
                        + " calibrationMs=" + calibration / 1_000_000 + " boundMs="
                        + bound(calibration, scale) / 1_000_000);
                System.out.flush();
                Runtime.getRuntime().halt(3);
            }
        }
        System.out.println("FUZZ-OK cases=" + cases + " frames=" + frames + " protocolErrors="
                + protocolErrors + " elapsedMs=" + elapsed / 1_000_000 + " calibrationMs="
                + calibration / 1_000_000 + " slowestCaseMs=" + slowest / 1_000_000);
        System.out.flush();
        System.exit(0);
    }

    /** How long the reader under test may take for what took the test's own reader {@code calibration}. */
    static long bound(long calibrationNanos, double scale) {
        return Math.round((SLOWER_FACTOR * calibrationNanos + SLACK_NANOS) * scale);
    }

    private static InputStream stream(byte[] input, boolean whole, long seed, int max) {
        return whole ? new ByteArrayInputStream(input) : new RandomPieces(input, seed, max);
    }

    private static String at(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("conclab.framing.")) {
                return " at " + frame;
            }
        }
        return "";
    }

    private static void fail(int i, int kind, byte[] input, String outcome) {
        System.out.println("FUZZ-FAIL case=" + i + " kind=" + KINDS[kind] + " input="
                + describe(input) + " outcome=" + outcome.replace('\n', ' '));
        System.out.flush();
        Runtime.getRuntime().halt(1);
    }

    private static String describe(byte[] input) {
        int shown = Math.min(input.length, 48);
        return input.length + " bytes [" + HexFormat.ofDelimiter(" ").withUpperCase()
                .formatHex(input, 0, shown) + (shown < input.length ? " ...]" : "]");
    }

    /** One valid frame first, untimed: loading classes is not the reader's speed. */
    private static void warmUp() {
        Frame frame = new Frame(Map.of("name", "warm-up"), "warm".getBytes(StandardCharsets.UTF_8));
        byte[] input = bytes(frame);
        allowedNanos = WARM_UP_MILLIS * 1_000_000;
        currentKind = "warm-up";
        currentInput = input;
        caseStart = System.nanoTime();
        currentCase = 0;
        try {
            Optional<Frame> read = new FrameReader(new ByteArrayInputStream(input)).read();
            if (!read.equals(Optional.of(frame))) {
                fail(0, 0, input, "valid input: expected " + frame + ", got " + read);
            }
        } catch (Throwable t) {
            fail(0, 0, input, "read() threw " + t + at(t));
        }
        currentCase = -1;
        TrustedReader.readAll(new ByteArrayInputStream(input), 100);
    }

    private static void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            while (true) {
                int watched = currentCase;
                long started = caseStart;
                long allowed = allowedNanos;
                if (watched >= 0 && System.nanoTime() - started > allowed) {
                    System.out.println("FUZZ-HANG case=" + watched + " kind=" + currentKind
                            + " input=" + describe(currentInput) + " outcome=read() had not"
                            + " ended after " + allowed / 1_000_000 + " ms");
                    System.out.flush();
                    Runtime.getRuntime().halt(2);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fuzz-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    // ---- inputs ------------------------------------------------------------------------------

    private static byte[] generate(Random random, int kind, int limit, List<Frame> expected) {
        switch (KINDS[kind]) {
            case "valid": {
                Frame frame = randomFrame(random);
                expected.add(frame);
                return bytes(frame);
            }
            case "valid-several": {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int n = 2 + random.nextInt(4); n > 0; n--) {
                    Frame frame = randomFrame(random);
                    expected.add(frame);
                    all.writeBytes(bytes(frame));
                }
                return all.toByteArray();
            }
            case "flipped": {
                byte[] input = bytes(randomFrame(random));
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return input;
            }
            case "truncated": {
                byte[] input = concat(bytes(randomFrame(random)), bytes(randomFrame(random)));
                return java.util.Arrays.copyOf(input, 1 + random.nextInt(input.length - 1));
            }
            case "length-prefix": {
                byte[] input = bytes(randomFrame(random));
                int[] lengths = {Integer.MIN_VALUE, -1, 0, 1, 2, FrameReader.MAX_HEADER_BYTES,
                    FrameReader.MAX_HEADER_BYTES + 1, Integer.MAX_VALUE, random.nextInt(),
                    random.nextInt(1 << 20), input.length};
                ByteBuffer.wrap(input).putInt(lengths[random.nextInt(lengths.length)]);
                return input;
            }
            case "odd-size": {
                String[] sizes = {"-1", "-2147483648", "2147483647", "2147483648",
                    "9223372036854775807", "99999999999999999999999", "1e30", "5.5", "-0.0",
                    "\"5\"", "null", "true", "[]", "{}", String.valueOf(limit + 1L),
                    String.valueOf(random.nextInt(limit + 1)),    // may lie: few bytes follow
                    String.valueOf(limit - random.nextInt(1 + limit / 4))};
                String size = sizes[random.nextInt(sizes.length)];
                byte[] payload = randomBytes(random, random.nextInt(40));
                String header = random.nextBoolean() ? "{\"size\":" + size + "}"
                        : "{\"name\":\"x\",\"size\":" + size + ",\"n\":1}";
                return concat(prefixed(header.getBytes(StandardCharsets.UTF_8)), payload);
            }
            case "odd-header": {
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
                    header = randomBytes(random, 1 + random.nextInt(30));
                } else {
                    header = headers[pick].getBytes(StandardCharsets.UTF_8);
                }
                return concat(prefixed(header), randomBytes(random, random.nextInt(8)));
            }
            case "noise":
                return randomBytes(random, random.nextInt(100));
            case "valid-then-garbage":
            default: {
                Frame frame = randomFrame(random);
                return concat(bytes(frame), randomBytes(random, 1 + random.nextInt(30)));
            }
        }
    }

    private static Frame randomFrame(Random random) {
        Map<String, Object> header = new LinkedHashMap<>();
        String[] names = {"name", "type", "n", "ok", "note", "名字", "x y", "q\"uote"};
        for (int n = random.nextInt(4); n > 0; n--) {
            String name = names[random.nextInt(names.length)];
            switch (random.nextInt(4)) {
                case 0 -> header.put(name, "v" + random.nextInt(1000) + (random.nextBoolean()
                        ? "你好\n\t\"\\" : ""));
                case 1 -> header.put(name, random.nextInt());
                case 2 -> header.put(name, random.nextBoolean());
                default -> header.put(name, null);
            }
        }
        return new Frame(header, randomBytes(random, random.nextInt(300)));
    }

    /** A frame's bytes, built here (not with the code under test). */
    private static byte[] bytes(Frame frame) {
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

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Delivers its bytes in random pieces of 1 to {@code max} bytes. */
    private static final class RandomPieces extends InputStream {

        private final byte[] bytes;
        private final Random random;
        private final int max;
        private int position;

        RandomPieces(byte[] bytes, long seed, int max) {
            this.bytes = bytes;
            this.random = new Random(seed);
            this.max = max;
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
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(max)), bytes.length - position);
            System.arraycopy(bytes, position, into, off, n);
            position += n;
            return n;
        }
    }

    /**
     * The test's own reader, for calibration only: the protocol, read the plain way (readNBytes,
     * one Jackson parse per header). Its verdicts are not used.
     */
    private static final class TrustedReader {

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                com.fasterxml.jackson.databind.json.JsonMapper.builder()
                        .enable(com.fasterxml.jackson.databind.DeserializationFeature
                                .FAIL_ON_TRAILING_TOKENS)
                        .build();

        static int readAll(InputStream in, int limit) {
            int frames = 0;
            try {
                while (true) {
                    byte[] prefix = in.readNBytes(4);
                    if (prefix.length < 4) {
                        return frames;
                    }
                    int length = ByteBuffer.wrap(prefix).getInt();
                    if (length <= 0 || length > FrameReader.MAX_HEADER_BYTES) {
                        return frames;
                    }
                    byte[] header = in.readNBytes(length);
                    if (header.length < length) {
                        return frames;
                    }
                    String text = StandardCharsets.UTF_8.newDecoder()
                            .decode(ByteBuffer.wrap(header)).toString();
                    com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(text);
                    if (node == null || !node.isObject() || !node.path("size").isIntegralNumber()
                            || node.get("size").asLong() < 0
                            || node.get("size").asLong() > limit) {
                        return frames;
                    }
                    Map<?, ?> fields = JSON.convertValue(node, LinkedHashMap.class);
                    byte[] payload = in.readNBytes(node.get("size").asInt());
                    if (payload.length < node.get("size").asInt() || fields == null) {
                        return frames;
                    }
                    frames++;
                }
            } catch (Exception e) {
                return frames;
            }
        }
    }
}
