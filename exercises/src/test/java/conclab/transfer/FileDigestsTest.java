package conclab.transfer;

import static conclab.transfer.TransferTestKit.expectedSampled;
import static conclab.transfer.TransferTestKit.hex;
import static conclab.transfer.TransferTestKit.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.transfer.TransferTestKit.Content;
import conclab.transfer.TransferTestKit.ContentChannel;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The whole-file SHA-256 and the sampled digest, against their definitions. Every text is in
 * {@code FileDigestsTest.properties} (and {@code _zh_CN}); each check that can fail in its own
 * way carries the hint for it ({@link Say#hinting}): a whole file or slices, the arguments given,
 * the size, a byte between the slices, an offset past 2 GiB.
 */
@Tag("transfer")
@Timeout(10)
class FileDigestsTest {

    private static final Say SAY = Say.of(FileDigestsTest.class);

    @TempDir
    Path dir;

    @Test
    @Points(1)
    @Hint("sha256")
    void sha256IsTheDigestOfTheWholeContent() throws Exception {
        for (int size : new int[] {0, 6, FileDigests.CHUNK_SIZE, 3 * FileDigests.CHUNK_SIZE + 7}) {
            Path file = dir.resolve("file-" + size);
            byte[] content = Content.bytes(0, size);
            Files.write(file, content);
            String digest = hex(FileDigests.sha256(file));
            SAY.hinting(size == 0 ? "sha256.empty" : "sha256.onlyRead", () -> assertEquals(
                    hex(sha256(content)), digest, SAY.text(size > FileDigests.CHUNK_SIZE
                            ? "sha256.chunks" : "sha256.wrong", size)));
        }
    }

    @Test
    @Points(2)
    @Hint("definition")
    void sampledDigestFollowsItsDefinition() throws Exception {
        // sizes around the boundary between "the whole file" and "n slices"
        long[] sizes = {0, 100, 10 * 4096, 10 * 4096 + 1, 1_000_000};
        for (long size : sizes) {
            try (ContentChannel file = new ContentChannel(size, Long.MAX_VALUE)) {
                String digest = hex(FileDigests.sampled(file, 10, 4096));
                boolean whole = size <= 40960;
                SAY.hinting(whole ? "definition.whole" : "definition.slices", () -> assertEquals(
                        hex(expectedSampled(size, 10, 4096)), digest,
                        SAY.text(whole ? "definition.wholeWrong" : "definition.slicesWrong", size)));
            }
        }
        try (ContentChannel file = new ContentChannel(777_777, Long.MAX_VALUE)) {
            String digest = hex(FileDigests.sampled(file, 3, 1000));
            SAY.hinting("definition.given", () -> assertEquals(hex(expectedSampled(777_777, 3,
                    1000)), digest, SAY.text("definition.givenWrong")));
        }
        Path real = dir.resolve("real.bin");
        Content.write(real, 300_000);
        String digest = hex(FileDigests.sampled(real));
        SAY.hinting("definition.path", () -> assertEquals(hex(expectedSampled(300_000,
                FileDigests.SLICES, FileDigests.SLICE_SIZE)), digest, SAY.text("definition.pathWrong")));
    }

    @Test
    @Points(2)
    @Hint("regions")
    void sampledDigestChangesWhenASampledRegionChanges() throws Exception {
        long size = 1_000_000;
        int s = FileDigests.SLICE_SIZE;
        Path file = dir.resolve("big.bin");
        Content.write(file, size);
        String original = hex(FileDigests.sampled(file));
        for (int i = 0; i < FileDigests.SLICES; i++) {
            long offset = i * (size - s) / (FileDigests.SLICES - 1);
            for (long at : new long[] {offset, offset + s / 2, offset + s - 1}) {
                flip(file, at);
                String changed = hex(FileDigests.sampled(file));
                flip(file, at);
                if (changed.equals(original)) {
                    fail(SAY.text("regions.slice", at, i, offset, s, FileDigests.SLICES,
                            FileDigests.SLICES - 1));
                }
            }
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size - 1);
        }
        String shorter = hex(FileDigests.sampled(file));
        SAY.hinting("regions.size", () -> assertTrue(!original.equals(shorter),
                SAY.text("regions.cut")));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
            raf.seek(size - 1);
            raf.write(Content.bytes(size - 1, 1));
        }
        String again = hex(FileDigests.sampled(file));
        SAY.hinting("regions.again", () -> assertEquals(original, again, SAY.text("regions.same")));
        long between = (size - s) / (FileDigests.SLICES - 1) / 2;
        flip(file, between);
        String betweenChanged = hex(FileDigests.sampled(file));
        SAY.hinting("regions.onlySlices", () -> assertEquals(original, betweenChanged,
                SAY.text("regions.between", between)));
    }

    @Test
    @Points(2)
    @Hint("onlySlices")
    void sampledDigestReadsOnlyItsSlicesEvenOfATerabyte() throws Exception {
        long terabyte = 1L << 40;
        long slicesBytes = 10L * 4096;
        try (ContentChannel file = new ContentChannel(terabyte, 2 * slicesBytes)) {
            byte[] digest;
            try {
                digest = FileDigests.sampled(file, 10, 4096);
            } catch (IllegalArgumentException negative) {
                // the channel refused a negative position: past 2 GiB, an int offset wraps around
                AssertionFailedError wrapped = new AssertionFailedError(
                        SAY.text("onlySlices.wrapped", negative.getMessage()), negative);
                SAY.hinting("onlySlices.long", () -> {
                    throw wrapped;
                });
                throw wrapped;
            }
            SAY.hinting("onlySlices.long", () -> assertEquals(hex(expectedSampled(terabyte, 10,
                    4096)), hex(digest), SAY.text("onlySlices.terabyte")));
            assertTrue(file.bytesRead() <= slicesBytes, SAY.text("onlySlices.read",
                    file.bytesRead(), slicesBytes));
        }
    }

    @Test
    @Points(1)
    @Hint("partialReads")
    void sampledDigestReadsUntilEachSliceIsFull() throws Exception {
        // a FileChannel on a local file fills a buffer in one read; other channels need not
        for (long size : new long[] {30_000, 1_000_000}) {
            try (ContentChannel file = new ContentChannel(size, 2 * 10 * 4096, 999)) {
                String digest = hex(FileDigests.sampled(file, 10, 4096));
                SAY.hinting("partialReads.loop", () -> assertEquals(hex(expectedSampled(size, 10,
                        4096)), digest, SAY.text("partialReads.short", size)));
                SAY.hinting("partialReads.open", () -> assertTrue(file.isOpen(),
                        SAY.text("partialReads.closed")));
            }
        }
    }

    @Test
    @Points(1)
    @Hint("earlyEnd")
    void sampledDigestFailsWhenTheContentEndsBeforeItsSize() throws Exception {
        // size() is taken first; a file cut short meanwhile, or a channel that lies, ends early
        long[][] cases = {{1_000_000, 600_000}, {30_000, 10_000}};
        for (long[] c : cases) {
            try (ContentChannel file = new ContentChannel(c[0], Long.MAX_VALUE,
                    Integer.MAX_VALUE, c[1])) {
                try {
                    byte[] digest = FileDigests.sampled(file, 10, 4096);
                    fail(SAY.text("earlyEnd.digest", c[0], c[1], hex(digest)));
                } catch (IOException expected) {
                    // as documented: "ends before its size"
                }
            }
        }
    }

    @Test
    @Points(1)
    @Hint("arguments")
    void sampledDigestRefusesMeaninglessArguments() throws Exception {
        try (ContentChannel file = new ContentChannel(10_000, Long.MAX_VALUE)) {
            for (int[] bad : new int[][] {{1, 100}, {10, 0}}) {
                assertThrows(IllegalArgumentException.class,
                        () -> FileDigests.sampled(file, bad[0], bad[1]),
                        SAY.text("arguments.refused", bad[0], bad[1]));
            }
            // and the smallest that mean something are taken
            String smallest = hex(FileDigests.sampled(file, 2, 1));
            SAY.hinting("arguments.smallest", () -> assertEquals(hex(expectedSampled(10_000, 2, 1)),
                    smallest, SAY.text("arguments.twoBytes")));
        }
    }

    private static void flip(Path file, long at) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0xFF);
        }
    }
}
