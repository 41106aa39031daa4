package conclab.boundary;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * What the codec needs of a record class, looked up once per class: a schedule of a few dozen
 * segments crosses thousands of times in a grading, and the reflection behind each lookup
 * (components, accessors, the canonical constructor) costs more than writing the values.
 *
 * @param names       the components' names, in order
 * @param types       their declared types
 * @param accessors   their accessors, made accessible
 * @param canonical   the canonical constructor, made accessible; {@code null} if it cannot be
 *                    (the error then comes when one is rebuilt)
 */
record RecordShape(String[] names, Class<?>[] types, Method[] accessors, Constructor<?> canonical) {

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            Class<?>[] types = new Class<?>[components.length];
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                types[i] = components[i].getType();
                accessors[i] = components[i].getAccessor();
                accessible(accessors[i]);
            }
            Constructor<?> canonical;
            try {
                canonical = type.getDeclaredConstructor(types);
                accessible(canonical);
            } catch (NoSuchMethodException e) {
                canonical = null;
            }
            return new RecordShape(names, types, accessors, canonical);
        }
    };

    /** The shape of {@code type}, a record class. */
    static RecordShape of(Class<?> type) {
        return SHAPES.get(type);
    }

    int size() {
        return names.length;
    }

    private static void accessible(java.lang.reflect.AccessibleObject member) {
        try {
            member.setAccessible(true);
        } catch (RuntimeException e) {
            // a public record of a module that is not open: its public members need none
        }
    }
}
