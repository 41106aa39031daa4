package conclab.boundary;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Values on the wire. What crosses by value is written as data and rebuilt on the other side
 * from that side's own classes: primitives and strings, arrays, the JDK's collections and value
 * types (durations, paths, addresses, optionals, big numbers), and the exercises' records, enums
 * and exceptions. Everything else crosses as a reference: an id that the other side wraps in a
 * stand-in, whose every call comes back here.
 *
 * <p>Decoding never runs code of the sending side's classes: a record is rebuilt with the
 * receiving side's canonical constructor, an exception from the nearest class of its chain that
 * the receiving side accepts (see {@link References#valueClass}), with its message, cause,
 * suppressed exceptions and stack trace as data. Limits on depth and sizes keep a hostile sender
 * from exhausting the receiver.
 */
public final class Codec {

    static final byte NULL = 0;
    static final byte TRUE = 1;
    static final byte FALSE = 2;
    static final byte BYTE = 3;
    static final byte SHORT = 4;
    static final byte CHAR = 5;
    static final byte INT = 6;
    static final byte LONG = 7;
    static final byte FLOAT = 8;
    static final byte DOUBLE = 9;
    static final byte STRING = 10;
    static final byte BYTES = 11;
    static final byte ARRAY = 12;
    static final byte LIST = 13;
    static final byte SET = 14;
    static final byte MAP = 15;
    static final byte OPTIONAL = 16;
    static final byte OPTIONAL_INT = 17;
    static final byte OPTIONAL_LONG = 18;
    static final byte OPTIONAL_DOUBLE = 19;
    static final byte DURATION = 20;
    static final byte INSTANT = 21;
    static final byte PATH = 22;
    static final byte INET_ADDRESS = 23;
    static final byte INET_SOCKET_ADDRESS = 24;
    static final byte ENUM = 25;
    static final byte RECORD = 26;
    static final byte CLASS = 27;
    static final byte THROWABLE = 28;
    static final byte BIG_INTEGER = 29;
    static final byte BIG_DECIMAL = 30;
    static final byte STACK_FRAME = 31;
    /** An object of the sender's side, crossing as a reference. */
    static final byte REF = 40;
    /** An object of the receiver's side that the receiver once sent as a reference. */
    static final byte BACK = 41;

    /** Deepest nesting of values accepted. */
    static final int MAX_DEPTH = 64;
    /** Most elements of one collection or array accepted. */
    static final int MAX_ELEMENTS = 1 << 24;

    /** What decoding and encoding need of the side they run on. */
    public interface References {
        /** The id under which {@code local} goes to the other side; the same object, the same id. */
        long export(Object local, Class<?> declared);

        /** The object this side exported as {@code id}. */
        Object exported(long id);

        /** The other side's id of {@code object}, if it is this side's stand-in for one of its objects. */
        Optional<Long> remoteId(Object object);

        /**
         * This side's stand-in for the other side's object {@code id}: the same stand-in every
         * time, made for {@code declared} (the type the receiving code expects).
         */
        Object standIn(long id, String className, List<String> interfaces, Class<?> declared);

        /**
         * The class this side rebuilds a record, enum or exception of the other side's with, or
         * {@code null} if this side does not accept that name for that kind of value.
         */
        Class<?> valueClass(String name, ValueKind kind);
    }

    /** The kinds of value a name is resolved for. */
    public enum ValueKind { RECORD, ENUM, THROWABLE, CLASS }

    private final References references;
    /** The class a rebuilt exception was originally, when it was rebuilt as an ancestor. */
    private static final Map<Throwable, String> ORIGINAL = Collections.synchronizedMap(new java.util.WeakHashMap<>());

    public Codec(References references) {
        this.references = references;
    }

    /**
     * The class name of the exception {@code rebuilt} was on the other side, when this side had
     * to rebuild it as one of its ancestors; else its own class name.
     */
    public static String originalClassName(Throwable rebuilt) {
        String original = ORIGINAL.get(rebuilt);
        return original != null ? original : rebuilt.getClass().getName();
    }

    // ---------------------------------------------------------------- encoding

    /**
     * Writes {@code value}. A collection goes by reference when {@code collectionsByReference}
     * (a collection a method returns, whose later life the caller may see), else by value.
     */
    public void write(DataOutput out, Object value, Class<?> declared, boolean collectionsByReference)
            throws IOException {
        write(out, value, declared, collectionsByReference, 0);
    }

    private void write(DataOutput out, Object value, Class<?> declared, boolean collectionsByReference, int depth)
            throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("a value nested deeper than " + MAX_DEPTH + " levels cannot cross");
        }
        if (value == null) {
            out.writeByte(NULL);
            return;
        }
        Optional<Long> back = references.remoteId(value);
        if (back.isPresent()) {
            out.writeByte(BACK);
            out.writeLong(back.get());
            return;
        }
        if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Byte b) {
            out.writeByte(BYTE);
            out.writeByte(b);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeShort(s);
        } else if (value instanceof Character c) {
            out.writeByte(CHAR);
            out.writeChar(c);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else if (value instanceof byte[] bytes) {
            out.writeByte(BYTES);
            out.writeInt(bytes.length);
            out.write(bytes);
        } else if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            out.writeByte(ARRAY);
            writeString(out, value.getClass().getComponentType().getName());
            out.writeInt(length);
            for (int i = 0; i < length; i++) {
                write(out, Array.get(value, i), Object.class, false, depth + 1);
            }
        } else if (value instanceof Collection<?> && collectionsByReference && isCollectionType(declared)) {
            writeReference(out, value, declared);
        } else if (value instanceof List<?> list) {
            writeElements(out, LIST, list, unmodifiable(list), depth);
        } else if (value instanceof Set<?> set) {
            writeElements(out, SET, set, unmodifiable(set), depth);
        } else if (value instanceof Map<?, ?> map) {
            if (collectionsByReference && isCollectionType(declared)) {
                writeReference(out, value, declared);
                return;
            }
            out.writeByte(MAP);
            out.writeBoolean(unmodifiable(map));
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            out.writeInt(entries.size());
            for (Map.Entry<?, ?> entry : entries) {
                write(out, entry.getKey(), Object.class, false, depth + 1);
                write(out, entry.getValue(), Object.class, false, depth + 1);
            }
        } else if (value instanceof Optional<?> optional) {
            out.writeByte(OPTIONAL);
            out.writeBoolean(optional.isPresent());
            if (optional.isPresent()) {
                write(out, optional.get(), Object.class, false, depth + 1);
            }
        } else if (value instanceof OptionalInt optional) {
            out.writeByte(OPTIONAL_INT);
            out.writeBoolean(optional.isPresent());
            if (optional.isPresent()) {
                out.writeInt(optional.getAsInt());
            }
        } else if (value instanceof OptionalLong optional) {
            out.writeByte(OPTIONAL_LONG);
            out.writeBoolean(optional.isPresent());
            if (optional.isPresent()) {
                out.writeLong(optional.getAsLong());
            }
        } else if (value instanceof OptionalDouble optional) {
            out.writeByte(OPTIONAL_DOUBLE);
            out.writeBoolean(optional.isPresent());
            if (optional.isPresent()) {
                out.writeDouble(optional.getAsDouble());
            }
        } else if (value instanceof Duration duration) {
            out.writeByte(DURATION);
            out.writeLong(duration.getSeconds());
            out.writeInt(duration.getNano());
        } else if (value instanceof Instant instant) {
            out.writeByte(INSTANT);
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        } else if (value instanceof Path path && path.getFileSystem() == java.nio.file.FileSystems.getDefault()) {
            out.writeByte(PATH);
            writeString(out, path.toString());
        } else if (value instanceof InetAddress address) {
            out.writeByte(INET_ADDRESS);
            writeAddress(out, address);
        } else if (value instanceof InetSocketAddress socketAddress) {
            out.writeByte(INET_SOCKET_ADDRESS);
            writeString(out, socketAddress.getHostString());
            out.writeInt(socketAddress.getPort());
            out.writeBoolean(socketAddress.isUnresolved());
            if (!socketAddress.isUnresolved()) {
                writeAddress(out, socketAddress.getAddress());
            }
        } else if (value instanceof BigInteger big) {
            out.writeByte(BIG_INTEGER);
            writeBytes(out, big.toByteArray());
        } else if (value instanceof BigDecimal big) {
            out.writeByte(BIG_DECIMAL);
            writeBytes(out, big.unscaledValue().toByteArray());
            out.writeInt(big.scale());
        } else if (value instanceof Enum<?> constant) {
            out.writeByte(ENUM);
            writeString(out, constant.getDeclaringClass().getName());
            writeString(out, constant.name());
        } else if (value instanceof Class<?> type) {
            out.writeByte(CLASS);
            writeString(out, type.getName());
        } else if (value instanceof StackTraceElement frame) {
            out.writeByte(STACK_FRAME);
            writeFrame(out, frame);
        } else if (value instanceof Throwable throwable) {
            writeThrowable(out, throwable, depth);
        } else if (value.getClass().isRecord()) {
            writeRecord(out, value, depth);
        } else {
            writeReference(out, value, declared);
        }
    }

    private static boolean isCollectionType(Class<?> declared) {
        return declared != null && (Collection.class.isAssignableFrom(declared) || Map.class.isAssignableFrom(declared));
    }

    /**
     * Whether a collection refuses changes: the JDK's immutable and unmodifiable ones, so that
     * a copy made on the other side refuses them too.
     */
    private static boolean unmodifiable(Object collection) {
        String name = collection.getClass().getName();
        return name.startsWith("java.util.ImmutableCollections$")
                || name.startsWith("java.util.Collections$Unmodifiable")
                || name.startsWith("java.util.Collections$Empty")
                || name.startsWith("java.util.Collections$Singleton");
    }

    private void writeElements(DataOutput out, byte tag, Collection<?> elements, boolean unmodifiable, int depth)
            throws IOException {
        out.writeByte(tag);
        out.writeBoolean(unmodifiable);
        Object[] copy = elements.toArray();
        out.writeInt(copy.length);
        for (Object element : copy) {
            write(out, element, Object.class, false, depth + 1);
        }
    }

    private void writeReference(DataOutput out, Object value, Class<?> declared) throws IOException {
        out.writeByte(REF);
        out.writeLong(references.export(value, declared == null ? Object.class : declared));
        writeString(out, value.getClass().getName());
        List<String> interfaces = new ArrayList<>();
        for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                interfaces.add(i.getName());
            }
        }
        out.writeInt(interfaces.size());
        for (String name : interfaces) {
            writeString(out, name);
        }
    }

    private void writeRecord(DataOutput out, Object record, int depth) throws IOException {
        RecordShape shape = RecordShape.of(record.getClass());
        out.writeByte(RECORD);
        writeString(out, record.getClass().getName());
        out.writeInt(shape.size());
        for (int i = 0; i < shape.size(); i++) {
            Object value;
            try {
                value = shape.accessors()[i].invoke(record);
            } catch (InvocationTargetException e) {
                throw new IOException("the record " + record.getClass().getName() + "'s " + shape.names()[i]
                        + "() threw " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IOException("cannot read " + record.getClass().getName() + "." + shape.names()[i], e);
            }
            write(out, value, shape.types()[i], false, depth + 1);
        }
    }

    private void writeThrowable(DataOutput out, Throwable throwable, int depth) throws IOException {
        out.writeByte(THROWABLE);
        List<String> chain = new ArrayList<>();
        for (Class<?> c = throwable.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(c.getName());
        }
        out.writeInt(chain.size());
        for (String name : chain) {
            writeString(out, name);
        }
        writeNullableString(out, ThrowableFields.message(throwable));
        write(out, ThrowableFields.cause(throwable), Throwable.class, false, depth + 1);
        Throwable[] suppressed = throwable.getSuppressed();
        out.writeInt(Math.min(suppressed.length, 16));
        for (int i = 0; i < Math.min(suppressed.length, 16); i++) {
            write(out, suppressed[i], Throwable.class, false, depth + 1);
        }
        StackTraceElement[] frames = ThrowableFields.stack(throwable);
        int kept = Math.min(frames.length, 256);
        out.writeInt(kept);
        for (int i = 0; i < kept; i++) {
            writeFrame(out, frames[i]);
        }
        // the values an exercise's exception carries besides its message (TransferException.reason())
        List<Method> extras = extras(throwable.getClass());
        out.writeInt(extras.size());
        for (Method extra : extras) {
            Object value;
            try {
                value = extra.invoke(throwable);
            } catch (ReflectiveOperationException | RuntimeException e) {
                value = null;
            }
            writeString(out, extra.getName());
            write(out, value, extra.getReturnType(), false, depth + 1);
        }
    }

    /**
     * Public no-argument getters declared by the exception's classes of the exercises (not the
     * JDK's, nor a library's: only the exercises' exceptions are rebuilt with more than a message).
     */
    private static List<Method> extras(Class<?> type) {
        List<Method> extras = new ArrayList<>();
        for (Class<?> c = type; c != null && !c.getName().startsWith("java."); c = c.getSuperclass()) {
            if (!Modifier.isPublic(c.getModifiers()) || !c.getName().startsWith("conclab.")) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == 0 && m.getReturnType() != void.class
                        && !m.isSynthetic() && !m.isBridge() && !isThrowableMethod(m.getName())) {
                    extras.add(m);
                }
            }
        }
        extras.sort(java.util.Comparator.comparing(Method::getName));
        return extras;
    }

    private static boolean isThrowableMethod(String name) {
        return switch (name) {
            case "getMessage", "getLocalizedMessage", "getCause", "toString", "hashCode",
                    "getStackTrace", "getSuppressed", "fillInStackTrace" -> true;
            default -> false;
        };
    }

    private static void writeFrame(DataOutput out, StackTraceElement frame) throws IOException {
        writeString(out, frame.getClassName());
        writeString(out, frame.getMethodName());
        writeNullableString(out, frame.getFileName());
        out.writeInt(frame.getLineNumber());
    }

    private static void writeAddress(DataOutput out, InetAddress address) throws IOException {
        // the name only if it was given, so that the other side never looks one up
        String text = address.toString();
        String host = text.startsWith("/") ? null : text.substring(0, text.indexOf('/'));
        writeNullableString(out, host);
        writeBytes(out, address.getAddress());
    }

    private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static void writeString(DataOutput out, String s) throws IOException {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    static void writeNullableString(DataOutput out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeString(out, s);
        }
    }

    // ---------------------------------------------------------------- decoding

    /** Reads a value; a reference is wrapped in a stand-in made for {@code declared}. */
    public Object read(DataInput in, Class<?> declared) throws IOException {
        return read(in, declared, 0);
    }

    private Object read(DataInput in, Class<?> declared, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("a value nested deeper than " + MAX_DEPTH + " levels");
        }
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case BYTE:
                return in.readByte();
            case SHORT:
                return in.readShort();
            case CHAR:
                return in.readChar();
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case FLOAT:
                return in.readFloat();
            case DOUBLE:
                return in.readDouble();
            case STRING:
                return readString(in);
            case BYTES:
                return readBytes(in);
            case ARRAY:
                return readArray(in, depth);
            case LIST: {
                boolean unmodifiable = in.readBoolean();
                List<Object> list = new ArrayList<>(readElements(in, depth));
                return unmodifiable ? Collections.unmodifiableList(list) : list;
            }
            case SET: {
                boolean unmodifiable = in.readBoolean();
                Set<Object> set = new LinkedHashSet<>(readElements(in, depth));
                return unmodifiable ? Collections.unmodifiableSet(set) : set;
            }
            case MAP: {
                boolean unmodifiable = in.readBoolean();
                int size = count(in);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    Object key = read(in, Object.class, depth + 1);
                    map.put(key, read(in, Object.class, depth + 1));
                }
                return unmodifiable ? Collections.unmodifiableMap(map) : map;
            }
            case OPTIONAL:
                return in.readBoolean() ? Optional.ofNullable(read(in, Object.class, depth + 1)) : Optional.empty();
            case OPTIONAL_INT:
                return in.readBoolean() ? OptionalInt.of(in.readInt()) : OptionalInt.empty();
            case OPTIONAL_LONG:
                return in.readBoolean() ? OptionalLong.of(in.readLong()) : OptionalLong.empty();
            case OPTIONAL_DOUBLE:
                return in.readBoolean() ? OptionalDouble.of(in.readDouble()) : OptionalDouble.empty();
            case DURATION:
                return Duration.ofSeconds(in.readLong(), in.readInt());
            case INSTANT:
                return Instant.ofEpochSecond(in.readLong(), in.readInt());
            case PATH:
                return Path.of(readString(in));
            case INET_ADDRESS:
                return readAddress(in);
            case INET_SOCKET_ADDRESS: {
                String host = readString(in);
                int port = in.readInt();
                if (in.readBoolean()) {
                    return InetSocketAddress.createUnresolved(host, port);
                }
                return new InetSocketAddress(readAddress(in), port);
            }
            case BIG_INTEGER:
                return new BigInteger(readBytes(in));
            case BIG_DECIMAL:
                return new BigDecimal(new BigInteger(readBytes(in)), in.readInt());
            case ENUM:
                return readEnum(in);
            case CLASS: {
                String name = readString(in);
                Class<?> type = primitive(name);
                if (type == null) {
                    type = references.valueClass(name, ValueKind.CLASS);
                }
                if (type == null) {
                    throw new IOException("the class " + name + " does not exist on this side");
                }
                return type;
            }
            case STACK_FRAME:
                return readFrame(in);
            case THROWABLE:
                return readThrowable(in, depth);
            case RECORD:
                return readRecord(in, depth);
            case REF: {
                long id = in.readLong();
                String className = readString(in);
                int count = count(in);
                List<String> interfaces = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    interfaces.add(readString(in));
                }
                return references.standIn(id, className, interfaces, declared == null ? Object.class : declared);
            }
            case BACK:
                return references.exported(in.readLong());
            default:
                throw new IOException("unknown value tag " + tag);
        }
    }

    private List<Object> readElements(DataInput in, int depth) throws IOException {
        int size = count(in);
        List<Object> elements = new ArrayList<>(Math.min(size, 1024));
        for (int i = 0; i < size; i++) {
            elements.add(read(in, Object.class, depth + 1));
        }
        return elements;
    }

    private Object readArray(DataInput in, int depth) throws IOException {
        String component = readString(in);
        int length = count(in);
        Class<?> type = primitive(component);
        if (type == null) {
            type = arrayComponent(component);
        }
        Object array = Array.newInstance(type, length);
        for (int i = 0; i < length; i++) {
            Object element = read(in, type.isPrimitive() ? Object.class : type, depth + 1);
            try {
                Array.set(array, i, element);
            } catch (IllegalArgumentException e) {
                throw new IOException("an element of type " + (element == null ? "null" : element.getClass().getName())
                        + " in an array of " + component, e);
            }
        }
        return array;
    }

    /** The component type of an array: a JDK or accepted value class, else Object. */
    private Class<?> arrayComponent(String name) {
        try {
            if (name.startsWith("java.") || name.startsWith("[")) {
                return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
            }
        } catch (ClassNotFoundException e) {
            return Object.class;
        }
        Class<?> type = references.valueClass(name, ValueKind.CLASS);
        return type != null ? type : Object.class;
    }

    private Object readEnum(DataInput in) throws IOException {
        String className = readString(in);
        String name = readString(in);
        Class<?> type = references.valueClass(className, ValueKind.ENUM);
        if (type == null || !type.isEnum()) {
            throw new IOException("the enum " + className + " is not one this side knows");
        }
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new IOException(className + " has no constant " + name + " on this side");
    }

    private Object readRecord(DataInput in, int depth) throws IOException {
        String className = readString(in);
        int count = count(in);
        Class<?> type = references.valueClass(className, ValueKind.RECORD);
        if (type == null || !type.isRecord()) {
            throw new IOException("the record " + className + " is not one this side knows");
        }
        RecordShape shape = RecordShape.of(type);
        if (shape.size() != count) {
            throw new IOException("the other side's " + className + " has " + count + " components, this side's "
                    + shape.size() + ": the given record was changed");
        }
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            values[i] = read(in, shape.types()[i], depth + 1);
        }
        if (shape.canonical() == null) {
            throw new IOException("cannot rebuild a " + className + ": it has no canonical constructor here");
        }
        try {
            return shape.canonical().newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IOException("a " + type.getSimpleName() + " the other side sent is not valid: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IOException("cannot rebuild a " + className + " from " + Arrays.toString(values), e);
        }
    }

    private Throwable readThrowable(DataInput in, int depth) throws IOException {
        int chainLength = count(in);
        List<String> chain = new ArrayList<>();
        for (int i = 0; i < chainLength; i++) {
            chain.add(readString(in));
        }
        String message = readNullableString(in);
        Throwable cause = (Throwable) read(in, Throwable.class, depth + 1);
        int suppressedCount = count(in);
        List<Throwable> suppressed = new ArrayList<>();
        for (int i = 0; i < suppressedCount; i++) {
            suppressed.add((Throwable) read(in, Throwable.class, depth + 1));
        }
        int frameCount = count(in);
        StackTraceElement[] frames = new StackTraceElement[frameCount];
        for (int i = 0; i < frameCount; i++) {
            frames[i] = readFrame(in);
        }
        int extraCount = count(in);
        Map<String, Object> extras = new LinkedHashMap<>();
        for (int i = 0; i < extraCount; i++) {
            String name = readString(in);
            extras.put(name, read(in, Object.class, depth + 1));
        }
        Throwable rebuilt = rebuild(chain, message, cause, extras.values());
        rebuilt.setStackTrace(frames);
        for (Throwable s : suppressed) {
            if (s != null && s != rebuilt) {
                rebuilt.addSuppressed(s);
            }
        }
        if (!chain.isEmpty() && !chain.get(0).equals(rebuilt.getClass().getName())) {
            ORIGINAL.put(rebuilt, chain.get(0));
        }
        return rebuilt;
    }

    /** The nearest class of the chain this side accepts, made with the message, cause and extras. */
    private Throwable rebuild(List<String> chain, String message, Throwable cause, Collection<Object> extras) {
        for (String name : chain) {
            Class<?> type = references.valueClass(name, ValueKind.THROWABLE);
            if (type == null || !Throwable.class.isAssignableFrom(type)
                    || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            Throwable made = construct(type, message, cause, extras);
            if (made != null) {
                if (cause != null && made.getCause() == null) {
                    try {
                        made.initCause(cause);
                    } catch (IllegalStateException | IllegalArgumentException e) {
                        // its constructor fixed the cause already
                    }
                }
                return made;
            }
        }
        return new RuntimeException(message, cause);
    }

    /**
     * A constructor whose every parameter the message, the cause or an extra value fills: one that
     * keeps both the message and the cause if there is one, else one that keeps the message.
     */
    private static Throwable construct(Class<?> type, String message, Throwable cause, Collection<Object> extras) {
        Constructor<?>[] constructors = type.getConstructors();
        Arrays.sort(constructors, (a, b) -> b.getParameterCount() - a.getParameterCount());
        for (boolean needCause : new boolean[] {cause != null, false}) {
            for (Constructor<?> constructor : constructors) {
                Object[] args = fill(constructor.getParameterTypes(), message, cause, extras, needCause);
                if (args == null) {
                    continue;
                }
                try {
                    return (Throwable) constructor.newInstance(args);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // try the next one
                }
            }
        }
        return null;
    }

    private static Object[] fill(Class<?>[] types, String message, Throwable cause, Collection<Object> extras,
                                 boolean needCause) {
        Object[] args = new Object[types.length];
        boolean messageUsed = false;
        boolean causeUsed = false;
        List<Object> unused = new ArrayList<>(extras);
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t == String.class && !messageUsed) {
                args[i] = message;
                messageUsed = true;
            } else if (Throwable.class.isAssignableFrom(t) && !causeUsed && (cause == null || t.isInstance(cause))) {
                args[i] = cause;
                causeUsed = true;
            } else {
                Object match = unused.stream().filter(t::isInstance).findFirst().orElse(null);
                if (match == null) {
                    return null;
                }
                unused.remove(match);
                args[i] = match;
            }
        }
        // a message or a cause lost is a worse rebuild than another constructor's
        if (message != null && !messageUsed || needCause && !causeUsed) {
            return null;
        }
        return args;
    }

    private static StackTraceElement readFrame(DataInput in) throws IOException {
        String className = readString(in);
        String method = readString(in);
        String file = readNullableString(in);
        int line = in.readInt();
        return new StackTraceElement(className, method, file, line);
    }

    private static InetAddress readAddress(DataInput in) throws IOException {
        String host = readNullableString(in);
        byte[] bytes = readBytes(in);
        try {
            return InetAddress.getByAddress(host, bytes);
        } catch (UnknownHostException e) {
            throw new IOException("an address of " + bytes.length + " bytes", e);
        }
    }

    private static Class<?> primitive(String name) {
        return switch (name) {
            case "boolean" -> boolean.class;
            case "byte" -> byte.class;
            case "short" -> short.class;
            case "char" -> char.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "float" -> float.class;
            case "double" -> double.class;
            case "void" -> void.class;
            default -> null;
        };
    }

    private static int count(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ELEMENTS) {
            throw new IOException("a count of " + n + " elements is out of bounds");
        }
        return n;
    }

    static byte[] readBytes(DataInput in) throws IOException {
        byte[] bytes = new byte[count(in)];
        in.readFully(bytes);
        return bytes;
    }

    static String readString(DataInput in) throws IOException {
        return new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
    }

    static String readNullableString(DataInput in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }
}
