package conclab.framing;

import java.io.IOException;

/**
 * The bytes on a stream break the framing protocol: a header length that is negative or over
 * {@link FrameReader#MAX_HEADER_BYTES}, a header that is not a JSON object in UTF-8 or has no
 * valid {@code size}, a payload over the reader's limit, or a stream that ends in the middle of a
 * frame.
 *
 * <p>After this exception the stream is out of step: the reader cannot know where the next frame
 * would start, so the only sound thing to do with the connection is to close it. Its message says
 * what was wrong, with the numbers involved, e.g. {@code "header length 70000 is over the limit
 * of 65536 bytes"} or {@code "the stream ended after 3 of the 26 header bytes"}.
 *
 * <p>It is an {@link IOException}, like the other ways reading a stream can fail, but a distinct
 * one: a caller can tell "the peer sent garbage" from "the network failed".
 */
public class FramingException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * A protocol error.
     *
     * @param message what was wrong with the bytes, with the numbers involved
     */
    public FramingException(String message) {
        super(message);
    }

    /**
     * A protocol error found by another parser, e.g. Jackson's exception for a header that is not
     * JSON.
     *
     * @param message what was wrong with the bytes
     * @param cause   the exception that found it
     */
    public FramingException(String message, Throwable cause) {
        super(message, cause);
    }
}
