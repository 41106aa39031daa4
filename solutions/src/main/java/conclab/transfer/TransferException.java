package conclab.transfer;

import java.io.IOException;
import java.util.Objects;

/**
 * A transfer that the receiver refused or could not complete, and why. Nothing of the file is
 * left in the target folder when this is thrown.
 *
 * <pre>{@code
 * try {
 *     Path stored = FileReceiver.receive(in, folder);
 * } catch (TransferException e) {
 *     System.out.println("refused (" + e.reason() + "): " + e.getMessage());
 * }
 * }</pre>
 */
public final class TransferException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why a transfer failed. */
    public enum Reason {
        /** The header is malformed: a negative size, for instance. */
        BAD_HEADER,
        /** The name is not a plain file name (a path separator, {@code ..}, empty, too long...). */
        BAD_NAME,
        /** The stream ended before the header or the content was complete. */
        TRUNCATED,
        /** The content's SHA-256 is not the one the header announced. */
        DIGEST_MISMATCH
    }

    private final Reason reason;

    /**
     * @param reason  why the transfer failed
     * @param message what exactly happened, for a person to read
     */
    public TransferException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason  why the transfer failed
     * @param message what exactly happened, for a person to read
     * @param cause   the exception behind it
     */
    public TransferException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the transfer failed */
    public Reason reason() {
        return reason;
    }
}
