package conclab.framing;

import static conclab.framing.FramingTestKit.frame;
import static conclab.framing.FramingTestKit.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Timing;
import conclab.harness.TimingBoundExceeded;
import conclab.harness.TimingTest;
import conclab.lab.ChildJvm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden: the reader against 10,000 random and mutated inputs, in a child JVM with a small heap
 * (see {@link FrameFuzz}). Every input ends in frames and the clean end or a FramingException,
 * within a time bound; none in another exception, an out-of-memory or a hang.
 */
@Tag("framing")
@Timeout(45)
class FrameReaderFuzzHiddenTest {

    static final long SEED = 20_250_305L;
    static final int CASES = 10_000;
    /** Far above the child's heap: a reader that allocates what a header claims runs out of memory. */
    static final int LIMIT = 64 * 1024 * 1024;
    static final String CHILD_HEAP = "-Xmx32m";
    /** One input that takes this long is a hang. */
    static final Duration HANG = Duration.ofSeconds(3);
    /** The child JVM is killed after this long, whatever it does. */
    static final Duration CHILD_LIMIT = Duration.ofSeconds(35);

    private static final Pattern OK = Pattern.compile(
            "FUZZ-OK cases=(\\d+) frames=(\\d+) protocolErrors=(\\d+) elapsedMs=(\\d+)"
                    + " calibrationMs=(\\d+) slowestCaseMs=(\\d+)");

    @TimingTest
    @Points(3)
    @Hint("fuzz")
    void survivesTenThousandRandomAndMutatedInputs(TestReporter reporter) throws Exception {
        // First in this JVM, so that an unfinished reader fails at once with its own message.
        FrameReader sanity = new FrameReader(new ByteArrayInputStream(frame(utf8("ok"), "")));
        assertEquals(Optional.of(new Frame(Map.of(), utf8("ok"))), sanity.read(),
                "a simple frame must be read before the fuzzing starts");

        List<String> command = new ArrayList<>(ChildJvm.command(FrameFuzz.class,
                String.valueOf(SEED), String.valueOf(CASES), String.valueOf(LIMIT),
                String.valueOf(HANG.toMillis()), String.valueOf(Timing.scale())));
        command.add(1, CHILD_HEAP);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            child.getOutputStream().close();
            output = drain(child.getInputStream(), child, CHILD_LIMIT);
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
        String line = output.lines().filter(l -> l.startsWith("FUZZ-")).findFirst().orElse(null);
        if (line == null) {
            fail("the fuzzing child JVM (" + CHILD_HEAP + ", seed " + SEED + ") ended without a"
                    + " verdict (exit " + exitValue(child) + "); its output:\n"
                    + shorten(output));
        }
        if (line.startsWith("FUZZ-HANG")) {
            fail("with seed " + SEED + ", one input kept read() busy for over " + HANG.toMillis()
                    + " ms: " + line.substring("FUZZ-HANG ".length()) + ". Whatever the bytes,"
                    + " read() must end: check every read() for -1 (the end of the stream).");
        }
        if (line.startsWith("FUZZ-FAIL")) {
            fail("with seed " + SEED + " in a JVM with " + CHILD_HEAP + " and a reader limit of"
                    + " 64 MiB: " + line.substring("FUZZ-FAIL ".length()) + ". A read() must end"
                    + " in a frame, Optional.empty() or a FramingException; never another"
                    + " exception (wrap the parser's), and never an OutOfMemoryError: read the"
                    + " payload as it arrives (readNBytes(size)), do not allocate what a header"
                    + " claims (new byte[size]).");
        }
        if (line.startsWith("FUZZ-SLOW")) {
            throw new TimingBoundExceeded("with seed " + SEED + ", the reader was far slower than a plain reader of the"
                    + " same inputs (" + line.substring("FUZZ-SLOW ".length()) + "; the bound is "
                    + FrameFuzz.SLOWER_FACTOR + " times the plain reader's time plus 1 s). Read"
                    + " each part once with readNBytes and parse each header once.",
                    Duration.ofMillis(field(line, "elapsedMs")), Duration.ofMillis(field(line, "boundMs")));
        }
        Matcher ok = OK.matcher(line);
        assertTrue(ok.find(), "unexpected verdict line from the fuzzing child: " + line);
        long elapsedMs = Long.parseLong(ok.group(4));
        long calibrationMs = Long.parseLong(ok.group(5));
        long boundMs = FrameFuzz.bound(calibrationMs * 1_000_000, Timing.scale()) / 1_000_000;
        reporter.publishEntry("fuzzElapsedMs", String.valueOf(elapsedMs));
        reporter.publishEntry("fuzzElapsedBoundMs", String.valueOf(boundMs));
        reporter.publishEntry("fuzzCalibrationMs", String.valueOf(calibrationMs));
        reporter.publishEntry("fuzzSlowestCaseMs", ok.group(6));
        reporter.publishEntry("fuzzSlowestCaseBoundMs", String.valueOf(HANG.toMillis()));
        reporter.publishEntry("fuzzFrames", ok.group(2));
        reporter.publishEntry("fuzzProtocolErrors", ok.group(3));
        Timing.assertWithin(Duration.ofMillis(elapsedMs), Duration.ofMillis(boundMs), CASES
                + " inputs", "A plain reader took " + calibrationMs + " ms for the same inputs."
                + " Read each part once with readNBytes and parse each header once.");
    }

    /** The number after {@code name=} in a verdict line of the fuzzing child. */
    private static long field(String line, String name) {
        Matcher m = Pattern.compile(name + "=(\\d+)").matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** All the child's output, until it exits; kills it if it has not after {@code limit}. */
    private static String drain(InputStream in, Process child, Duration limit) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    synchronized (output) {
                        if (output.size() < 1 << 20) {
                            output.write(buffer, 0, n);
                        }
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "fuzz-output");
        reader.setDaemon(true);
        reader.start();
        if (!child.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            child.destroyForcibly();
            child.waitFor(5, TimeUnit.SECONDS);
            reader.join(1000);
            synchronized (output) {
                return output.toString(StandardCharsets.UTF_8) + "\n(killed: still running after "
                        + limit.toMillis() + " ms)";
            }
        }
        reader.join(5000);
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    private static String exitValue(Process child) {
        try {
            return String.valueOf(child.exitValue());
        } catch (IllegalThreadStateException e) {
            return "still running";
        }
    }

    private static String shorten(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...";
    }
}
