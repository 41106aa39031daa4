package conclab.harness;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Student-facing texts, from message bundles so that they can be translated. The harness's own
 * texts are in {@code conclab/harness/messages.properties}; each test class's hints and messages
 * are in the bundle named after the class ({@link Say}). The locale is the JVM's default unless
 * the system property {@value #LOCALE_PROPERTY} names one ({@code zh-CN}, or Java's {@code zh_CN}),
 * and English wherever the student's console cannot show the chosen language ({@link #locale()}).
 *
 * <p>Placeholders are {@code {0}}, {@code {1}}, ... and nothing else: each is replaced by its
 * argument's {@code String.valueOf}. Unlike {@code MessageFormat}, a quote is just a quote
 * ({@code the job's time}) and a number is never grouped ({@code 1024}, not {@code 1,024}).
 */
public final class Messages {

    /** System property that chooses the students' language: {@code zh_CN}, {@code zh-CN}, {@code en}. */
    public static final String LOCALE_PROPERTY = "conclab.locale";

    /**
     * System property naming a file that holds the charset of the console the student reads,
     * written by the students' build in Maven's JVM (which has that console) for the test JVM
     * (which has none): where that charset cannot show the chosen language, the tests speak
     * English, so a student never reads {@code ????}.
     */
    public static final String CONSOLE_PROPERTY = "conclab.console.file";

    private static final String HARNESS_BUNDLE = "conclab.harness.messages";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");
    // Only .properties files: a bundle named after a test class must never load the class itself.
    // No fallback to the JVM's locale: English asked for on a Chinese system is English.
    private static final ResourceBundle.Control PROPERTIES_ONLY =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Map<String, Charset> CONSOLES = new ConcurrentHashMap<>();

    private Messages() {
    }

    /** The locale the student asked for: {@value #LOCALE_PROPERTY}, else the JVM's default. */
    public static Locale requested() {
        String tag = System.getProperty(LOCALE_PROPERTY, "").trim();
        // zh_CN is how Java writes a locale, zh-CN the tag that forLanguageTag reads
        return tag.isEmpty() ? Locale.getDefault() : Locale.forLanguageTag(tag.replace('_', '-'));
    }

    /**
     * The locale the students read: the one {@linkplain #requested() asked for}, or English where
     * the console named by {@value #CONSOLE_PROPERTY} cannot show it.
     */
    public static Locale locale() {
        Charset console = console();
        return console == null ? requested() : readableOn(console, requested());
    }

    /** {@code wanted}, or English ({@link Locale#ROOT}) if {@code console} cannot show its texts. */
    public static Locale readableOn(Charset console, Locale wanted) {
        return console.newEncoder().canEncode(get(wanted, "console.sample")) ? wanted : Locale.ROOT;
    }

    private static Charset console() {
        String file = System.getProperty(CONSOLE_PROPERTY, "").trim();
        if (file.isEmpty()) {
            return null;
        }
        return CONSOLES.computeIfAbsent(file, name -> {
            try {
                String charset = Files.readString(Path.of(name), StandardCharsets.UTF_8).strip();
                return Charset.isSupported(charset) ? Charset.forName(charset) : StandardCharsets.UTF_8;
            } catch (IOException | RuntimeException e) {
                return StandardCharsets.UTF_8; // no word from the build: as if there were no limit
            }
        });
    }

    /** A harness text in the students' language, its placeholders replaced by {@code args}. */
    public static String get(String key, Object... args) {
        return get(locale(), key, args);
    }

    /** A harness text in {@code locale}. */
    public static String get(Locale locale, String key, Object... args) {
        return format(bundle(HARNESS_BUNDLE, locale, Messages.class.getClassLoader()).getString(key), args);
    }

    /**
     * The hint {@code key} from the bundle next to {@code testClass}. A missing bundle or key is
     * a defect of the test suite, shown as such rather than failing the student's test.
     */
    public static String hint(Class<?> testClass, String key) {
        return text(testClass, key, "hint.missing");
    }

    /** The text {@code key} of the bundle named after {@code owner} (its outermost class). */
    static String text(Class<?> owner, String key, String missing, Object... args) {
        Class<?> outer = outermost(owner);
        try {
            return format(bundle(outer.getName(), locale(), outer.getClassLoader()).getString(key), args);
        } catch (MissingResourceException e) {
            return get(missing, key, outer.getName());
        }
    }

    /** {@code pattern} with {@code {0}}, {@code {1}}, ... replaced by the arguments. */
    public static String format(String pattern, Object... args) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int i = m.group(1).charAt(0) - '0';
            m.appendReplacement(out, Matcher.quoteReplacement(i < args.length ? String.valueOf(args[i]) : m.group()));
        }
        return m.appendTail(out).toString();
    }

    static Class<?> outermost(Class<?> type) {
        Class<?> outer = type;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        return outer;
    }

    private static ResourceBundle bundle(String name, Locale locale, ClassLoader loader) {
        return ResourceBundle.getBundle(name, locale, loader, PROPERTIES_ONLY);
    }
}
