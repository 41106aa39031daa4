package conclab.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The points held by the hidden tests, per exercise, as the public test resources declare them
 * in {@value #RESOURCE} ({@code udp=8}). Students see the number, never the tests; the grader's
 * {@code SuiteConventionsTest} checks the file against the hidden tests it bundles.
 */
public final class HiddenPoints {

    /** Where the public tests' resources declare the hidden points. */
    public static final String RESOURCE = "conclab-hidden-points.properties";

    private HiddenPoints() {
    }

    /** The declared hidden points per exercise; empty when the file is absent. */
    public static Map<String, Integer> load(ClassLoader loader) {
        Map<String, Integer> points = new TreeMap<>();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return points;
            }
            Properties properties = new Properties();
            properties.load(in);
            for (String exercise : properties.stringPropertyNames()) {
                points.put(exercise, Integer.parseInt(properties.getProperty(exercise).trim()));
            }
            return points;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
