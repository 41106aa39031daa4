package conclab.grader.fork;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
 * <p>The load is the machine's as the grading began, read once: the grading's own test JVMs,
 * side by side, load it too, and a submission that spins everywhere would otherwise stretch
 * every later bound by its own spinning. A correct test that a load arriving later slows past
 * its bound loses nothing: it runs again at the end with its declared timeout.
 *
 * @param referenceMs the reference solution's time per test id, as the build measured it
 * @param scale       the run's timing scale (>= 1), for slow machines
 * @param load        the machine's load average per core as the grading began, at least 1
 */
public record TestTimeouts(Map<String, Long> referenceMs, double scale, double load) {

    /** Timeouts on an idle machine. */
    public TestTimeouts(Map<String, Long> referenceMs, double scale) {
        this(referenceMs, scale, 1);
    }

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

    private static final Pattern SKIPPED = Pattern.compile("<!\\[CDATA\\[.*?]]>|<!--.*?-->", Pattern.DOTALL);
    private static final Pattern TEST_CASE = Pattern.compile("<testcase((?:\\s+[\\w:.-]+\\s*=\\s*\"[^\"]*\")*)\\s*/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:.-]+)\\s*=\\s*\"([^\"]*)\"");

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
        return new TestTimeouts(Map.copyOf(durations), scale, machineLoad());
    }

    /**
     * Reads the {@code testcase} elements' three attributes with patterns, not an XML parser: the
     * reports are Surefire's, machine-written, and a cold XML parser costs some 100 ms of CPU at
     * the start of every grading, when the compiler and JUnit's start-up need both cores.
     * Character data and comments, where a test's output could look like an element, are skipped.
     */
    private static void read(Path report, Map<String, Long> durations) throws IOException {
        String xml = SKIPPED.matcher(Files.readString(report)).replaceAll("");
        Matcher testCase = TEST_CASE.matcher(xml);
        while (testCase.find()) {
            Map<String, String> attributes = new HashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(testCase.group(1));
            while (attribute.find()) {
                attributes.put(attribute.group(1), unescape(attribute.group(2)));
            }
            String name = attributes.get("name");
            String className = attributes.get("classname");
            String time = attributes.get("time");
            if (name == null || className == null || time == null) {
                throw new IOException("unreadable test report " + report.getFileName()
                        + ": a testcase without name, classname or time: " + testCase.group());
            }
            long ms;
            try {
                ms = Math.round(Double.parseDouble(time) * 1000);
            } catch (NumberFormatException e) {
                throw new IOException("unreadable test report " + report.getFileName() + ": time \""
                        + time + "\" of " + className + " " + name + " is not a number", e);
            }
            // "method(TestReporter)", "method()[2]": the id has the method's name alone
            durations.merge(className + "#" + name.split("[(\\[]", 2)[0], ms, Math::max);
        }
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&");
    }

    /** How long {@code test} is expected to take, in ms: the reference's time, 0 when unknown. */
    long expectedMs(PlannedTest test) {
        return referenceMs.getOrDefault(test.id(), 0L);
    }

    /** How long {@code test} may run before the parent kills its test JVM, in ms. */
    long allowedMs(PlannedTest test) {
        Long reference = referenceMs.get(test.id());
        if (reference == null) {
            return test.timeoutMs();
        }
        long base = Math.max(FLOOR_MS, Math.max(FACTOR * reference, PACKAGE_FACTOR * packageMs(test)));
        return Math.min(test.timeoutMs(), (long) (base * scale * load));
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

    /** The load average per core now, at least 1: a busy machine runs every test slower. */
    private static double machineLoad() {
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
