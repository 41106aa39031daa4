package conclab.framing;

import static conclab.framing.FramingTestKit.frame;
import static conclab.framing.FramingTestKit.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.framing.FrameFuzz.Case;
import conclab.framing.FramingTestKit.Pieces;
import conclab.harness.BoundedWait;
import conclab.harness.CallDidNotReturn;
import conclab.harness.CodeUnderTest;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.harness.Timing;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden: the reader against 2,000 random and mutated inputs (see {@link FrameFuzz}), delivered
 * whole or in random pieces, each judged by what a correct reader makes of it: the frames that
 * are there and the clean end, the frames before a broken one and a FramingException, never
 * another exception, never a hang, never reading past the frame it returns, never allocating
 * what a header claims.
 *
 * <p>It runs in the test's JVM, through the reader's API only: in the grader each read of a
 * piecewise stream crosses into the submission's JVM, which is why the inputs are a few thousand
 * (a few seconds even then), and why memory is judged by the bytes the reading thread allocated
 * ({@link CodeUnderTest#allocatedBytes}) rather than by a small heap.
 */
@Tag("framing")
@Timeout(45)
class FrameReaderFuzzHiddenTest {

    /** The texts this class hands to BoundedWait and adds to its sentence, in the student's language. */
    private static final Say SAY = Say.of(FrameReaderFuzzHiddenTest.class);

    static final long SEED = 20_250_305L;
    static final int CASES = 2_000;
    /** The readers' payload limit: a reader that allocates what a header claims takes megabytes. */
    static final int LIMIT = 64 * 1024 * 1024;
    /** Inputs longer than this are delivered whole: in pieces, every read would cross over. */
    static final int PIECEWISE_AT_MOST = 4096;
    /** What reading one input may allocate: a header's parse and buffers, and a share per byte. */
    static final long ALLOCATION_SLACK = 1 << 20;
    static final long ALLOCATION_PER_INPUT_BYTE = 64;
    /** The first inputs load the reader's and Jackson's classes: their allocation is not judged. */
    static final int WARM_UP_CASES = 50;
    /** No input holds more frames than this; a reader that finds more loops on something. */
    static final int MAX_FRAMES = 64;

    @Test
    @Points(3)
    @Hint("fuzz")
    void survivesRandomAndMutatedInputs(TestReporter reporter) throws Exception {
        // First a plain frame, so that an unfinished reader fails at once with its own message.
        FrameReader sanity = new FrameReader(new ByteArrayInputStream(frame(utf8("ok"), "")));
        assertEquals(Optional.of(new Frame(Map.of(), utf8("ok"))), sanity.read(),
                "a simple frame must be read before the fuzzing starts");

        Fuzzing fuzzing = new Fuzzing();
        Duration bound = Timing.upperBound(Duration.ofSeconds(3));
        String failure;
        long start = System.nanoTime();
        try {
            failure = BoundedWait.within(bound, SAY.text("fuzz.what", CASES), SAY.text("fuzz.advice"),
                    fuzzing::run);
        } catch (CallDidNotReturn e) {
            Case stuck = fuzzing.current;
            throw new CallDidNotReturn(e.getMessage() + (stuck == null ? ""
                    : SAY.text("fuzz.stuck", stuck.describe(), SEED)), bound);
        }
        long elapsed = System.nanoTime() - start;
        reporter.publishEntry("fuzzElapsedMs", String.valueOf(elapsed / 1_000_000));
        reporter.publishEntry("fuzzElapsedBoundMs", String.valueOf(bound.toMillis()));
        reporter.publishEntry("fuzzFrames", String.valueOf(fuzzing.frames));
        reporter.publishEntry("fuzzProtocolErrors", String.valueOf(fuzzing.protocolErrors));
        reporter.publishEntry("fuzzPiecewiseInputs", String.valueOf(fuzzing.piecewise));
        reporter.publishEntry("fuzzAllocatedMaxBytes", fuzzing.allocationCounted
                ? String.valueOf(fuzzing.mostAllocated) : "unavailable");
        if (failure != null) {
            fail("with seed " + SEED + ", " + failure);
        }
    }

    /** The fuzzing, on the thread that calls the reader; what it saw, for the report. */
    private static final class Fuzzing {

        volatile Case current;
        int frames;
        int protocolErrors;
        int piecewise;
        long mostAllocated;
        boolean allocationCounted = true;

        /** Reads every input; the first failure, described, or null. */
        String run() {
            FrameFuzz inputs = new FrameFuzz(SEED, LIMIT);
            Thread self = Thread.currentThread();
            for (int i = 0; i < CASES; i++) {
                Case c = inputs.next();
                boolean whole = inputs.nextWhole() || c.input().length > PIECEWISE_AT_MOST;
                long seed = inputs.nextSeed();
                Pieces pieces = whole ? null : Pieces.random(c.input(), seed, 64);
                InputStream in = whole ? new ByteArrayInputStream(c.input()) : pieces;
                piecewise += whole ? 0 : 1;
                FrameReader reader = new FrameReader(in, LIMIT);
                current = c;

                List<Frame> got = new ArrayList<>();
                List<Integer> positions = new ArrayList<>();
                boolean protocolError = false;
                long before = CodeUnderTest.allocatedBytes(self);
                try {
                    for (Optional<Frame> frame = reader.read(); frame.isPresent();
                            frame = reader.read()) {
                        got.add(frame.get());
                        positions.add(whole ? -1 : pieces.position());
                        if (got.size() > MAX_FRAMES) {
                            return c.describe() + ": read() returned more than " + MAX_FRAMES
                                    + " frames from " + c.input().length + " bytes. Does it go"
                                    + " on after the stream ended (read() returned -1)?";
                        }
                    }
                } catch (FramingException e) {
                    protocolError = true;
                } catch (Throwable t) {
                    return c.describe() + " delivered " + (whole ? "whole" : "in pieces")
                            + ": read() threw " + t + at(t) + ". A read() ends in a frame,"
                            + " Optional.empty() or a FramingException, never another exception"
                            + " (wrap the parser's), and never an OutOfMemoryError (do not"
                            + " allocate what a header claims).";
                }
                long after = CodeUnderTest.allocatedBytes(self);
                current = null;
                frames += got.size();
                protocolErrors += protocolError ? 1 : 0;

                String wrong = judge(c, got, protocolError, positions, whole);
                if (wrong != null) {
                    return wrong;
                }
                if (before < 0 || after < 0) {
                    allocationCounted = false;
                } else if (i >= WARM_UP_CASES) {
                    long allocated = after - before;
                    mostAllocated = Math.max(mostAllocated, allocated);
                    long allowed = ALLOCATION_SLACK + ALLOCATION_PER_INPUT_BYTE * c.input().length;
                    if (allocated > allowed) {
                        return c.describe() + ": reading these " + c.input().length + " bytes"
                                + " allocated " + allocated / 1024 + " KiB (at most "
                                + allowed / 1024 + " KiB are allowed). Do not trust a header for"
                                + " allocation: read the payload as it arrives (readNBytes(size)"
                                + " grows its buffer as bytes come), never new byte[size] up"
                                + " front, or a few bytes from a stranger cost megabytes.";
                    }
                }
            }
            return null;
        }

        private static String judge(Case c, List<Frame> got, boolean protocolError,
                                    List<Integer> positions, boolean whole) {
            String ending = protocolError ? "a FramingException" : "the clean end";
            String expected = switch (c.outcome()) {
                case EXACT -> c.frames() + " and the clean end";
                case FRAMES_THEN_ERROR -> (c.frames().isEmpty() ? "no frame at all"
                        : c.frames().toString()) + " and then a FramingException";
                case FRAMES_THEN_ANYTHING -> c.frames() + " first";
                case ANYTHING -> "";
            };
            boolean right = switch (c.outcome()) {
                case EXACT -> got.equals(c.frames()) && !protocolError;
                case FRAMES_THEN_ERROR -> got.equals(c.frames()) && protocolError;
                case FRAMES_THEN_ANYTHING -> got.size() >= c.frames().size()
                        && got.subList(0, c.frames().size()).equals(c.frames());
                case ANYTHING -> true;
            };
            if (!right) {
                return c.describe() + " delivered " + (whole ? "whole" : "in random pieces")
                        + ": expected " + expected + ", but read() gave " + got + " and "
                        + ending + ". Check every rule of the protocol before taking a frame: a"
                        + " length within 1..65536, exactly one JSON object in strict UTF-8, a"
                        + " size that is a JSON integer within the limit; and read exactly each"
                        + " part, however the bytes arrive.";
            }
            int end = 0;
            for (int k = 0; k < c.frames().size() && k < positions.size() && !whole; k++) {
                end += c.frameLengths().get(k);
                if (positions.get(k) != end) {
                    return c.describe() + " delivered in random pieces: after frame " + (k + 1)
                            + " the reader had taken " + positions.get(k) + " bytes from the"
                            + " stream, where that frame ends at byte " + end + ". A reader keeps"
                            + " no bytes beyond the frame it returns: read exactly 4, the"
                            + " header's length and size bytes, and no more (no"
                            + " BufferedInputStream).";
                }
            }
            return null;
        }

        private static String at(Throwable t) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("conclab.framing.")) {
                    return " at " + frame;
                }
            }
            return "";
        }
    }
}
