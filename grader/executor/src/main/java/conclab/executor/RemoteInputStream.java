package conclab.executor;

import conclab.boundary.Chunks;
import conclab.boundary.Remote;
import java.io.IOException;
import java.io.InputStream;

/**
 * A test's {@code InputStream}, read from here: each read is one read of the test's stream, so
 * the bytes arrive in exactly the pieces the test chooses.
 */
final class RemoteInputStream extends InputStream {

    private static final String TYPE = InputStream.class.getName();
    private static final Class<?>[] NONE = {};
    private static final Class<?>[] INT = {int.class};
    private static final Class<?>[] LONG = {long.class};

    private final Remote remote;

    RemoteInputStream(Remote remote) {
        this.remote = remote;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        while (true) {
            int n = read(one, 0, 1);
            if (n != 0) {
                return n < 0 ? -1 : one[0] & 0xFF;
            }
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        byte[] chunk = (byte[]) call(Chunks.TYPE, Chunks.READ, Chunks.READ_DESCRIPTOR, INT, byte[].class,
                Math.min(len, Chunks.MAX_CHUNK));
        if (chunk == null) {
            return -1;
        }
        System.arraycopy(chunk, 0, b, off, Math.min(chunk.length, len));
        return Math.min(chunk.length, len);
    }

    @Override
    public long skip(long n) throws IOException {
        return (Long) call(TYPE, "skip", "(J)J", LONG, long.class, n);
    }

    @Override
    public int available() throws IOException {
        return (Integer) call(TYPE, "available", "()I", NONE, int.class);
    }

    @Override
    public void close() throws IOException {
        call(TYPE, "close", "()V", NONE, void.class);
    }

    @Override
    public synchronized void mark(int readlimit) {
        try {
            call(TYPE, "mark", "(I)V", INT, void.class, readlimit);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void reset() throws IOException {
        call(TYPE, "reset", "()V", NONE, void.class);
    }

    @Override
    public boolean markSupported() {
        try {
            return (Boolean) call(TYPE, "markSupported", "()Z", NONE, boolean.class);
        } catch (IOException e) {
            return false;
        }
    }

    private Object call(String type, String member, String descriptor, Class<?>[] parameters, Class<?> returnType,
                        Object... arguments) throws IOException {
        return Calls.call(remote, type, member, descriptor, parameters, returnType, arguments);
    }
}
