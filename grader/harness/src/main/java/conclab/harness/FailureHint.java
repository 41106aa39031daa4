package conclab.harness;

import java.util.Optional;

/**
 * The hint that fits a failure, carried by the failure itself as a suppressed exception: the
 * failure stays what it was (its type, its message, an IDE's "show difference"), and the hint
 * follows it wherever it is shown, once. {@link HintExtension} attaches a test's {@link Hint};
 * {@link Say#hinting} the hint of one step, which wins. A failure that comes from a stub's TODO
 * ({@link StubTodo}) gets no hint: the student has not tried yet, and a hint that explains the
 * answer before the first try gives it away.
 *
 * <p>Printed with the failure's stack trace as {@code Suppressed: Hint: ...}, without frames.
 */
public final class FailureHint extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String hint;

    private FailureHint(String hint) {
        super(hint, null, false, false);
        this.hint = hint;
    }

    /** The hint, in the student's language. */
    public String hint() {
        return hint;
    }

    @Override
    public String toString() {
        return Messages.get("hint.label", hint).strip();
    }

    /**
     * Lets {@code failure} carry {@code hint}, unless it carries one already or comes from a
     * stub's TODO. Returns {@code failure}.
     */
    public static Throwable attach(Throwable failure, String hint) {
        if (of(failure).isEmpty() && StubTodo.in(failure).isEmpty()) {
            failure.addSuppressed(new FailureHint(hint)); // a no-op where suppression is off
        }
        return failure;
    }

    /** The hint {@code failure} carries, if any. */
    public static Optional<String> of(Throwable failure) {
        for (Throwable suppressed : failure.getSuppressed()) {
            if (suppressed instanceof FailureHint note) {
                return Optional.of(note.hint);
            }
        }
        return Optional.empty();
    }
}
