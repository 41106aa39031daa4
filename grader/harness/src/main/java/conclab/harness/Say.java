package conclab.harness;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.opentest4j.TestAbortedException;

/**
 * The texts a test class shows students, from the bundle named after it, in their language:
 * {@code conclab/states/ProcessStateMachineTest.properties} and its {@code _zh_CN} twin for
 * {@code conclab.states.ProcessStateMachineTest} (a kit shared by several test classes has a
 * bundle of its own). The same bundle holds the class's {@link Hint hints}.
 *
 * <pre>{@code
 * private static final Say SAY = Say.of(ProcessStateMachineTest.class);
 *
 * assertEquals(State.NEW, editor.state(), SAY.text("startsNew"));
 * SAY.hinting("refusal", () -> expectRefused(reader, Move.DISPATCH));
 * }</pre>
 * with {@code startsNew = a new process must start in NEW} in the bundle. Placeholders are
 * {@code {0}}, {@code {1}}, ... ({@link Messages#format}).
 */
public final class Say {

    private final Class<?> owner;

    private Say(Class<?> owner) {
        this.owner = Messages.outermost(owner);
    }

    /** The texts of {@code owner}'s bundle. */
    public static Say of(Class<?> owner) {
        return new Say(owner);
    }

    /**
     * The text {@code key} in the student's language, its placeholders replaced by {@code args}.
     * A key missing from the bundle is shown as such (the suite's defect, never the student's).
     */
    public String text(String key, Object... args) {
        return Messages.text(owner, key, "text.missing", args);
    }

    /** The hint {@code key} of this bundle, in the student's language. */
    public String hint(String key) {
        return Messages.hint(owner, key);
    }

    /**
     * Runs {@code step}; if it fails, the failure carries the hint {@code hintKey}, which the
     * student then reads instead of the test's {@link Hint}: the hint that fits what failed.
     * A failure that already carries a hint (from an inner step) keeps it, and a stub's TODO
     * carries none ({@link FailureHint}).
     */
    public void hinting(String hintKey, Executable step) {
        try {
            step.execute();
        } catch (Throwable failure) {
            throw rethrown(failure, hintKey);
        }
    }

    /** {@link #hinting(String, Executable)} for a step that returns a value. */
    public <T> T hinting(String hintKey, ThrowingSupplier<T> step) {
        try {
            return step.get();
        } catch (Throwable failure) {
            throw rethrown(failure, hintKey);
        }
    }

    private RuntimeException rethrown(Throwable failure, String hintKey) {
        if (!(failure instanceof TestAbortedException)) {
            FailureHint.attach(failure, hint(hintKey));
        }
        return Say.sneaky(failure);
    }

    /** Throws {@code failure} as it is, checked or not: the test fails with the failure itself. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable failure) throws E {
        throw (E) failure;
    }
}
