package conclab.boundary.trusted;

import conclab.boundary.BoundaryBroken;
import conclab.boundary.Link;
import conclab.boundary.Remote;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the generated stand-ins of the exercises' classes call: each of their methods forwards to
 * the submission's object or class behind the {@link Link} installed here, and returns what comes
 * back, rebuilt from this side's classes. Generated code only; see {@code StandInGenerator}.
 */
public final class StandIns {

    private static volatile Link link;
    private static final Map<String, Function<Remote, Object>> FACTORIES = new ConcurrentHashMap<>();

    private StandIns() {
    }

    /** Connects the stand-ins to the submission's JVM: the trusted JVM's start-up, once. */
    public static void install(Link connected) {
        link = connected;
    }

    /** The link the stand-ins call through. */
    public static Link link() {
        Link current = link;
        if (current == null) {
            throw new BoundaryBroken("no submission JVM is connected to this one (the exercises' classes here are"
                    + " the grader's stand-ins, which forward every call to it)");
        }
        return current;
    }

    /** Registers how a stand-in class wraps a reference: its static initialiser calls this. */
    public static void factory(Class<?> type, Function<Remote, Object> make) {
        FACTORIES.put(type.getName(), make);
    }

    /** How stand-ins of the class named {@code name} are made, if it is one. */
    static Optional<Function<Remote, Object>> factory(String name) {
        return Optional.ofNullable(FACTORIES.get(name));
    }

    /** A static method of the submission's class {@code className}. */
    public static Object callStatic(String className, String member, String descriptor, Class<?>[] parameters,
                                    Class<?> returnType, Object... arguments) {
        try {
            return link().call(new Link.Target.Static(className), className, member, descriptor, parameters,
                    returnType, arguments);
        } catch (Throwable t) {
            throw StandIns.<RuntimeException>sneaky(t);
        }
    }

    /**
     * The constructor of the submission's class {@code className}, run there for a new object
     * whose class is {@code self}'s (a subclass the tests define is made there too), which
     * {@code self} then stands for.
     */
    public static Remote construct(Object self, String className, String descriptor, Class<?>[] parameters,
                                   Object... arguments) {
        Link current = link();
        current.objects().adopting(self);
        try {
            Object made = current.call(new Link.Target.New(className, self.getClass().getName()), className,
                    "<init>", descriptor, parameters, self.getClass(), arguments);
            if (made != self) {
                throw new BoundaryBroken("the submission's JVM answered a constructor with another object");
            }
            long id = current.objects().idOf(self).orElseThrow();
            return new Remote(current, id, className);
        } catch (Throwable t) {
            throw StandIns.<RuntimeException>sneaky(t);
        } finally {
            current.objects().adopted();
        }
    }

    /** A method of the submission's object that {@code remote} names. */
    public static Object call(Remote remote, String declaringType, String member, String descriptor,
                              Class<?>[] parameters, Class<?> returnType, Object... arguments) {
        try {
            return remote.call(declaringType, member, descriptor, parameters, returnType, arguments);
        } catch (Throwable t) {
            throw StandIns.<RuntimeException>sneaky(t);
        }
    }

    /**
     * The value of a static field of the submission's class {@code className}: what a stand-in's
     * static field that is no compile-time constant starts with.
     */
    public static Object readStatic(String className, String field) {
        return callStatic(Link.SYSTEM, "readStatic", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Object;",
                new Class<?>[] {String.class, String.class}, Object.class, className, field);
    }

    /** Rethrows {@code t} as it is: the stand-in's method declares what the API declares. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
