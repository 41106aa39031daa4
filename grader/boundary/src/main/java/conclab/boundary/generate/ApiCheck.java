package conclab.boundary.generate;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that the stand-ins have exactly the stubs' API: the same classes, supertypes and
 * non-private members with the same modifiers and types, so that the tests, compiled against the
 * stubs, link against the stand-ins. Only the stand-ins' own wiring (members that mention the
 * boundary's types, and private ones) is left out.
 */
final class ApiCheck {

    private ApiCheck() {
    }

    static void same(Collection<Class<?>> stubs, Path standIns, List<Path> classpath) throws IOException {
        List<Path> path = new ArrayList<>(classpath);
        path.add(StandInGenerator.codeLocation(conclab.boundary.Link.class));
        List<String> differences = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(StandInGenerator.urls(standIns, path),
                ClassLoader.getPlatformClassLoader())) {
            for (Class<?> stub : stubs) {
                Class<?> made;
                try {
                    made = Class.forName(stub.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    if (!stub.isSynthetic() && !stub.isAnonymousClass() && !Modifier.isPrivate(stub.getModifiers())
                            && !StandInGenerator.isGiven(StandInGenerator.topLevel(stub))) {
                        differences.add(stub.getName() + ": missing");
                    }
                    continue;
                }
                Set<String> expected = api(stub);
                Set<String> actual = api(made);
                if (!expected.equals(actual)) {
                    Set<String> lacking = new TreeSet<>(expected);
                    lacking.removeAll(actual);
                    Set<String> extra = new TreeSet<>(actual);
                    extra.removeAll(expected);
                    differences.add(stub.getName() + ": lacks " + lacking + ", has besides " + extra);
                }
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("the stand-ins' API differs from the stubs':\n  "
                    + String.join("\n  ", differences));
        }
    }

    private static final int MODIFIERS = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.PRIVATE | Modifier.STATIC
            | Modifier.FINAL | Modifier.ABSTRACT | Modifier.INTERFACE;

    static Set<String> api(Class<?> type) {
        Set<String> api = new TreeSet<>();
        api.add("class " + Modifier.toString(type.getModifiers() & MODIFIERS) + " extends "
                + (type.getSuperclass() == null ? "-" : type.getSuperclass().getName()) + " implements "
                + Arrays.stream(type.getInterfaces()).map(Class::getName).sorted().toList());
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic() && !f.getType().getName().startsWith("conclab.boundary")) {
                api.add("field " + Modifier.toString(f.getModifiers() & MODIFIERS) + " " + f.getType().getName() + " " + f.getName());
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c.getModifiers()) && !c.isSynthetic() && Arrays.stream(c.getParameterTypes())
                    .noneMatch(p -> p.getName().startsWith("conclab.boundary"))) {
                api.add("constructor " + Modifier.toString(c.getModifiers() & MODIFIERS) + " "
                        + Arrays.toString(c.getParameterTypes()) + " throws " + sorted(c.getExceptionTypes()));
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                api.add("method " + Modifier.toString(m.getModifiers() & MODIFIERS) + " " + m.getReturnType().getName()
                        + " " + m.getName() + Arrays.toString(m.getParameterTypes()) + (m.isVarArgs() ? "..." : "")
                        + " throws " + sorted(m.getExceptionTypes()));
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (visible(nested.getModifiers()) && !nested.isSynthetic()) {
                api.add("nested " + nested.getName());
            }
        }
        return api;
    }

    private static boolean visible(int modifiers) {
        return !Modifier.isPrivate(modifiers);
    }

    private static List<String> sorted(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getName).sorted().toList();
    }
}
