package conclab.executor;

import conclab.boundary.Remote;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A test's {@code OutputStream}, written from here: each write is one write of the test's stream. */
final class RemoteOutputStream extends OutputStream {

    private static final String TYPE = OutputStream.class.getName();

    private final Remote remote;

    RemoteOutputStream(Remote remote) {
        this.remote = remote;
    }

    @Override
    public void write(int b) throws IOException {
        Calls.call(remote, TYPE, "write", "(I)V", new Class<?>[] {int.class}, void.class, b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        Calls.call(remote, TYPE, "write", "([BII)V", new Class<?>[] {byte[].class, int.class, int.class}, void.class,
                Arrays.copyOfRange(b, off, off + len), 0, len);
    }

    @Override
    public void flush() throws IOException {
        Calls.call(remote, TYPE, "flush", "()V", new Class<?>[0], void.class);
    }

    @Override
    public void close() throws IOException {
        Calls.call(remote, TYPE, "close", "()V", new Class<?>[0], void.class);
    }
}
