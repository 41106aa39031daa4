package conclab.transfer;

import static conclab.transfer.TransferTestKit.expectedSampled;
import static conclab.transfer.TransferTestKit.hex;
import static conclab.transfer.TransferTestKit.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.transfer.TransferTestKit.Content;
import conclab.transfer.TransferTestKit.ContentChannel;
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

    private static void flip(Path file, long at) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0xFF);
        }
    }
}
