package conclab.boundary;

/**
 * The operations by which one side reads and writes a stream or channel of the other side's in
 * chunks: a read fills a buffer of the caller's, which cannot cross by reference, so the callee
 * reads into a buffer of its own and the bytes come back as a value. The calls name this class as
 * their declaring type; {@link #READ} is {@code InputStream.read(byte[], 0, max)},
 * {@link #READ_CHANNEL} is {@code ReadableByteChannel.read(ByteBuffer.allocate(max))}, each
 * answering the bytes read, or {@code null} at the end of the stream.
 */
public final class Chunks {

    public static final String TYPE = Chunks.class.getName();
    public static final String READ = "read";
    public static final String READ_CHANNEL = "readChannel";
    public static final String WRITE_CHANNEL = "writeChannel";
    public static final String READ_DESCRIPTOR = "(I)[B";
    public static final String WRITE_DESCRIPTOR = "([B)I";
    /** The most bytes one chunk carries. */
    public static final int MAX_CHUNK = 1 << 20;

    private Chunks() {
    }
}
