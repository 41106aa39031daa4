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
        try (ContentChannel file = new ContentChannel(10_000, Long.MAX_VALUE)) {
            for (int[] bad : new int[][] {{1, 100}, {0, 100}, {-3, 100}, {10, 0}, {10, -1}}) {
                assertThrows(IllegalArgumentException.class,
                        () -> FileDigests.sampled(file, bad[0], bad[1]), "sampled(file, "
                                + bad[0] + ", " + bad[1] + ") must throw"
                                + " IllegalArgumentException: at least 2 slices of at least"
                                + " 1 byte");
            }
        }
    }

    @Test
    @Points(2)
    @Hint("partialReads")
    void sampledDigestReadsUntilEachSliceIsFull() throws Exception {
        for (long size : new long[] {5_000, 1_000_000}) {
            try (ContentChannel file = new ContentChannel(size, 2 * 10 * 4096, 100)) {
                assertEquals(hex(expectedSampled(size, 10, 4096)),
                        hex(FileDigests.sampled(file, 10, 4096)), "sampled(file of " + size
                                + " bytes, 10, 4096) from a channel that returns at most 100"
                                + " bytes per read(): keep reading until each slice is full");
                assertTrue(file.isOpen(), "sampled(channel, ...) must leave the channel open:"
                        + " it belongs to the caller");
            }
        }
    }
}
