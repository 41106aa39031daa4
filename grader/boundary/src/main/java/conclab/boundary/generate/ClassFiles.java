package conclab.boundary.generate;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the generators read from a class file without loading the class: which static fields are
 * compile-time constants (a {@code ConstantValue} attribute) and their values, which annotations the class carries,
 * and which classes its constant pool names.
 */
final class ClassFiles {

    /** What one class file says. */
    record Facts(Map<String, Object> constants, Set<String> annotations, Set<String> referencedClasses) {
    }

    private ClassFiles() {
    }

    static Facts read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        Object[] values = new Object[count];
        int[] stringIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8 -> stringIndex[i] = in.readUnsignedShort();
                case 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3 -> values[i] = in.readInt();
                case 4 -> values[i] = in.readFloat();
                case 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5 -> {
                    values[i] = in.readLong();
                    i++; // eight-byte constants take two entries
                }
                case 6 -> {
                    values[i] = in.readDouble();
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        for (int i = 1; i < count; i++) {
            if (stringIndex[i] != 0) {
                values[i] = utf8[stringIndex[i]];
            }
        }
        Set<String> referenced = new HashSet<>();
        for (int i = 1; i < count; i++) {
            if (classNameIndex[i] != 0 && utf8[classNameIndex[i]] != null) {
                referenced.add(utf8[classNameIndex[i]].replace('/', '.'));
            }
        }
        in.readUnsignedShort(); // access
        in.readUnsignedShort(); // this
        in.readUnsignedShort(); // super
        int interfaces = in.readUnsignedShort();
        for (int i = 0; i < interfaces; i++) {
            in.readUnsignedShort();
        }
        Map<String, Object> constants = new HashMap<>();
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
            in.readUnsignedShort();
            String name = utf8[in.readUnsignedShort()];
            in.readUnsignedShort();
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if ("ConstantValue".equals(attribute)) {
                    constants.put(name, values[in.readUnsignedShort()]);
                    in.skipNBytes(length - 2);
                } else {
                    in.skipNBytes(length);
                }
            }
        }
        int methods = in.readUnsignedShort();
        for (int i = 0; i < methods; i++) {
            in.readUnsignedShort();
            in.readUnsignedShort();
            in.readUnsignedShort();
            skipAttributes(in);
        }
        Set<String> annotations = new HashSet<>();
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            String attribute = utf8[in.readUnsignedShort()];
            int length = in.readInt();
            if ("RuntimeVisibleAnnotations".equals(attribute) || "RuntimeInvisibleAnnotations".equals(attribute)) {
                byte[] body = in.readNBytes(length);
                DataInputStream annotationsIn = new DataInputStream(new ByteArrayInputStream(body));
                int n = annotationsIn.readUnsignedShort();
                for (int k = 0; k < n; k++) {
                    String descriptor = utf8[annotationsIn.readUnsignedShort()];
                    annotations.add(descriptor.substring(1, descriptor.length() - 1).replace('/', '.'));
                    skipElementValuePairs(annotationsIn);
                }
            } else {
                in.skipNBytes(length);
            }
        }
        return new Facts(constants, annotations, referenced);
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt());
        }
    }

    private static void skipElementValuePairs(DataInputStream in) throws IOException {
        int pairs = in.readUnsignedShort();
        for (int p = 0; p < pairs; p++) {
            in.readUnsignedShort();
            skipElementValue(in);
        }
    }

    private static void skipElementValue(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 's', 'c' -> in.readUnsignedShort();
            case 'e' -> {
                in.readUnsignedShort();
                in.readUnsignedShort();
            }
            case '@' -> {
                in.readUnsignedShort();
                skipElementValuePairs(in);
            }
            case '[' -> {
                int n = in.readUnsignedShort();
                for (int i = 0; i < n; i++) {
                    skipElementValue(in);
                }
            }
            default -> throw new IOException("unknown annotation element tag " + (char) tag);
        }
    }
}
