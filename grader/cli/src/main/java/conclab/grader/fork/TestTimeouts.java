package conclab.grader.fork;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * How long the parent lets each test run. A test's declared timeout is written for a slow
 * machine and a slow but correct solution (tens of seconds); a submission that hangs in every
 * test would pay it every time. So where the build recorded how long the reference solution
 * took on a test, the parent allows the longest of: {@value #FACTOR} times that,
 * {@value #PACKAGE_FACTOR} times what the reference took on all the tests of its package (tests
 * share work through static caches, and which test pays for it depends on the order and the
 * forks), and {@value #FLOOR_MS} ms; times the timing scale and the machine's load (the load
 * average per core, when above 1); never more than the declared timeout.
 *
 * @param referenceMs the reference solution's time per test id, as the build measured it
 * @param scale       the run's timing scale (>= 1), for slow machines
 */
public record TestTimeouts(Map<String, Long> referenceMs, double scale) {

    static final int FACTOR = 5;
    static final int PACKAGE_FACTOR = 2;
    /**
     * A wrong implementation fails many tests cleanly after a bounded wait of its own (async
     * waits up to 3 s, times the timing scale): a floor below that turned such failures into
     * hangs, and two of them gave up the rest of the exercise.
     */
    static final long FLOOR_MS = 5000;

    /**
     * The timeouts derived from the reference's test times that the build bundled: Surefire's
     * reports of the reference's own run, {@code TEST-*.xml} in {@code folder}. Without them
     * (the build skipped that run), every test keeps its declared timeout.
     */
    public static TestTimeouts fromSurefireReports(Path folder, double scale) throws IOException {
        Map<String, Long> durations = new HashMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> reports = Files.list(folder)) {
                for (Path report : reports.filter(p -> p.getFileName().toString().endsWith(".xml")).toList()) {
                    read(report, durations);
                }
            }
        }
        return new TestTimeouts(Map.copyOf(durations), scale);
    }

    private static void read(Path report, Map<String, Long> durations) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
            NodeList cases = factory.newDocumentBuilder().parse(report.toFile()).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                // "method(TestReporter)", "method()[2]": the id has the method's name alone
                String name = testCase.getAttribute("name").split("[(\\[]", 2)[0];
                long ms = Math.round(Double.parseDouble(testCase.getAttribute("time")) * 1000);
                durations.merge(testCase.getAttribute("classname") + "#" + name, ms, Math::max);
            }
        } catch (ParserConfigurationException | SAXException | NumberFormatException e) {
            throw new IOException("unreadable test report " + report.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** How long {@code test} may run before the parent kills its test JVM, in ms. */
    long allowedMs(PlannedTest test) {
        Long reference = referenceMs.get(test.id());
        if (reference == null) {
            return test.timeoutMs();
        }
        long base = Math.max(FLOOR_MS, Math.max(FACTOR * reference, PACKAGE_FACTOR * packageMs(test)));
        return Math.min(test.timeoutMs(), (long) (base * scale * load()));
    }

    /** What the reference took on all the tests of {@code test}'s package. */
    private long packageMs(PlannedTest test) {
        String pkg = test.id().substring(0, test.id().lastIndexOf('.', test.id().indexOf('#')) + 1);
        return referenceMs.entrySet().stream().filter(e -> e.getKey().startsWith(pkg))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The load average per core, at least 1: a busy machine runs every test slower. */
    private static double load() {
        double perCore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                / Runtime.getRuntime().availableProcessors();
        return Double.isFinite(perCore) ? Math.max(1, perCore) : 1;
    }

    /** Why {@link #allowedMs} is what it is, for a student. */
    String describe(PlannedTest test) {
        return "derived from the " + referenceMs.get(test.id()) + " ms the reference solution needs on it"
                + " and the " + packageMs(test) + " ms on its package (at least " + FLOOR_MS + " ms"
                + (scale > 1 ? ", times the timing scale " + scale : "")
                + "; the test's own timeout is " + test.timeoutMs() + " ms),";
    }
}
