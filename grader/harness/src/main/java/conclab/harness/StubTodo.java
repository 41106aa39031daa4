package conclab.harness;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a failure comes from a stub the student has not written yet: every stub method throws
 * {@code UnsupportedOperationException("TODO: ...")} until it is written. Such failures are
 * counted apart ("not started") rather than shown one by one, and carry no hint.
 */
public final class StubTodo {

    private StubTodo() {
    }

    /**
     * The stub's exception behind {@code failure}: {@code failure} itself or one of its causes
     * (an assertion that expected another exception holds the TODO as its cause).
     */
    public static Optional<UnsupportedOperationException> in(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof UnsupportedOperationException todo && todo.getMessage() != null
                    && todo.getMessage().startsWith("TODO")) {
                return Optional.of(todo);
            }
        }
        return Optional.empty();
    }

    /**
     * Where the stub threw: {@code UdpClient.exchange} ({@code new BankCounter} for a
     * constructor), from the first frame in a conclab package; empty if it has no such frame.
     */
    public static Optional<String> where(UnsupportedOperationException todo) {
        for (StackTraceElement frame : todo.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("conclab.")) { // the stub's method: it throws the TODO itself
                String simple = type.substring(type.lastIndexOf('.') + 1).replace('$', '.');
                return Optional.of(frame.getMethodName().equals("<init>") ? "new " + simple
                        : simple + "." + frame.getMethodName());
            }
        }
        return Optional.empty();
    }
}
