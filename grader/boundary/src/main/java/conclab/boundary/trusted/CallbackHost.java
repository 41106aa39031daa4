package conclab.boundary.trusted;

import conclab.boundary.Chunks;
import conclab.boundary.Descriptors;
import conclab.boundary.Link;
import conclab.boundary.ObjectTable;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * What the trusted side answers when the submission's JVM calls it: only the public methods of
 * the type as which a test handed it an object (a {@code Service}, a {@code Runnable}, an
 * {@code InputStream}) or of that type's supertypes, on that object. No static method, no
 * constructor, no other object: the submission can reach nothing here but what it was given.
 */
public final class CallbackHost implements Link.Host {

    /** Of Object's methods, those an object's own type may define. */
    private static final java.util.Set<String> OBJECT_METHODS = java.util.Set.of("equals", "hashCode", "toString");

    private final ObjectTable objects;
    private final TrustedResolver resolver;

    public CallbackHost(ObjectTable objects, TrustedResolver resolver) {
        this.objects = objects;
        this.resolver = resolver;
    }

    @Override
    public Link.Invocation resolve(Link.Target target, String declaringType, String member, String descriptor)
            throws Exception {
        if (!(target instanceof Link.Target.Exported exported)) {
            throw new SecurityException("the trusted side answers calls on the objects it handed over, nothing else");
        }
        ObjectTable.Export export = objects.export(exported.id())
                .orElseThrow(() -> new SecurityException("no object #" + exported.id() + " was handed over"));
        Object object = export.object();
        if (declaringType.equals(Chunks.TYPE)) {
            return chunk(object, member);
        }
        Class<?> type = resolver.known(declaringType);
        if (type == null || !type.isAssignableFrom(export.declared())) {
            throw new SecurityException("the object was handed over as a " + export.declared().getName()
                    + ", not a " + declaringType);
        }
        Class<?>[] parameters = Descriptors.parameters(descriptor, name -> {
            Class<?> known = resolver.known(name);
            if (known == null) {
                throw new ClassNotFoundException(name);
            }
            return known;
        });
        Method method = type.getMethod(member, parameters);
        if (Modifier.isStatic(method.getModifiers())
                || method.getDeclaringClass() == Object.class && !OBJECT_METHODS.contains(member)) {
            throw new SecurityException(member + " is not a method the submission may call");
        }
        return new Link.Invocation() {
            @Override
            public Class<?>[] parameterTypes() {
                return method.getParameterTypes();
            }

            @Override
            public Class<?> returnType() {
                return method.getReturnType();
            }

            @Override
            public Object invoke(Object[] arguments) throws Throwable {
                try {
                    return method.invoke(object, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
    }

    private static Link.Invocation chunk(Object object, String member) {
        return new Link.Invocation() {
            @Override
            public Class<?>[] parameterTypes() {
                return member.equals(Chunks.WRITE_CHANNEL) ? new Class<?>[] {byte[].class} : new Class<?>[] {int.class};
            }

            @Override
            public Class<?> returnType() {
                return member.equals(Chunks.WRITE_CHANNEL) ? int.class : byte[].class;
            }

            @Override
            public Object invoke(Object[] arguments) throws Throwable {
                if (member.equals(Chunks.READ) && object instanceof InputStream in) {
                    byte[] buffer = new byte[Math.max(0, Math.min((Integer) arguments[0], Chunks.MAX_CHUNK))];
                    int read = in.read(buffer, 0, buffer.length);
                    return read < 0 ? null : Arrays.copyOf(buffer, read);
                }
                if (member.equals(Chunks.READ_CHANNEL) && object instanceof ReadableByteChannel channel) {
                    ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, Math.min((Integer) arguments[0], Chunks.MAX_CHUNK)));
                    int read = channel.read(buffer);
                    return read < 0 ? null : Arrays.copyOf(buffer.array(), read);
                }
                if (member.equals(Chunks.WRITE_CHANNEL) && object instanceof WritableByteChannel channel) {
                    return channel.write(ByteBuffer.wrap((byte[]) arguments[0]));
                }
                throw new SecurityException("the object handed over is no stream for " + member);
            }
        };
    }
}
