package conclab.harness;

/**
 * How one test method ended, as the students' summary shows it.
 *
 * @param exercise  the exercise it counts for
 * @param testClass the test class's name, {@code conclab.udp.UdpEchoServerTest}
 * @param name     {@code UdpEchoServerTest#echoesArbitraryBytesUnchanged}, as {@code -Dtest=} takes it
 * @param points   what it is worth
 * @param status   passed, failed, or stopped at a stub's TODO
 * @param message  what went wrong, in the student's language; empty if it passed
 * @param hint     the hint that fits the failure; empty if none
 * @param todo     where a stub's TODO stopped it ({@code UdpClient.exchange}); empty otherwise
 */
public record TestOutcome(String exercise, String testClass, String name, int points, Status status, String message,
                          String hint, String todo) {

    /** How a test ended. */
    public enum Status {
        PASSED, FAILED, TODO
    }

    public TestOutcome {
        message = message == null ? "" : message;
        hint = hint == null ? "" : hint;
        todo = todo == null ? "" : todo;
    }

    /** A test that passed. */
    public static TestOutcome passed(String exercise, String testClass, String name, int points) {
        return new TestOutcome(exercise, testClass, name, points, Status.PASSED, "", "", "");
    }

    /** A test that failed with {@code failure}: its message, its hint, or the stub's TODO. */
    public static TestOutcome failed(String exercise, String testClass, String name, int points,
                                     Throwable failure) {
        var todo = StubTodo.in(failure);
        if (todo.isPresent()) {
            return new TestOutcome(exercise, testClass, name, points, Status.TODO, todo.get().getMessage(), "",
                    StubTodo.where(todo.get()).orElse(""));
        }
        return new TestOutcome(exercise, testClass, name, points, Status.FAILED, describe(failure),
                FailureHint.of(failure).orElse(""), "");
    }

    /**
     * An assertion's own message; any other exception's type and message, and where in the
     * exercise's code it was thrown.
     */
    static String describe(Throwable failure) {
        if (failure instanceof AssertionError && failure.getMessage() != null) {
            return failure.getMessage();
        }
        StringBuilder text = new StringBuilder(failure.toString());
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("conclab.") && !frame.getClassName().startsWith("conclab.harness.")) {
                text.append(System.lineSeparator()).append("    at ").append(frame);
                break;
            }
        }
        return text.toString();
    }
}
