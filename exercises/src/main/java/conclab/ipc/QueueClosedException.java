package conclab.ipc;

import java.io.IOException;

/**
 * A {@link ProcessQueue} that can no longer be used: this process closed it, or the other side
 * of its channel is gone (the parent closed its queue or ended, the connection broke). It says so
 * at once, rather than letting the caller wait for a message that can never come.
 *
 * <p>Given: nothing to write here.
 */
public class QueueClosedException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was closed or gone, e.g. "the parent's queue at 127.0.0.1:41234 is gone"
     */
    public QueueClosedException(String message) {
        super(message);
    }

    /**
     * @param message what was closed or gone
     * @param cause   the failure that showed it, e.g. the {@code SocketException} of a broken
     *                connection
     */
    public QueueClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
