package conclab.executor;

import conclab.boundary.Codec;
import conclab.boundary.ObjectTable;
import conclab.boundary.Remote;
import conclab.boundary.RemoteProxy;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * How this side rebuilds what the trusted JVM sends: values from the classes on this class path
 * (the submission's, where it has them), and the tests' objects as stand-ins: a stream or channel
 * that reads and writes through the boundary, or a proxy of the interface the submission expects.
 */
final class SubmissionResolver implements ObjectTable.Resolver {

    private final ClassLoader loader;

    SubmissionResolver(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public Object standIn(Remote remote, List<String> interfaces, Class<?> declared) {
        if (declared == InputStream.class) {
            return new RemoteInputStream(remote);
        }
        if (declared == OutputStream.class) {
            return new RemoteOutputStream(remote);
        }
        if (declared.isInterface() && Channel.class.isAssignableFrom(declared)) {
            return new RemoteChannel(remote);
        }
        List<Class<?>> types = new ArrayList<>();
        if (declared.isInterface()) {
            types.add(declared);
        }
        for (String name : interfaces) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (type.isInterface() && java.lang.reflect.Modifier.isPublic(type.getModifiers()) && !types.contains(type)) {
                    types.add(type);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // an interface of the tests' that this side lacks
            }
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("the tests' " + remote.className() + " cannot stand in for a "
                    + declared.getName() + " here");
        }
        return RemoteProxy.of(remote, loader, types);
    }

    @Override
    public Class<?> valueClass(String name, Codec.ValueKind kind) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
