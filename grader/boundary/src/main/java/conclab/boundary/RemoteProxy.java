package conclab.boundary;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * A stand-in for an object of the other side that this side knows only by interfaces (a
 * {@code List} a method returned, a {@code Slip}, a test's {@code Runnable}): every method of
 * them, defaults and {@code equals}, {@code hashCode} and {@code toString} included, is a call there.
 */
public final class RemoteProxy implements InvocationHandler {

    private final Remote remote;

    private RemoteProxy(Remote remote) {
        this.remote = remote;
    }

    /** A proxy implementing {@code interfaces}, defined by {@code loader}. */
    public static Object of(Remote remote, ClassLoader loader, List<Class<?>> interfaces) {
        return Proxy.newProxyInstance(loader, interfaces.toArray(new Class<?>[0]), new RemoteProxy(remote));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object[] arguments = args == null ? new Object[0] : args;
        return remote.call(method.getDeclaringClass().getName(), method.getName(), Descriptors.of(method),
                method.getParameterTypes(), method.getReturnType(), arguments);
    }
}
