package conclab.framing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes frames to a stream of bytes, so that a {@link FrameReader} (or a program in any other
 * language that follows the {@linkplain conclab.framing protocol}) can take them apart again.
 *
 * <h2>Writing one frame</h2>
 * The lecture's three steps, the sender's side of the cure for sticky packets:
 * <ol>
 *   <li>Make the header: a JSON object with {@code size}, the payload's length in bytes, first,
 *       then the frame's other header fields in their order, e.g.
 *       {@code {"size":5,"name":"hi.txt"}}; encode it in UTF-8 (Jackson's
 *       {@code writeValueAsBytes} does).</li>
 *   <li>Write the header's length <b>in bytes</b> as a 4-byte big-endian integer
 *       ({@code ByteBuffer.allocate(4).putInt(n)}, Python's {@code struct.pack('>i', n)}): the
 *       length of the encoded bytes, not of the JSON text's characters; {@code "你好"} is 2
 *       characters but 6 bytes.</li>
 *   <li>Write the header's bytes, then the payload's bytes.</li>
 * </ol>
 * Then {@link OutputStream#flush() flush}, so that a buffered stream sends the frame now rather
 * than when its buffer happens to fill.
 *
 * <p>Hand the stream the whole frame in one {@code write} (build it in one array). Three small
 * writes in a row on a socket are sent as three small segments; with Nagle's algorithm at the
 * sender and delayed acknowledgements at the receiver, a small write that follows another can
 * wait tens of milliseconds, which makes a request/reply protocol crawl.
 *
 * <h2>What a writer refuses</h2>
 * A header whose encoding is longer than {@link FrameReader#MAX_HEADER_BYTES} (64 KiB): every
 * reader would reject it, so the writer throws {@link IllegalArgumentException} and writes
 * nothing. Header values must be what JSON can hold (see {@link Frame}); anything else is an
 * {@link IllegalArgumentException} too, before a byte is written.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * FrameWriter writer = new FrameWriter(socket.getOutputStream());
 * writer.write(new Frame(Map.of("name", "hi.txt"), "hello".getBytes(StandardCharsets.UTF_8)));
 * // sent: 00 00 00 1A, {"size":5,"name":"hi.txt"}, hello  (4 + 26 + 5 = 35 bytes)
 * writer.write(Frame.of(""));
 * // sent: 00 00 00 0A, {"size":0}                          (4 + 10 bytes, no payload)
 * }</pre>
 *
 * <p>A writer keeps no state between frames and does not close the stream. One thread at a time.
 */
public final class FrameWriter {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final OutputStream out;

    /**
     * A writer of frames to {@code out}.
     *
     * @param out the stream to write frames to, e.g. a socket's output stream
     */
    public FrameWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Writes one frame (length, header, payload) in one {@code write}, and flushes.
     *
     * @param frame the frame to send
     * @throws IllegalArgumentException if the encoded header would be longer than
     *                                  {@link FrameReader#MAX_HEADER_BYTES}, or a header value is
     *                                  not something JSON can hold; nothing is written then
     * @throws IOException              if writing to the stream fails
     */
    public void write(Frame frame) throws IOException {
        Objects.requireNonNull(frame, "frame");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("size", frame.size());
        json.putAll(frame.header());
        byte[] header;
        try {
            header = JSON.writeValueAsBytes(json); // UTF-8
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the header cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (header.length > FrameReader.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("the header is " + header.length + " bytes long,"
                    + " over the limit of " + FrameReader.MAX_HEADER_BYTES + " bytes");
        }
        byte[] payload = frame.payload();
        ByteBuffer whole = ByteBuffer.allocate(4 + header.length + payload.length);
        whole.putInt(header.length).put(header).put(payload); // putInt is big-endian
        out.write(whole.array());
        out.flush();
    }
}
