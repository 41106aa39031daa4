package conclab.boundary.generate;

import conclab.boundary.trusted.StandIns;
import conclab.boundary.trusted.TrustedResolver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Writes the trusted side's copy of the exercises' API from the compiled stubs, at build time:
 * <ul>
 *   <li>a <b>given</b> type (an interface, record, enum or exception, or a class marked
 *       {@code @conclab.lab.Given}, with everything nested in it) is copied as it is: the grader's
 *       own, which a submission's edit cannot change;</li>
 *   <li>every other class, one a student implements, becomes a <b>stand-in</b>: a class of the
 *       same name and the same members whose every constructor and method forwards to the
 *       submission's JVM through {@link StandIns}. Its compile-time constants are the stub's; a
 *       static field that is not one is read from the submission's class when the stand-in
 *       initialises.</li>
 * </ul>
 * The sources are written for reading and compiled here; the result is checked member by member
 * against the stubs, so that a test compiled against the stubs links against the stand-ins.
 * {@value TrustedResolver#API_INDEX} lists every class.
 *
 * <p>{@code StandInGenerator STUBS_CLASSES OUT_CLASSES OUT_SOURCES [CLASS_PATH...]}
 */
public final class StandInGenerator {

    static final String GIVEN = "conclab.lab.Given";

    private final Path stubs;
    private final Path outClasses;
    private final Path outSources;
    private final List<Path> classpath;

    StandInGenerator(Path stubs, Path outClasses, Path outSources, List<Path> classpath) {
        this.stubs = stubs;
        this.outClasses = outClasses;
        this.outSources = outSources;
        this.classpath = classpath;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: StandInGenerator STUBS_CLASSES OUT_CLASSES OUT_SOURCES [CLASS_PATH...]");
        }
        List<Path> classpath = Arrays.stream(args).skip(3).flatMap(a -> Arrays.stream(a.split(File.pathSeparator)))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
        new StandInGenerator(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), classpath).generate();
    }

    void generate() throws Exception {
        List<String> names = classNames(stubs);
        try (URLClassLoader loader = new URLClassLoader(urls(stubs, classpath), ClassLoader.getPlatformClassLoader())) {
            Map<String, Class<?>> classes = new TreeMap<>();
            for (String name : names) {
                classes.put(name, Class.forName(name, false, loader));
            }
            Set<String> given = new TreeSet<>();
            List<Class<?>> forwarded = new ArrayList<>();
            for (Class<?> type : classes.values()) {
                Class<?> top = topLevel(type);
                if (isGiven(top)) {
                    given.add(type.getName());
                } else if (type == top) {
                    forwarded.add(type);
                } else if (isGivenKind(type)) {
                    throw new IllegalStateException(type.getName() + " is a given type nested in " + top.getName()
                            + ", which students implement: move it to a top-level type of its own");
                }
            }
            Files.createDirectories(outClasses);
            for (String name : given) {
                Path from = stubs.resolve(name.replace('.', '/') + ".class");
                Path to = outClasses.resolve(name.replace('.', '/') + ".class");
                Files.createDirectories(to.getParent());
                Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            List<Path> sources = new ArrayList<>();
            for (Class<?> type : forwarded) {
                Path source = outSources.resolve(type.getName().replace('.', '/') + ".java");
                Files.createDirectories(source.getParent());
                Files.writeString(source, new SourceWriter(classes).write(type), StandardCharsets.UTF_8);
                sources.add(source);
            }
            compile(sources);
            Path index = outClasses.resolve(TrustedResolver.API_INDEX);
            Files.createDirectories(index.getParent());
            Files.writeString(index, String.join("\n", classes.keySet()) + "\n", StandardCharsets.UTF_8);
            ApiCheck.same(classes.values(), outClasses, classpath);
        }
    }

    static boolean isGiven(Class<?> topLevel) {
        return isGivenKind(topLevel) || Arrays.stream(topLevel.getDeclaredAnnotations())
                .anyMatch(a -> a.annotationType().getName().equals(GIVEN));
    }

    static boolean isGivenKind(Class<?> type) {
        return type.isInterface() || type.isRecord() || type.isEnum() || Throwable.class.isAssignableFrom(type);
    }

    static Class<?> topLevel(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        return top;
    }

    private void compile(List<Path> sources) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the stand-ins are compiled with the JDK's compiler, which this JVM lacks");
        }
        List<String> path = new ArrayList<>();
        path.add(outClasses.toString());
        path.add(codeLocation(StandIns.class).toString());
        classpath.forEach(p -> path.add(p.toString()));
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-nowarn", "-encoding", "UTF-8",
                "--release", "17", "-d", outClasses.toString(), "-cp", String.join(File.pathSeparator, path)));
        sources.forEach(s -> arguments.add(s.toString()));
        int status = javac.run(null, null, null, arguments.toArray(new String[0]));
        if (status != 0) {
            throw new IllegalStateException("the generated stand-ins did not compile (status " + status + ")");
        }
    }

    static Path codeLocation(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate " + type.getName(), e);
        }
    }

    static List<String> classNames(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
                    .filter(n -> !n.endsWith("package-info.class") && !n.endsWith("module-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .sorted().toList();
        }
    }

    static URL[] urls(Path first, List<Path> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).map(p -> {
            try {
                return p.toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }).toArray(URL[]::new);
    }

    /** The Java source of one stand-in class and the stand-ins nested in it. */
    final class SourceWriter {
        private final Map<String, Class<?>> classes;
        private final StringBuilder out = new StringBuilder();
        private int counter;

        SourceWriter(Map<String, Class<?>> classes) {
            this.classes = classes;
        }

        String write(Class<?> type) throws IOException {
            out.append("// Generated by ").append(StandInGenerator.class.getName()).append(" from the stub of ")
                    .append(type.getName()).append(": do not edit.\n");
            out.append("package ").append(type.getPackageName()).append(";\n\n");
            writeClass(type, "");
            return out.toString();
        }

        private void writeClass(Class<?> type, String indent) throws IOException {
            if (type.getSuperclass() != Object.class) {
                throw new IllegalStateException(type.getName() + " extends " + type.getSuperclass().getName()
                        + ": a class students implement may only extend Object");
            }
            if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
                throw new IllegalStateException(type.getName() + " is an inner class: only static nested classes are supported");
            }
            String simple = type.getSimpleName();
            String typeConstant = "TYPE$";
            out.append(indent).append("/** The grader's stand-in for the submission's {@code ").append(type.getName())
                    .append("}: every call goes to the submission's JVM. */\n");
            out.append(indent).append("@SuppressWarnings(\"all\")\n");
            out.append(indent).append(modifiers(type.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED
                    | Modifier.PRIVATE | Modifier.STATIC | Modifier.FINAL | Modifier.ABSTRACT)))
                    .append("class ").append(simple);
            if (type.getInterfaces().length > 0) {
                out.append(" implements ").append(Arrays.stream(type.getInterfaces()).map(this::name)
                        .collect(Collectors.joining(", ")));
            }
            out.append(" {\n\n");
            String in = indent + "    ";
            out.append(in).append("private static final String ").append(typeConstant).append(" = \"")
                    .append(type.getName()).append("\";\n");
            writeFields(type, in, typeConstant);
            out.append(in).append("private final conclab.boundary.Remote remote$;\n\n");
            if (!Modifier.isAbstract(type.getModifiers())) {
                out.append(in).append("static {\n").append(in).append("    ").append(StandIns.class.getName())
                        .append(".factory(").append(simple).append(".class, ").append(simple).append("::new);\n")
                        .append(in).append("}\n\n");
            }
            out.append(in).append(simple).append("(conclab.boundary.Remote remote$) {\n")
                    .append(in).append("    this.remote$ = remote$;\n").append(in).append("}\n");
            List<Constructor<?>> constructors = Arrays.stream(type.getDeclaredConstructors())
                    .filter(c -> !Modifier.isPrivate(c.getModifiers()) && !c.isSynthetic())
                    .sorted(Comparator.comparing(c -> Arrays.toString(c.getParameterTypes()))).toList();
            for (Constructor<?> constructor : constructors) {
                writeConstructor(constructor, in, typeConstant);
            }
            List<Method> methods = Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> !Modifier.isPrivate(m.getModifiers()) && !m.isSynthetic() && !m.isBridge())
                    .sorted(Comparator.comparing(Method::getName).thenComparing(m -> Arrays.toString(m.getParameterTypes())))
                    .toList();
            for (Method method : methods) {
                writeMethod(method, in, typeConstant);
            }
            for (Class<?> nested : type.getDeclaredClasses()) {
                if (classes.containsKey(nested.getName()) && !nested.isSynthetic() && !nested.isAnonymousClass()
                        && !Modifier.isPrivate(nested.getModifiers())) {
                    out.append("\n");
                    writeClass(nested, in);
                }
            }
            out.append(indent).append("}\n");
        }

        private void writeFields(Class<?> type, String in, String typeConstant) throws IOException {
            Map<String, Object> constants = ClassFiles.read(Files.readAllBytes(
                    stubs.resolve(type.getName().replace('.', '/') + ".class"))).constants();
            for (Field field : type.getDeclaredFields()) {
                int m = field.getModifiers();
                if (Modifier.isPrivate(m) || field.isSynthetic()) {
                    continue;
                }
                if (!Modifier.isStatic(m)) {
                    throw new IllegalStateException(type.getName() + "." + field.getName() + " is an instance field of a"
                            + " class students implement, which a stand-in cannot forward: make it private");
                }
                out.append(in).append(modifiers(m & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC
                        | Modifier.FINAL))).append(name(field.getType())).append(' ').append(field.getName());
                if (constants.containsKey(field.getName())) {
                    out.append(" = ").append(literal(field.getType(), constants.get(field.getName())));
                } else {
                    // not a constant: the value the submission's class has, read when this class initialises
                    out.append(" = ").append(cast(field.getType())).append(StandIns.class.getName())
                            .append(".readStatic(").append(typeConstant).append(", \"").append(field.getName()).append("\")");
                }
                out.append(";\n");
            }
        }

        private void writeConstructor(Constructor<?> constructor, String in, String typeConstant) {
            String parameters = constant("P", constructor.getParameterTypes(), in);
            out.append("\n").append(in).append(modifiers(constructor.getModifiers() & (Modifier.PUBLIC
                    | Modifier.PROTECTED))).append(constructor.getDeclaringClass().getSimpleName())
                    .append('(').append(parameterList(constructor)).append(')').append(throwsClause(constructor))
                    .append(" {\n");
            out.append(in).append("    this.remote$ = ").append(StandIns.class.getName()).append(".construct(this, ")
                    .append(typeConstant).append(", \"").append(conclab.boundary.Descriptors.of(constructor))
                    .append("\", ").append(parameters).append(", ").append(arguments(constructor)).append(");\n");
            out.append(in).append("}\n");
        }

        private void writeMethod(Method method, String in, String typeConstant) {
            int m = method.getModifiers();
            String parameters = Modifier.isAbstract(m) ? null : constant("P", method.getParameterTypes(), in);
            out.append("\n").append(in).append(modifiers(m & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC
                    | Modifier.FINAL | Modifier.ABSTRACT))).append(name(method.getReturnType())).append(' ')
                    .append(method.getName()).append('(').append(parameterList(method)).append(')')
                    .append(throwsClause(method));
            if (Modifier.isAbstract(m)) {
                out.append(";\n");
                return;
            }
            Class<?> returns = method.getReturnType();
            String call = Modifier.isStatic(m)
                    ? StandIns.class.getName() + ".callStatic(" + typeConstant + ", "
                    : StandIns.class.getName() + ".call(remote$, " + typeConstant + ", ";
            call += "\"" + method.getName() + "\", \"" + conclab.boundary.Descriptors.of(method) + "\", " + parameters
                    + ", " + name(returns) + ".class, " + arguments(method) + ")";
            out.append(" {\n").append(in).append("    ");
            if (returns != void.class) {
                out.append("return ").append(cast(returns));
            }
            out.append(call).append(";\n").append(in).append("}\n");
        }

        /** A constant array of the parameter types, declared before the member that uses it. */
        private String constant(String prefix, Class<?>[] types, String in) {
            String name = prefix + "$" + (counter++);
            out.append("\n").append(in).append("private static final Class<?>[] ").append(name).append(" = {")
                    .append(Arrays.stream(types).map(t -> name(t) + ".class").collect(Collectors.joining(", ")))
                    .append("};\n");
            return name;
        }

        private String parameterList(Executable executable) {
            Class<?>[] types = executable.getParameterTypes();
            List<String> parameters = new ArrayList<>();
            for (int i = 0; i < types.length; i++) {
                String type = name(types[i]);
                if (executable.isVarArgs() && i == types.length - 1) {
                    type = name(types[i].getComponentType()) + "...";
                }
                parameters.add(type + " a" + i);
            }
            return String.join(", ", parameters);
        }

        private String arguments(Executable executable) {
            int n = executable.getParameterCount();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                names.add("a" + i);
            }
            return "new Object[] {" + String.join(", ", names) + "}";
        }

        private String throwsClause(Executable executable) {
            Class<?>[] exceptions = executable.getExceptionTypes();
            return exceptions.length == 0 ? "" : " throws " + Arrays.stream(exceptions).map(this::name)
                    .collect(Collectors.joining(", "));
        }

        private String cast(Class<?> type) {
            if (type.isPrimitive()) {
                return "(" + name(boxed(type)) + ") ";
            }
            return "(" + name(type) + ") ";
        }

        private String name(Class<?> type) {
            if (type.isArray()) {
                return name(type.getComponentType()) + "[]";
            }
            return type.getCanonicalName();
        }
    }

    static String modifiers(int modifiers) {
        String text = Modifier.toString(modifiers);
        return text.isEmpty() ? "" : text + " ";
    }

    static Class<?> boxed(Class<?> primitive) {
        return switch (primitive.getName()) {
            case "boolean" -> Boolean.class;
            case "byte" -> Byte.class;
            case "short" -> Short.class;
            case "char" -> Character.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "float" -> Float.class;
            case "double" -> Double.class;
            default -> Void.class;
        };
    }

    /** A Java literal of a compile-time constant of {@code type}, from its class file's value. */
    static String literal(Class<?> type, Object value) {
        if (type == String.class) {
            StringBuilder s = new StringBuilder("\"");
            for (char c : ((String) value).toCharArray()) {
                if (c == '"' || c == '\\') {
                    s.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    s.append(String.format("\\u%04x", (int) c));
                } else {
                    s.append(c);
                }
            }
            return s.append('"').toString();
        }
        return switch (type.getName()) {
            case "boolean" -> ((Integer) value) != 0 ? "true" : "false";
            case "char" -> "(char) " + value;
            case "byte" -> "(byte) " + value;
            case "short" -> "(short) " + value;
            case "long" -> value + "L";
            case "float" -> Float.isNaN((Float) value) ? "Float.NaN" : Float.isInfinite((Float) value)
                    ? ((Float) value > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY") : value + "f";
            case "double" -> Double.isNaN((Double) value) ? "Double.NaN" : Double.isInfinite((Double) value)
                    ? ((Double) value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY") : value + "d";
            default -> String.valueOf(value);
        };
    }
}
