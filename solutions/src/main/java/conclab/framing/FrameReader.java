package conclab.framing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads frames from a stream of bytes, one by one, however the bytes happen to arrive.
 *
 * <h2>Why a reader is needed at all: sticky packets</h2>
 * TCP delivers a <em>stream</em> of bytes, not messages. Two messages written one after the other
 * may come out of one {@code read} together ("sticky packets", 粘包: the sender's TCP bundles small
 * writes that follow each other closely, and the receiver reads whatever is in its buffer), and one
 * big message may need many reads (it travels in many segments). So "one {@code read} = one
 * message" is wrong in both directions: a thousand small frames written at once may all come out
 * of a single {@code read}, and a frame may arrive one byte at a time. The length-prefixed format
 * (see the {@linkplain conclab.framing package documentation}) tells the reader exactly how many
 * bytes belong to each part; the reader's whole job is to read <b>exactly</b> that many, no fewer
 * (loop until they are all there) and no more (leave the next frame's bytes on the stream for the
 * next call).
 *
 * <h2>Reading one frame</h2>
 * <ol>
 *   <li>Read exactly 4 bytes: the header's length, a big-endian signed 32-bit integer
 *       ({@code ByteBuffer.wrap(four).getInt()}, or Python's {@code struct.unpack('>i', ...)}).
 *       If the stream ends before the first of them, that is the normal end: there are no more
 *       frames, {@link #read()} returns {@link Optional#empty()}. If it ends after 1 to 3 of them,
 *       the frame was cut off: a {@link FramingException}.</li>
 *   <li>Check the length <em>before</em> reading the header: it must be within 1 and
 *       {@value #MAX_HEADER_BYTES} (64 KiB). A negative or larger length is a protocol error:
 *       never allocate or wait for a length you have not checked (a garbled prefix can say
 *       two gigabytes).</li>
 *   <li>Read exactly that many bytes, decode them as UTF-8 (strictly: invalid UTF-8 is an error),
 *       and parse them as JSON with Jackson. They must hold exactly one JSON <em>object</em>
 *       (whitespace around it is fine; anything else after it is not), with a field
 *       {@code size}: a JSON integer (not a string, not a fraction) from 0 to
 *       {@link #maxPayloadBytes()}.</li>
 *   <li>Read exactly {@code size} bytes: the payload. The frame's header is the object's other
 *       fields, in their order.</li>
 * </ol>
 * "Read exactly n bytes" is a loop: {@code read} returns between 1 and n bytes, or {@code -1} at
 * the end of the stream. {@link InputStream#readNBytes(int)} is that loop, and returns fewer than
 * n bytes only when the stream ended.
 *
 * <h2>Bad input is an exception, never a hang, never an out-of-memory</h2>
 * A frame reader reads bytes from strangers. Whatever they send, {@link #read()} ends in one of
 * three ways: a frame, {@link Optional#empty()} at a clean end, or a {@link FramingException}
 * saying what was wrong (an {@link IOException} of the stream itself, such as a socket timeout,
 * passes through unchanged). In particular, a {@link FramingException}, never another exception,
 * for: a header length that is negative or over {@value #MAX_HEADER_BYTES}; a header that is not
 * UTF-8 or not JSON (Jackson's exception may be its cause), is JSON but not an object, has no
 * {@code size}, or a {@code size} that is not an integer, is negative, or is over the payload
 * limit; and a stream that ends inside a frame.
 *
 * <p>Memory: the limits bound what one frame may hold, and within them the reader does not trust
 * {@code size} for allocation either. A stream that claims a payload of 16 MiB and then ends after
 * ten bytes must cost about ten bytes, not 16 MiB: read the payload as it arrives
 * ({@code readNBytes(size)} grows its buffer as bytes come in), never
 * {@code new byte[size]} up front. Otherwise a few bytes from a stranger make the receiver
 * allocate megabytes, and a few such frames exhaust its heap.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (Socket socket = new Socket("127.0.0.1", port)) {
 *     FrameReader reader = new FrameReader(socket.getInputStream());
 *     for (Optional<Frame> frame = reader.read(); frame.isPresent(); frame = reader.read()) {
 *         System.out.println(frame.get().header() + ": " + frame.get().text());
 *     }   // the server closed the connection after a whole frame: a clean end
 * } catch (FramingException e) {
 *     System.out.println("the server does not speak the protocol: " + e.getMessage());
 * }
 * }</pre>
 *
 * <p>A reader keeps no bytes of its own beyond the frame it is reading: after {@link #read()}
 * returns, the stream stands exactly at the next frame. It does not close the stream. One
 * thread at a time.
 */
public final class FrameReader {

    /** The longest header, in bytes: 64 KiB. A longer header length is a protocol error. */
    public static final int MAX_HEADER_BYTES = 64 * 1024;

    /** The largest payload a reader accepts unless told otherwise: 16 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final InputStream in;
    private final int maxPayloadBytes;

    /**
     * A reader of {@code in} that accepts payloads of up to {@value #DEFAULT_MAX_PAYLOAD_BYTES}
     * bytes (16 MiB).
     *
     * @param in the stream to read frames from, e.g. a socket's input stream
     */
    public FrameReader(InputStream in) {
        this(in, DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /**
     * A reader of {@code in} that accepts payloads of up to {@code maxPayloadBytes} bytes.
     *
     * @param in              the stream to read frames from
     * @param maxPayloadBytes the largest {@code size} accepted; a larger one is a protocol error
     * @throws IllegalArgumentException if {@code maxPayloadBytes} is negative
     */
    public FrameReader(InputStream in, int maxPayloadBytes) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxPayloadBytes < 0) {
            throw new IllegalArgumentException("maxPayloadBytes must not be negative: "
                    + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * The largest payload this reader accepts, in bytes.
     *
     * @return the limit given to the constructor, or {@value #DEFAULT_MAX_PAYLOAD_BYTES}
     */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * Reads the next frame: blocks until all of its bytes have arrived.
     *
     * @return the frame, or {@link Optional#empty()} if the stream ended cleanly, before the first
     *         byte of a frame
     * @throws FramingException if the bytes break the protocol, or the stream ends inside a frame
     * @throws IOException      if reading the stream fails
     */
    public Optional<Frame> read() throws IOException {
        byte[] prefix = in.readNBytes(4);
        if (prefix.length == 0) {
            return Optional.empty(); // the end of the stream, between frames
        }
        if (prefix.length < 4) {
            throw new FramingException("the stream ended after " + prefix.length
                    + " of the 4 bytes of a header length");
        }
        int headerLength = ByteBuffer.wrap(prefix).getInt(); // big-endian
        if (headerLength < 0) {
            throw new FramingException("header length " + headerLength + " is negative (the 4"
                    + " bytes were " + java.util.HexFormat.ofDelimiter(" ").formatHex(prefix) + ")");
        }
        if (headerLength == 0) {
            throw new FramingException("header length 0: the header must be a JSON object with a"
                    + " size");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new FramingException("header length " + headerLength + " is over the limit of "
                    + MAX_HEADER_BYTES + " bytes");
        }
        byte[] headerBytes = in.readNBytes(headerLength);
        if (headerBytes.length < headerLength) {
            throw new FramingException("the stream ended after " + headerBytes.length + " of the "
                    + headerLength + " header bytes");
        }
        Header header = parseHeader(headerBytes);
        int size = header.size();
        byte[] payload = in.readNBytes(size); // allocates as the bytes arrive, not size up front
        if (payload.length < size) {
            throw new FramingException("the stream ended after " + payload.length + " of the "
                    + size + " payload bytes");
        }
        return Optional.of(new Frame(header.fields(), payload));
    }

    /** A parsed header: its size, and its other fields. */
    private record Header(int size, Map<String, Object> fields) {
    }

    /** Parses and checks a header's bytes. */
    private Header parseHeader(byte[] bytes) throws FramingException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FramingException("the header is not valid UTF-8", e);
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new FramingException("the header is not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new FramingException("the header must be a JSON object, not '"
                    + shorten(text) + "'");
        }
        JsonNode size = node.get("size");
        if (size == null) {
            throw new FramingException("the header has no size: " + shorten(text));
        }
        if (!size.isIntegralNumber()) {
            throw new FramingException("the header's size must be a JSON integer, not " + size);
        }
        BigInteger value = size.bigIntegerValue();
        if (value.signum() < 0) {
            throw new FramingException("the header's size " + value + " is negative");
        }
        if (value.compareTo(BigInteger.valueOf(maxPayloadBytes)) > 0) {
            throw new FramingException("the header's size " + value + " is over this reader's"
                    + " limit of " + maxPayloadBytes + " bytes");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = JSON.convertValue(node, LinkedHashMap.class);
        fields.remove("size");
        return new Header(value.intValueExact(), fields);
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
