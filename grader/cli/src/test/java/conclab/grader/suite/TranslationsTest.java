package conclab.grader.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.harness.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every text a student reads exists in English and Simplified Chinese: each bundle of the
 * harness, the public tests and the hidden tests (as the grader bundles them) has a
 * {@code _zh_CN} twin with the same keys, and each translation keeps its text's placeholders.
 */
class TranslationsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    private static final String CHINESE = "_zh_CN";

    @TempDir
    Path unpacked;

    @Test
    void everyEnglishTextHasAChineseTwinAndBack() throws Exception {
        Map<String, Properties> bundles = bundles();
        assertEquals(List.of(), problems(bundles));
        // the harness, and at least one bundle per public and hidden test class of each exercise
        int pairs = (int) bundles.keySet().stream().filter(name -> !name.endsWith(CHINESE)).count();
        assertTrue(pairs >= 1 + 2 * TestSuite.exercisesIn(suite().stubsJar()).size(),
                "only " + pairs + " bundles found: " + bundles.keySet());
        assertTrue(bundles.containsKey("conclab/harness/messages" + CHINESE));
    }

    @Test
    void aMissingTwinKeyPlaceholderOrTranslationIsFound() {
        Map<String, Properties> bundles = new TreeMap<>();
        bundles.put("a/Lonely", properties("k", "text"));
        bundles.put("a/Test", properties("same", "{0} left", "gone", "x", "moved", "{1} of {0}",
                "copied", "Hello", "count", "{0} of {1}"));
        bundles.put("a/Test" + CHINESE, properties("same", "剩下 {0} 个", "moved", "{0} 中的 {1}",
                "copied", "Hello", "count", "{0} 个", "extra", "多"));
        bundles.put("a/Good", properties("k", "{0} passed"));
        bundles.put("a/Good" + CHINESE, properties("k", "通过 {0} 个"));
        // "moved" is fine: a translation may reorder the placeholders
        assertEquals(List.of(
                "a/Lonely has no a/Lonely_zh_CN",
                "a/Test: key 'copied' is not translated in a/Test_zh_CN",
                "a/Test: key 'count' has placeholders [0, 1] in English but [0] in Chinese",
                "a/Test: key 'extra' only in a/Test_zh_CN",
                "a/Test: key 'gone' only in a/Test"), problems(bundles).stream().sorted().toList());
    }

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    /** What is wrong with the translations among {@code bundles}, one line each. */
    private static List<String> problems(Map<String, Properties> bundles) {
        List<String> problems = new ArrayList<>();
        for (var entry : bundles.entrySet()) {
            String name = entry.getKey();
            boolean chinese = name.endsWith(CHINESE);
            String twin = chinese ? name.substring(0, name.length() - CHINESE.length()) : name + CHINESE;
            Properties other = bundles.get(twin);
            if (other == null) {
                problems.add(name + " has no " + twin);
                continue;
            }
            if (chinese) {
                continue;
            }
            Properties english = entry.getValue();
            Set<String> keys = new TreeSet<>(english.stringPropertyNames());
            keys.addAll(other.stringPropertyNames());
            for (String key : keys) {
                String en = english.getProperty(key);
                String zh = other.getProperty(key);
                if (en == null || zh == null) {
                    problems.add(name + ": key '" + key + "' only in " + (en == null ? twin : name));
                } else if (!placeholders(en).equals(placeholders(zh))) {
                    problems.add(name + ": key '" + key + "' has placeholders " + placeholders(en)
                            + " in English but " + placeholders(zh) + " in Chinese");
                } else if (zh.codePoints().noneMatch(TranslationsTest::chinese)) {
                    problems.add(name + ": key '" + key + "' is not translated in " + twin);
                }
            }
        }
        return problems;
    }

    /** A Chinese character, or Chinese punctuation (a list's separator is a full-width comma). */
    private static boolean chinese(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
    }

    @Test
    void placeholdersAreFoundWhereverTheyAre() {
        assertEquals(Set.of("0", "1"), placeholders("{1} x ''{0}''"));
        assertEquals(Set.of("0"), placeholders("a {0,number} b"));
        assertEquals(Set.of(), placeholders("none"));
    }

    private static Set<String> placeholders(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        Set<String> found = new TreeSet<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private TestSuite suite;

    private TestSuite suite() throws IOException {
        if (suite == null) {
            suite = TestSuite.unpack(unpacked);
        }
        return suite;
    }

    /** Bundle name (path without ".properties") to its texts, from the harness and both test jars. */
    private Map<String, Properties> bundles() throws Exception {
        Map<String, Properties> bundles = new TreeMap<>();
        addFromJar(suite().publicJar(), bundles);
        addFromJar(suite().hiddenJar(), bundles);
        Path harness = Path.of(Messages.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isDirectory(harness)) {
            addFromJar(harness, bundles);
            return bundles;
        }
        try (Stream<Path> walk = Files.walk(harness)) {
            for (Path file : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String name = harness.relativize(file).toString().replace('\\', '/');
                if (isBundle(name)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        bundles.put(bundleName(name), load(in));
                    }
                }
            }
        }
        return bundles;
    }

    private static void addFromJar(Path jar, Map<String, Properties> bundles) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().filter(e -> isBundle(e.getName())).toList()) {
                try (InputStream in = file.getInputStream(entry)) {
                    bundles.put(bundleName(entry.getName()), load(in));
                }
            }
        }
    }

    private static boolean isBundle(String name) {
        return name.startsWith("conclab/") && name.endsWith(".properties");
    }

    private static String bundleName(String path) {
        return path.substring(0, path.length() - ".properties".length());
    }

    /**
     * The texts of one bundle; a key written twice is refused: a message and a hint share a test
     * class's bundle, and the second would silently replace the first.
     */
    private static Properties load(InputStream in) throws IOException {
        Set<String> seen = new TreeSet<>();
        Properties properties = new Properties() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Object put(Object key, Object value) {
                if (!seen.add(String.valueOf(key))) {
                    throw new IllegalStateException("key '" + key + "' is written twice");
                }
                return super.put(key, value);
            }
        };
        properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        return properties;
    }

    @Test
    void aKeyWrittenTwiceIsRefused() {
        IllegalStateException twice = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> load(new java.io.ByteArrayInputStream("a=1\nb=2\na=3\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals("key 'a' is written twice", twice.getMessage());
    }
}
