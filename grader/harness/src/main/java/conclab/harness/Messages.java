package conclab.harness;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Student-facing texts, from message bundles so that they can be translated. The harness's own
 * texts are in {@code conclab/harness/messages.properties}; each test class's hints are in the
 * bundle named after the class. The locale is the JVM's default unless the system property
 * {@value #LOCALE_PROPERTY} names one (e.g. {@code zh-CN}).
 */
public final class Messages {

    /** System property that chooses the students' language, as a BCP 47 tag. */
    public static final String LOCALE_PROPERTY = "conclab.locale";

    private static final String HARNESS_BUNDLE = "conclab.harness.messages";
    // Only .properties files: a bundle named after a test class must never load the class itself.
    private static final ResourceBundle.Control PROPERTIES_ONLY =
            ResourceBundle.Control.getControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    /** The locale the students read. */
    public static Locale locale() {
        String tag = System.getProperty(LOCALE_PROPERTY, "").trim();
        return tag.isEmpty() ? Locale.getDefault() : Locale.forLanguageTag(tag);
    }

    /** A harness text, formatted with {@link MessageFormat} and the given arguments. */
    public static String get(String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(
                HARNESS_BUNDLE, locale(), Messages.class.getClassLoader(), PROPERTIES_ONLY);
        return new MessageFormat(bundle.getString(key), locale()).format(args);
    }

    /**
     * The hint {@code key} from the bundle next to {@code testClass}. A missing bundle or key is
     * a defect of the test suite, shown as such rather than failing the student's test.
     */
    public static String hint(Class<?> testClass, String key) {
        Class<?> outer = testClass;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        try {
            return ResourceBundle.getBundle(outer.getName(), locale(), outer.getClassLoader(),
                    PROPERTIES_ONLY).getString(key);
        } catch (MissingResourceException e) {
            return get("hint.missing", key, outer.getName());
        }
    }
}
