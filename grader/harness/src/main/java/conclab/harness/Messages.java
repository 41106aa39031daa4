package conclab.harness;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Student-facing texts, from message bundles so that they can be translated. The harness's own
 * texts are in {@code conclab/harness/messages.properties}; each test class's hints are in the
 * bundle named after the class. The locale is the JVM's default unless the system property
 * {@value #LOCALE_PROPERTY} names one ({@code zh-CN}, or Java's {@code zh_CN}).
 */
public final class Messages {

    /** System property that chooses the students' language: {@code zh_CN}, {@code zh-CN}, {@code en}. */
    public static final String LOCALE_PROPERTY = "conclab.locale";

    private static final String HARNESS_BUNDLE = "conclab.harness.messages";
    // Only .properties files: a bundle named after a test class must never load the class itself.
    // No fallback to the JVM's locale: English asked for on a Chinese system is English.
    private static final ResourceBundle.Control PROPERTIES_ONLY =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    /** The locale the students read. */
    public static Locale locale() {
        String tag = System.getProperty(LOCALE_PROPERTY, "").trim();
        // zh_CN is how Java writes a locale, zh-CN the tag that forLanguageTag reads
        return tag.isEmpty() ? Locale.getDefault() : Locale.forLanguageTag(tag.replace('_', '-'));
    }

    /** A harness text, formatted with {@link MessageFormat} and the given arguments. */
    public static String get(String key, Object... args) {
        return get(locale(), key, args);
    }

    /** A harness text in {@code locale}. */
    public static String get(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(
                HARNESS_BUNDLE, locale, Messages.class.getClassLoader(), PROPERTIES_ONLY);
        return new MessageFormat(bundle.getString(key), locale).format(args);
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
