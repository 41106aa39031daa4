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

/** The whole-file SHA-256 and the sampled digest, against their definitions. */
@Tag("transfer")
@Timeout(10)
class FileDigestsTest {

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
            assertEquals(hex(sha256(content)), hex(FileDigests.sha256(file)), "sha256 of a file"
                    + " of " + size + " bytes must be the SHA-256 of all its bytes"
                    + (size > FileDigests.CHUNK_SIZE ? " (more than one chunk: update the digest"
                    + " with each chunk, and only with the bytes that read() returned)" : ""));
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
                assertEquals(hex(expectedSampled(size, 10, 4096)),
                        hex(FileDigests.sampled(file, 10, 4096)), "sampled(file of " + size
                                + " bytes, 10 slices, 4096 bytes each): "
                                + (size <= 40960 ? "no longer than 10 × 4096 bytes, so the"
                                + " SHA-256 of the size (8 bytes, big-endian) and the whole"
                                + " content" : "the SHA-256 of the size (8 bytes, big-endian)"
                                + " and slice i at i * (size - 4096) / 9, for i = 0..9"));
            }
        }
        try (ContentChannel file = new ContentChannel(777_777, Long.MAX_VALUE)) {
            assertEquals(hex(expectedSampled(777_777, 3, 1000)),
                    hex(FileDigests.sampled(file, 3, 1000)), "sampled(file of 777777 bytes,"
                            + " 3 slices, 1000 bytes each): use the slices and sliceSize given");
        }
        Path real = dir.resolve("real.bin");
        Content.write(real, 300_000);
        assertEquals(hex(expectedSampled(300_000, FileDigests.SLICES, FileDigests.SLICE_SIZE)),
                hex(FileDigests.sampled(real)), "sampled(path) of a file of 300000 bytes must be"
                        + " sampled(channel, SLICES, SLICE_SIZE)");
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
                    fail("a byte at offset " + at + " changed, inside slice " + i + " (offset "
                            + offset + ", " + s + " bytes), but the sampled digest stayed the"
                            + " same: every one of the " + FileDigests.SLICES + " slices must be"
                            + " hashed, each from its own offset i * (size - " + s + ") / "
                            + (FileDigests.SLICES - 1) + ".");
                }
            }
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size - 1);
        }
        assertTrue(!original.equals(hex(FileDigests.sampled(file))), "the file was cut short by"
                + " one byte, but the sampled digest stayed the same: hash the size first");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
            raf.seek(size - 1);
            raf.write(Content.bytes(size - 1, 1));
        }
        assertEquals(original, hex(FileDigests.sampled(file)), "the same content must give the"
                + " same sampled digest");
        long between = (size - s) / (FileDigests.SLICES - 1) / 2;
        flip(file, between);
        assertEquals(original, hex(FileDigests.sampled(file)), "a byte between two slices"
                + " (offset " + between + ") changed and the sampled digest changed with it: a"
                + " sampled digest hashes only its slices (that is what makes it quick, and"
                + " what it cannot see)");
    }

    @Test
    @Points(2)
    @Hint("onlySlices")
    void sampledDigestReadsOnlyItsSlicesEvenOfATerabyte() throws Exception {
        long terabyte = 1L << 40;
        long slicesBytes = 10L * 4096;
        try (ContentChannel file = new ContentChannel(terabyte, 2 * slicesBytes)) {
            byte[] digest = FileDigests.sampled(file, 10, 4096);
            assertEquals(hex(expectedSampled(terabyte, 10, 4096)), hex(digest), "the sampled"
                    + " digest of a (virtual) file of 1 TiB");
            assertTrue(file.bytesRead() <= slicesBytes, "sampling a file of 1 TiB read "
                    + file.bytesRead() + " bytes; only the 10 slices of 4096 bytes (" + slicesBytes
                    + " bytes) need reading");
        }
    }

    @Test
    @Points(1)
    @Hint("partialReads")
    void sampledDigestReadsUntilEachSliceIsFull() throws Exception {
        // a FileChannel on a local file fills a buffer in one read; other channels need not
        for (long size : new long[] {30_000, 1_000_000}) {
            try (ContentChannel file = new ContentChannel(size, 2 * 10 * 4096, 999)) {
                assertEquals(hex(expectedSampled(size, 10, 4096)),
                        hex(FileDigests.sampled(file, 10, 4096)), "sampled(file of " + size
                                + " bytes, 10, 4096) from a channel that returns at most 999"
                                + " bytes per read(): one read may fill only part of the buffer,"
                                + " so keep reading until each slice is full");
                assertTrue(file.isOpen(), "sampled(channel, ...) closed the channel: it belongs"
                        + " to the caller, leave it open");
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
                    fail("sampled(channel, 10, 4096) of a channel whose size() is " + c[0]
                            + " but whose content ends at byte " + c[1] + " returned a digest ("
                            + hex(digest) + "); it must throw an IOException: read() returned"
                            + " -1 before the slice was full");
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
                        () -> FileDigests.sampled(file, bad[0], bad[1]), "sampled(file, "
                                + bad[0] + ", " + bad[1] + ") must throw"
                                + " IllegalArgumentException: at least 2 slices (they are spread"
                                + " from the start to the end) of at least 1 byte");
            }
            // and the smallest that mean something are taken
            assertEquals(hex(expectedSampled(10_000, 2, 1)), hex(FileDigests.sampled(file, 2, 1)),
                    "sampled(file of 10000 bytes, 2, 1): 2 slices of 1 byte, the first and the"
                            + " last byte");
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
