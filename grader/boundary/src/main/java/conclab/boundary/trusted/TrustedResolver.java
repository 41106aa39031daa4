package conclab.boundary.trusted;

import conclab.boundary.Codec;
import conclab.boundary.ObjectTable;
import conclab.boundary.Remote;
import conclab.boundary.RemoteProxy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the trusted side rebuilds what the submission's JVM sends: a value only as a class of the
 * JDK or of the exercises' API as the grader ships it (its stand-ins and given types, listed in
 * {@value #API_INDEX}), never a class the submission wrote; a reference as a stand-in of the API
 * class it belongs to, or a proxy of the interfaces the receiving code expects.
 */
public final class TrustedResolver implements ObjectTable.Resolver {

    /** The resource that lists the API's classes, one binary name a line (the stand-ins jar writes it). */
    public static final String API_INDEX = "conclab/boundary/api-classes.txt";

    private final ClassLoader loader;
    private final Set<String> api;

    public TrustedResolver(ClassLoader loader) {
        this.loader = loader;
        this.api = readIndex(loader);
    }

    /** The exercises' API classes this side has. */
    public Set<String> api() {
        return api;
    }

    private static Set<String> readIndex(ClassLoader loader) {
        Set<String> names = new LinkedHashSet<>();
        try {
            var resources = loader.getResources(API_INDEX);
            while (resources.hasMoreElements()) {
                try (InputStream in = resources.nextElement().openStream();
                     BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    reader.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the list of the exercises' classes", e);
        }
        return Set.copyOf(names);
    }

    @Override
    public Object standIn(Remote remote, List<String> interfaces, Class<?> declared) {
        var byClass = StandIns.factory(remote.className()).or(() -> factoryFor(declared));
        if (byClass.isPresent()) {
            return byClass.get().apply(remote);
        }
        List<Class<?>> types = new ArrayList<>();
        if (declared.isInterface()) {
            types.add(declared);
        } else if (declared != Object.class) {
            throw new IllegalArgumentException("the submission's JVM sent a " + remote.className()
                    + " where a " + declared.getName() + " was expected, which cannot cross by reference");
        }
        for (String name : interfaces) {
            Class<?> type = known(name);
            if (type != null && type.isInterface() && Modifier.isPublic(type.getModifiers()) && !types.contains(type)) {
                types.add(type);
            }
        }
        if (types.isEmpty()) {
            return new Opaque(remote);
        }
        return RemoteCollection.applies(types) ? RemoteCollection.of(remote, loader, types)
                : RemoteProxy.of(remote, loader, types);
    }

    private java.util.Optional<java.util.function.Function<Remote, Object>> factoryFor(Class<?> declared) {
        for (Class<?> c = declared; c != null && c != Object.class; c = c.getSuperclass()) {
            if (api.contains(c.getName())) {
                initialise(c); // its static initialiser registers the factory
                var factory = StandIns.factory(c.getName());
                if (factory.isPresent()) {
                    return factory;
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static void initialise(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            // it is loaded already
        }
    }

    @Override
    public Class<?> valueClass(String name, Codec.ValueKind kind) {
        Class<?> type = known(name);
        if (type == null) {
            return null;
        }
        return switch (kind) {
            case RECORD -> type.isRecord() ? type : null;
            case ENUM -> type.isEnum() ? type : null;
            case THROWABLE -> Throwable.class.isAssignableFrom(type) ? type : null;
            case CLASS -> type;
        };
    }

    /** A class of the JDK or of the API, by name; {@code null} for any other. */
    Class<?> known(String name) {
        boolean jdk = name.startsWith("java.") || name.startsWith("javax.");
        if (!jdk && !api.contains(name)) {
            return null;
        }
        try {
            Class<?> type = Class.forName(name, false, jdk ? ClassLoader.getPlatformClassLoader() : loader);
            if (jdk && type.getClassLoader() != null && type.getClassLoader() != ClassLoader.getPlatformClassLoader()) {
                return null; // a java.* name not defined by the JDK itself
            }
            return type;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** A reference to an object of the submission's that no API type describes. */
    public record Opaque(Remote remote) {
        @Override
        public String toString() {
            return "(an object of the submission's " + remote.className() + ")";
        }
    }
}
