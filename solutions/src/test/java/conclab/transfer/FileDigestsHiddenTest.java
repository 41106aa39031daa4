package conclab.transfer;

import static conclab.transfer.TransferTestKit.expectedSampled;
import static conclab.transfer.TransferTestKit.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.transfer.TransferTestKit.ContentChannel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hidden: the sampled digest's arguments, and a channel that gives a few bytes per read. */
@Tag("transfer")
@Timeout(10)
class FileDigestsHiddenTest {

    @Test
    @Points(1)
    @Hint("arguments")
    void sampledDigestRefusesMeaninglessArguments() throws Exception {
        // a file longer than the slices, and one so short that it is hashed whole: the
        // arguments are refused whatever the file
        for (long size : new long[] {10_000, 50}) {
            try (ContentChannel file = new ContentChannel(size, Long.MAX_VALUE)) {
                for (int[] bad : new int[][] {{1, 100}, {0, 100}, {-3, 100}, {10, 0}, {10, -1},
                        {Integer.MIN_VALUE, 1}, {1, 1}, {2, 0}}) {
                    assertThrows(IllegalArgumentException.class,
                            () -> FileDigests.sampled(file, bad[0], bad[1]), "sampled(file of "
                                    + size + " bytes, " + bad[0] + ", " + bad[1] + ") must throw"
                                    + " IllegalArgumentException: at least 2 slices of at least"
                                    + " 1 byte, whatever the file");
                }
            }
        }
    }

    @Test
    @Points(2)
    @Hint("partialReads")
    void sampledDigestReadsUntilEachSliceIsFull() throws Exception {
        long[][] cases = {{5_000, 100}, {1_000_000, 100}, {300, 1}, {200_000, 4095}};
        for (long[] c : cases) {
            long size = c[0];
            try (ContentChannel file = new ContentChannel(size, 2 * 10 * 4096, (int) c[1])) {
                assertEquals(hex(expectedSampled(size, 10, 4096)),
                        hex(FileDigests.sampled(file, 10, 4096)), "sampled(file of " + size
                                + " bytes, 10, 4096) from a channel that returns at most " + c[1]
                                + " bytes per read(): keep reading until each slice is full");
                assertTrue(file.isOpen(), "sampled(channel, ...) must leave the channel open:"
                        + " it belongs to the caller");
            }
        }
        // reads that return nothing at all, now and then: "possibly zero", not the end
        for (long size : new long[] {30_000, 1_000_000}) {
            try (ContentChannel file = new ContentChannel(size, 2 * 10 * 4096, 1000)
                    .withEmptyReads()) {
                assertEquals(hex(expectedSampled(size, 10, 4096)),
                        hex(FileDigests.sampled(file, 10, 4096)), "sampled(file of " + size
                                + " bytes, 10, 4096) from a channel whose every other read()"
                                + " returns 0 bytes: 0 is not the end of the channel, -1 is");
            }
        }
        // the whole content of a file longer than one buffer, in pieces
        try (ContentChannel file = new ContentChannel(250_000, 250_000, 10_007)) {
            assertEquals(hex(expectedSampled(250_000, 3, 100_000)),
                    hex(FileDigests.sampled(file, 3, 100_000)), "sampled(file of 250000 bytes,"
                            + " 3, 100000) is the digest of the size and the whole content, read"
                            + " in pieces of at most 10007 bytes");
        }
    }

    @Test
    @Points(1)
    @Hint("earlyEnd")
    void sampledDigestFailsWhereverTheContentEnds() throws Exception {
        // the content ends in a slice's middle, right at a slice's start, in the last slice,
        // at once; or, for a file hashed whole, one byte short
        long[][] cases = {{1_000_000, 0}, {1_000_000, 110_656}, {1_000_000, 999_999},
            {40_960, 40_959}, {5_000, 0}};
        for (long[] c : cases) {
            try (ContentChannel file = new ContentChannel(c[0], Long.MAX_VALUE, 4096, c[1])) {
                assertThrows(java.io.IOException.class, () -> FileDigests.sampled(file, 10, 4096),
                        "sampled(channel, 10, 4096) of a channel whose size() is " + c[0]
                                + " but whose content ends at byte " + c[1] + " must throw an"
                                + " IOException");
            }
        }
    }
}
