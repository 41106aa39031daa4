package conclab.boundary;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** JVM method descriptors ({@code (I[Ljava/lang/String;)V}): how a call names its overload. */
public final class Descriptors {

    /** Resolves a class name of a descriptor on the side that reads it. */
    public interface ClassResolver {
        Class<?> resolve(String binaryName) throws ClassNotFoundException;
    }

    private Descriptors() {
    }

    public static String of(Method method) {
        return of(method.getParameterTypes(), method.getReturnType());
    }

    public static String of(Constructor<?> constructor) {
        return of(constructor.getParameterTypes(), void.class);
    }

    public static String of(Executable executable) {
        return executable instanceof Method m ? of(m) : of((Constructor<?>) executable);
    }

    public static String of(Class<?>[] parameters, Class<?> returnType) {
        StringBuilder s = new StringBuilder("(");
        for (Class<?> p : parameters) {
            s.append(type(p));
        }
        return s.append(')').append(type(returnType)).toString();
    }

    /** A type's descriptor: {@code I}, {@code Ljava/lang/String;}, {@code [B}. */
    public static String type(Class<?> type) {
        if (type.isArray()) {
            return type.getName().replace('.', '/');
        }
        if (type.isPrimitive()) {
            return switch (type.getName()) {
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "short" -> "S";
                case "char" -> "C";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                case "double" -> "D";
                default -> "V";
            };
        }
        return "L" + type.getName().replace('.', '/') + ";";
    }

    /** The parameter types a descriptor names, resolved by {@code resolver}. */
    public static Class<?>[] parameters(String descriptor, ClassResolver resolver) throws ClassNotFoundException {
        if (!descriptor.startsWith("(") || descriptor.indexOf(')') < 0) {
            throw new ClassNotFoundException("not a method descriptor: " + descriptor);
        }
        List<Class<?>> types = new ArrayList<>();
        int i = 1;
        while (descriptor.charAt(i) != ')') {
            int end = end(descriptor, i);
            types.add(typeOf(descriptor.substring(i, end), resolver));
            i = end;
        }
        return types.toArray(new Class<?>[0]);
    }

    /** The return type a descriptor names. */
    public static Class<?> returnType(String descriptor, ClassResolver resolver) throws ClassNotFoundException {
        return typeOf(descriptor.substring(descriptor.indexOf(')') + 1), resolver);
    }

    private static int end(String descriptor, int i) throws ClassNotFoundException {
        int j = i;
        while (descriptor.charAt(j) == '[') {
            j++;
        }
        if (descriptor.charAt(j) == 'L') {
            int semicolon = descriptor.indexOf(';', j);
            if (semicolon < 0) {
                throw new ClassNotFoundException("not a method descriptor: " + descriptor);
            }
            return semicolon + 1;
        }
        return j + 1;
    }

    private static Class<?> typeOf(String t, ClassResolver resolver) throws ClassNotFoundException {
        switch (t.charAt(0)) {
            case 'Z': return boolean.class;
            case 'B': return byte.class;
            case 'S': return short.class;
            case 'C': return char.class;
            case 'I': return int.class;
            case 'J': return long.class;
            case 'F': return float.class;
            case 'D': return double.class;
            case 'V': return void.class;
            case 'L': return resolver.resolve(t.substring(1, t.length() - 1).replace('/', '.'));
            case '[': return typeOf(t.substring(1), resolver).arrayType();
            default: throw new ClassNotFoundException("not a type descriptor: " + t);
        }
    }
}
