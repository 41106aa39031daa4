package conclab.boundary;

/**
 * An object of the other side, as this side's stand-in for it holds it: every call goes there.
 *
 * @param link      the link it lives behind
 * @param id        the other side's id of it
 * @param className the class it has there (for messages only: nothing here trusts it)
 */
public record Remote(Link link, long id, String className) {

    /** Calls {@code member} on it; see {@link Link#call}. */
    public Object call(String declaringType, String member, String descriptor, Class<?>[] parameterTypes,
                       Class<?> returnType, Object... arguments) throws Throwable {
        return link.call(new Link.Target.Exported(id), declaringType, member, descriptor, parameterTypes,
                returnType, arguments);
    }

    @Override
    public String toString() {
        return "the other side's " + className + " #" + id;
    }
}
