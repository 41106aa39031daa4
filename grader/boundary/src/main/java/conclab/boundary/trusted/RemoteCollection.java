package conclab.boundary.trusted;

import conclab.boundary.Descriptors;
import conclab.boundary.Remote;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.StreamSupport;

/**
 * The trusted side's stand-in for a collection the submission returned by reference (a live
 * history, a queue it keeps): what changes it, and {@code size}, {@code get} and {@code contains},
 * is a call there, as for any {@link conclab.boundary.RemoteProxy}; what reads it whole (iterating,
 * streaming, {@code toArray}, {@code containsAll}, and {@code equals}, {@code hashCode} and
 * {@code toString}) reads its elements in one call and works on that copy here.
 *
 * <p>Why: a test that iterates a list of n elements, or builds a message from it, once made 2n
 * crossings, and a test that does so at every step of a walk made tens of thousands (1.5 s for a
 * test that takes 40 ms in one JVM). And why it is sound: an iteration sees the elements as they
 * were when it began, which a collection changed by another thread meanwhile may also do (as
 * {@code CopyOnWriteArrayList}'s does); {@code remove()} during an iteration still removes from the
 * submission's collection, through its own iterator, so an unmodifiable one still refuses. The
 * comparisons follow {@code List}'s and {@code Set}'s contracts here, so a submission's collection
 * can no longer answer {@code equals} with a lie of its own.
 */
final class RemoteCollection implements InvocationHandler {

    private static final String COLLECTION = Collection.class.getName();

    private final Remote remote;
    private final boolean list;
    private final boolean set;

    private RemoteCollection(Remote remote, List<Class<?>> interfaces) {
        this.remote = remote;
        this.list = interfaces.contains(List.class);
        this.set = !list && interfaces.stream().anyMatch(Set.class::isAssignableFrom);
    }

    /** A stand-in implementing {@code interfaces}, one of which is {@link Collection} or a subtype. */
    static Object of(Remote remote, ClassLoader loader, List<Class<?>> interfaces) {
        return Proxy.newProxyInstance(loader, interfaces.toArray(new Class<?>[0]), new RemoteCollection(remote, interfaces));
    }

    /** Whether a stand-in for {@code interfaces} reads in bulk. */
    static boolean applies(List<Class<?>> interfaces) {
        return interfaces.stream().anyMatch(Collection.class::isAssignableFrom);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object[] arguments = args == null ? new Object[0] : args;
        String name = method.getName();
        Class<?>[] types = method.getParameterTypes();
        switch (name + types.length) {
            case "iterator0":
                return new Snapshot(elements());
            case "spliterator0":
                return Spliterators.spliterator(elements(), Spliterator.ORDERED);
            case "stream0":
                return StreamSupport.stream(Spliterators.spliterator(elements(), Spliterator.ORDERED), false);
            case "parallelStream0":
                return StreamSupport.stream(Spliterators.spliterator(elements(), Spliterator.ORDERED), true);
            case "toArray0":
                return elements();
            case "toString0":
                return Arrays.toString(elements());
            case "hashCode0":
                return hashCode(proxy);
            default:
                break;
        }
        if (name.equals("forEach") && types.length == 1 && types[0] == Consumer.class) {
            @SuppressWarnings("unchecked")
            Consumer<Object> action = (Consumer<Object>) Objects.requireNonNull(arguments[0]);
            for (Object element : elements()) {
                action.accept(element);
            }
            return null;
        }
        if (name.equals("toArray") && types.length == 1) {
            return toArray(arguments[0]);
        }
        if (name.equals("containsAll") && types.length == 1 && types[0] == Collection.class) {
            List<Object> mine = Arrays.asList(elements());
            return mine.containsAll((Collection<?>) Objects.requireNonNull(arguments[0]));
        }
        if (name.equals("equals") && types.length == 1 && types[0] == Object.class) {
            return equals(proxy, arguments[0]);
        }
        return remote.call(method.getDeclaringClass().getName(), name, Descriptors.of(method), types,
                method.getReturnType(), arguments);
    }

    /** Its elements as they are now, in one call. */
    private Object[] elements() throws Throwable {
        Object[] elements = (Object[]) remote.call(COLLECTION, "toArray", "()[Ljava/lang/Object;", new Class<?>[0],
                Object[].class);
        return elements == null ? new Object[0] : elements;
    }

    private Object toArray(Object argument) throws Throwable {
        Object[] elements = elements();
        Object[] into;
        if (argument instanceof IntFunction<?> generator) {
            into = (Object[]) generator.apply(0);
        } else {
            into = (Object[]) Objects.requireNonNull(argument);
        }
        if (into.length < elements.length) {
            into = (Object[]) Array.newInstance(into.getClass().getComponentType(), elements.length);
        }
        System.arraycopy(elements, 0, into, 0, elements.length);
        if (into.length > elements.length) {
            into[elements.length] = null; // as Collection.toArray(T[]) says
        }
        return into;
    }

    private boolean equals(Object proxy, Object other) throws Throwable {
        if (other == proxy) {
            return true;
        }
        if (list) {
            return other instanceof List<?> that && Arrays.asList(elements()).equals(that);
        }
        if (set) {
            if (!(other instanceof Set<?> that)) {
                return false;
            }
            List<Object> mine = Arrays.asList(elements());
            return mine.size() == that.size() && mine.containsAll(that);
        }
        return false; // a plain collection equals itself only, as Object's equals says
    }

    private int hashCode(Object proxy) throws Throwable {
        if (list) {
            return Arrays.asList(elements()).hashCode();
        }
        if (set) {
            int hash = 0;
            for (Object element : elements()) {
                hash += element == null ? 0 : element.hashCode();
            }
            return hash;
        }
        return System.identityHashCode(proxy);
    }

    /**
     * An iteration over the elements as they were when it began. A {@code remove()} goes to an
     * iterator of the submission's collection, brought to the same place, which then keeps pace.
     */
    private final class Snapshot implements Iterator<Object> {
        private final Object[] elements;
        private int next;
        private Iterator<?> theirs;
        private int theirsAt;

        Snapshot(Object[] elements) {
            this.elements = elements;
        }

        @Override
        public boolean hasNext() {
            return next < elements.length;
        }

        @Override
        public Object next() {
            if (next >= elements.length) {
                throw new NoSuchElementException();
            }
            return elements[next++];
        }

        @Override
        public void remove() {
            if (next == 0) {
                throw new IllegalStateException("remove() before next()");
            }
            try {
                if (theirs == null) {
                    theirs = (Iterator<?>) remote.call(COLLECTION, "iterator", "()Ljava/util/Iterator;",
                            new Class<?>[0], Iterator.class);
                }
                while (theirsAt < next) {
                    theirs.next();
                    theirsAt++;
                }
                theirs.remove();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
