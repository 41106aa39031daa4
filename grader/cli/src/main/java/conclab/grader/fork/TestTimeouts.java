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
 * {@value #PACKAGE_FACTOR} times the longest the reference took on one test of its package (tests
 * share work through static caches, a child JVM's run or a server started once, and which test
 * pays for it depends on the order and the forks: the one that paid shows what it costs), and {@value #FLOOR_MS} ms; times the timing scale and the machine's load (the load
 * average per core, when above 1); never more than the declared timeout. A wait the test
 * announces moves that point past the wait's end.
 *
 * @param referenceMs the reference solution's time per test id, as the build measured it
 * @param scale       the run's timing scale (>= 1), for slow machines
 */
public record TestTimeouts(Map<String, Long> referenceMs, double scale) {

    static final int FACTOR = 5;
    static final int PACKAGE_FACTOR = 2;
    /**
     * The least a test is allowed, for the work around the calls (a server started, a child JVM
     * launched) that the reference's time on one test may not show. A test that waits longer on
     * purpose (a wrong implementation failing after a bounded wait of the test's own) announces
     * the wait (conclab.harness.BoundedWait), and the parent lets it run {@link #afterWaitMs}
     * past its end.
     */
    static final long FLOOR_MS = 2000;

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

    /** The longest the reference took on one test of {@code test}'s package. */
    private long packageMs(PlannedTest test) {
        String pkg = test.id().substring(0, test.id().lastIndexOf('.', test.id().indexOf('#')) + 1);
        return referenceMs.entrySet().stream().filter(e -> e.getKey().startsWith(pkg))
                .mapToLong(Map.Entry::getValue).max().orElse(0);
    }

    /** How long a test may go on after a wait it announced, in ms: the floor, times the scale. */
    long afterWaitMs() {
        return (long) (FLOOR_MS * scale);
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
                + " and the " + packageMs(test) + " ms of the slowest test of its package (at least " + FLOOR_MS + " ms"
                + (scale > 1 ? ", times the timing scale " + scale : "")
                + "; the test's own timeout is " + test.timeoutMs() + " ms),";
    }
}
