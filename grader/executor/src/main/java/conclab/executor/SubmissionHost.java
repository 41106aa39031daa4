package conclab.executor;

import conclab.boundary.Descriptors;
import conclab.boundary.Link;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Answers the trusted JVM's calls on the submission's classes and objects: static methods,
 * constructors (also for a subclass the tests define), methods of objects handed over before,
 * and the observations of {@link SystemCalls}.
 */
final class SubmissionHost implements Link.Host {

    private final Link link;
    private final ClassLoader loader;
    private final SystemCalls system;
    private final java.util.Map<String, Method> methods = new java.util.concurrent.ConcurrentHashMap<>();

    SubmissionHost(Link link, ClassLoader loader) {
        this.link = link;
        this.loader = loader;
        this.system = new SystemCalls(link, loader);
    }

    @Override
    public Link.Invocation resolve(Link.Target target, String declaringType, String member, String descriptor)
            throws Exception {
        if (target instanceof Link.Target.Static s && !s.className().equals(Link.SYSTEM)) {
            Method method = method(s.className(), member, descriptor);
            if (!Modifier.isStatic(method.getModifiers())) {
                throw new NoSuchMethodException(s.className() + "." + member + " is not static");
            }
            return invocation(method, null);
        }
        if (target instanceof Link.Target.Exported e) {
            Object object = link.objects().exported(e.id());
            return invocation(method(declaringType, member, descriptor), object);
        }
        Class<?>[] parameters = Descriptors.parameters(descriptor, this::load);
        if (target instanceof Link.Target.New n) {
            return construction(n, parameters);
        }
        return system.resolve(member, parameters);
    }

    /**
     * The method a call names, found once: the tests call the same few methods thousands of
     * times, and each lookup walks the class's methods.
     */
    private Method method(String className, String member, String descriptor) throws Exception {
        String key = className + '.' + member + descriptor;
        Method method = methods.get(key);
        if (method == null) {
            method = find(load(className, true), member, Descriptors.parameters(descriptor, this::load));
            methods.put(key, method);
        }
        return method;
    }

    private Class<?> load(String name) throws ClassNotFoundException {
        return load(name, false);
    }

    private Class<?> load(String name, boolean initialise) throws ClassNotFoundException {
        return Class.forName(name, initialise, loader);
    }

    /** The method {@code type} declares or inherits, of any access. */
    private static Method find(Class<?> type, String member, Class<?>[] parameters) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method method = c.getDeclaredMethod(member, parameters);
                accessible(method);
                return method;
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        return type.getMethod(member, parameters); // an interface's, a default one included
    }

    private static void accessible(java.lang.reflect.AccessibleObject member) {
        try {
            member.setAccessible(true);
        } catch (RuntimeException e) {
            // a public member of a JDK class needs none
        }
    }

    private Link.Invocation construction(Link.Target.New target, Class<?>[] parameters) throws Exception {
        Class<?> type = load(target.className(), true);
        Constructor<?> declared = type.getDeclaredConstructor(parameters);
        accessible(declared);
        Constructor<?> constructor = declared;
        if (!target.runtimeClassName().equals(target.className())) {
            // a subclass of the tests' (a JvmProcess with its own run()): an instance of it, built by
            // the constructor the stand-in called, as the tests' own object is on their side
            Class<?> subclass = load(target.runtimeClassName(), true);
            if (!type.isAssignableFrom(subclass)) {
                throw new IllegalArgumentException(subclass.getName() + " is no " + type.getName());
            }
            constructor = Subclasses.constructor(subclass, declared);
        }
        Constructor<?> chosen = constructor;
        return new Link.Invocation() {
            @Override
            public Class<?>[] parameterTypes() {
                return parameters;
            }

            @Override
            public Class<?> returnType() {
                return type;
            }

            @Override
            public Object invoke(Object[] arguments) throws Throwable {
                try {
                    return chosen.newInstance(arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
    }

    private static Link.Invocation invocation(Method method, Object target) {
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
            public boolean collectionsByReference() {
                return true;
            }

            @Override
            public Object invoke(Object[] arguments) throws Throwable {
                try {
                    return method.invoke(target, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
    }
}
