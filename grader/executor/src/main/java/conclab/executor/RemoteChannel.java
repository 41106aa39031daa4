package conclab.executor;

import conclab.boundary.Chunks;
import conclab.boundary.Remote;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** A test's channel, used from here: each read and write is one of the test's channel. */
final class RemoteChannel implements SeekableByteChannel {

    private static final String TYPE = SeekableByteChannel.class.getName();
    private static final Class<?>[] NONE = {};
    private static final Class<?>[] LONG = {long.class};

    private final Remote remote;

    RemoteChannel(Remote remote) {
        this.remote = remote;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        byte[] chunk = (byte[]) Calls.call(remote, Chunks.TYPE, Chunks.READ_CHANNEL, Chunks.READ_DESCRIPTOR,
                new Class<?>[] {int.class}, byte[].class, Math.min(dst.remaining(), Chunks.MAX_CHUNK));
        if (chunk == null) {
            return -1;
        }
        int n = Math.min(chunk.length, dst.remaining());
        dst.put(chunk, 0, n);
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        byte[] bytes = new byte[Math.min(src.remaining(), Chunks.MAX_CHUNK)];
        src.duplicate().get(bytes);
        int written = (Integer) Calls.call(remote, Chunks.TYPE, Chunks.WRITE_CHANNEL, Chunks.WRITE_DESCRIPTOR,
                new Class<?>[] {byte[].class}, int.class, (Object) bytes);
        src.position(src.position() + Math.max(0, Math.min(written, bytes.length)));
        return written;
    }

    @Override
    public long position() throws IOException {
        return (Long) Calls.call(remote, TYPE, "position", "()J", NONE, long.class);
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        Calls.call(remote, TYPE, "position", "(J)Ljava/nio/channels/SeekableByteChannel;", LONG,
                SeekableByteChannel.class, newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return (Long) Calls.call(remote, TYPE, "size", "()J", NONE, long.class);
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        Calls.call(remote, TYPE, "truncate", "(J)Ljava/nio/channels/SeekableByteChannel;", LONG,
                SeekableByteChannel.class, size);
        return this;
    }

    @Override
    public boolean isOpen() {
        try {
            return (Boolean) Calls.call(remote, "java.nio.channels.Channel", "isOpen", "()Z", NONE, boolean.class);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        Calls.call(remote, "java.nio.channels.Channel", "close", "()V", NONE, void.class);
    }
}
