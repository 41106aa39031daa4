package conclab.framing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message of the framing protocol: a header (named fields, as a JSON object on the wire) and
 * a payload of bytes. See the {@linkplain conclab.framing package documentation} for the bytes.
 *
 * <p>The header here holds the fields <em>other than</em> {@code size}: on the wire {@code size}
 * is always the payload's length, so the {@link FrameWriter} adds it and the {@link FrameReader}
 * takes it out. A frame that is written and read back is therefore {@linkplain #equals equal} to
 * itself. Header values are what Jackson reads from JSON: {@link String}, {@link Integer} (or
 * {@link Long}, {@link java.math.BigInteger} when larger), {@link Double}, {@link Boolean},
 * {@code null}, {@link java.util.List} and {@link Map} (in the order of the JSON object).
 *
 * <pre>{@code
 * Frame hello = Frame.of("hello");                                  // header {}, payload "hello"
 * Frame file = new Frame(Map.of("name", "hi.txt"), bytes);          // header {name=hi.txt}
 * file.header().get("name");                                        // "hi.txt"
 * file.size();                                                      // bytes.length
 * }</pre>
 *
 * <p>Given complete: a frame is a value, with nothing to implement. It copies what it is given
 * and what it gives out, so nobody can change a frame after it was made.
 *
 * @param header  the header's fields other than {@code size}, e.g. {@code {name=hi.txt}}; copied,
 *                unmodifiable, in the given order
 * @param payload the payload's bytes; copied
 */
public record Frame(Map<String, Object> header, byte[] payload) {

    /**
     * A frame; copies both arguments.
     *
     * @throws IllegalArgumentException if {@code header} has a key {@code size} (the payload's
     *                                  length is the size) or a {@code null} key
     */
    public Frame {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        if (header.keySet().stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a header field needs a name: " + header);
        }
        if (header.containsKey("size")) {
            throw new IllegalArgumentException("the header must not hold 'size': the writer sets"
                    + " it to the payload's length, the reader takes it out (" + header + ")");
        }
        header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
        payload = payload.clone();
    }

    /** A frame with an empty header and the given payload. */
    public static Frame of(byte[] payload) {
        return new Frame(Map.of(), payload);
    }

    /** A frame with an empty header and the UTF-8 bytes of {@code text} as its payload. */
    public static Frame of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the payload's bytes. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload's length in bytes: the header's {@code size} on the wire. */
    public int size() {
        return payload.length;
    }

    /** The payload decoded as UTF-8 (for frames that carry text). */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** Equal header fields and equal payload bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Frame that && header.equals(that.header)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(payload);
    }

    /** E.g. {@code Frame[header={name=hi.txt}, size=5, payload="hello"]}; long payloads cut. */
    @Override
    public String toString() {
        String text = new String(payload, 0, Math.min(payload.length, 40), StandardCharsets.UTF_8);
        boolean printable = text.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xfffd);
        String shown = printable ? "\"" + text + (payload.length > 40 ? "...\"" : "\"")
                : "[" + java.util.HexFormat.ofDelimiter(" ").formatHex(payload, 0,
                        Math.min(payload.length, 16)) + (payload.length > 16 ? " ...]" : "]");
        return "Frame[header=" + header + ", size=" + payload.length + ", payload=" + shown + "]";
    }
}
