package conclab.harness;

/**
 * A test's failure with the test's hint attached. The original failure is the cause and keeps
 * its stack trace; the message, built only when asked for, reads as the original followed by
 * the hint. The grader unwraps it and reports the two apart.
 */
public final class HintedFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final String hint;

    public HintedFailure(Throwable failure, String hint) {
        super(null, failure);
        this.hint = hint;
        setStackTrace(failure.getStackTrace());
    }

    /** The hint, in the student's language. */
    public String hint() {
        return hint;
    }

    @Override
    public String getMessage() {
        Throwable failure = getCause();
        // An assertion's message says it all; any other exception's type is part of the story.
        String what = failure instanceof AssertionError ? failure.getMessage() : failure.toString();
        return (what == null ? failure.getClass().getName() : what)
                + System.lineSeparator() + Messages.get("hint.label", hint);
    }
}
