package conclab.boundary;

/**
 * The other side is gone, or broke the protocol: the call that was under way, and every call
 * after it, cannot be answered. An {@link Error}, so that no test's {@code catch (Exception e)}
 * takes it for the submission's own failure.
 */
public final class BoundaryBroken extends Error {
    private static final long serialVersionUID = 1L;

    public BoundaryBroken(String why) {
        super("the submission's JVM cannot be reached: " + why);
    }
}
