package conclab.transfer;

import java.io.EOFException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * Fingerprints of files: the SHA-256 of the whole content, and the lecture's quick
 * <em>sampled</em> digest of a few evenly spaced slices.
 *
 * <h2>Why a digest?</h2>
 * After a large file has crossed a network, how do you know that every byte arrived unchanged?
 * Comparing the bytes themselves would mean sending them twice. Instead, the sender computes a
 * <em>digest</em> (a hash) of the content, sends it along, and the receiver computes the digest
 * of what it received and compares: a cryptographic hash such as SHA-256 (32 bytes) changes
 * completely when even one bit of the input changes, so equal digests mean equal content.
 * (Python: {@code hashlib.sha256()}; Java: {@link java.security.MessageDigest}.)
 *
 * <h2>Whole-file SHA-256, in bounded memory</h2>
 * {@link #sha256(Path)} reads the file in chunks and feeds each chunk to
 * {@code MessageDigest.update}: memory use is one buffer, whatever the file's size. Never read
 * the whole file into an array ({@code Files.readAllBytes}): a 4 GiB file does not fit in
 * memory, and a 200 MB one may not either.
 *
 * <h2>The sampled digest (切片加密比对)</h2>
 * Hashing a file means reading all of it, which takes time for a very large file. For a
 * <em>quick</em> check, the lecture hashes only a few regions: cut the file into slices at
 * evenly spaced places, and hash those. It is not a proof of integrity (a change between the
 * slices goes unnoticed) but it is cheap, whatever the size, and catches a file that was cut
 * short, padded, or replaced. The exact definition, so that two programs agree on it:
 * <ol>
 *   <li>Let {@code size} be the file's length in bytes, {@code n} the number of slices (at least
 *       2) and {@code s} the length of a slice (at least 1).</li>
 *   <li>The digest is the SHA-256 of: first {@code size} as 8 bytes, big-endian (what
 *       {@code ByteBuffer.allocate(8).putLong(size)} holds), then the sampled bytes.</li>
 *   <li>If {@code size <= n * s}, the slices would cover the whole file anyway: the sampled bytes
 *       are the whole content.</li>
 *   <li>Otherwise the sampled bytes are the {@code n} slices in order: slice {@code i}
 *       ({@code i = 0 .. n-1}) is the {@code s} bytes starting at offset
 *       {@code i * (size - s) / (n - 1)}, computed with {@code long} integer division. The first
 *       slice starts at 0, the last one ends at the end of the file, and the others are evenly
 *       spaced between them.</li>
 * </ol>
 * Example: a file of 1,000,000 bytes, {@code n = 10}, {@code s = 4096}: the slices start at
 * 0, 110656, 221312, ..., 885248 (= 8 × 995904 / 9) and 995904 (= 1000000 − 4096): every
 * 110656 bytes, since 995904 / 9 = 110656 exactly. The digest is
 * the SHA-256 of {@code 00 00 00 00 00 0F 42 40} (1,000,000) followed by those 40,960 bytes.
 *
 * <p>Only the slices are read: move to each offset with
 * {@link SeekableByteChannel#position(long)} and read {@code s} bytes (a single {@code read} may
 * return fewer: loop until the buffer is full). A file of a terabyte costs as much as one of a
 * megabyte.
 */
public final class FileDigests {

    /** How many slices {@link #sampled(Path)} hashes: the lecture's ten regions. */
    public static final int SLICES = 10;

    /** How long each slice of {@link #sampled(Path)} is, in bytes. */
    public static final int SLICE_SIZE = 4096;

    /** The size of the buffer to read files with, in bytes. */
    public static final int CHUNK_SIZE = 64 * 1024;

    private FileDigests() {
    }

    /**
     * The SHA-256 of a file's whole content, read in chunks of {@value #CHUNK_SIZE} bytes.
     *
     * @param file the file to hash
     * @return the 32 bytes of its SHA-256
     * @throws IOException if the file cannot be read
     */
    public static byte[] sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        byte[] chunk = new byte[CHUNK_SIZE];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                digest.update(chunk, 0, n);
            }
        }
        return digest.digest();
    }

    /**
     * The sampled digest of a file, with {@value #SLICES} slices of {@value #SLICE_SIZE} bytes:
     * opens the file as a channel and calls {@link #sampled(SeekableByteChannel, int, int)}.
     *
     * @param file the file to sample
     * @return the 32 bytes of the sampled digest
     * @throws IOException if the file cannot be read
     */
    public static byte[] sampled(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            return sampled(channel, SLICES, SLICE_SIZE);
        }
    }

    /**
     * The sampled digest of a channel's content, as defined above: the SHA-256 of the size (8
     * bytes, big-endian) and {@code slices} slices of {@code sliceSize} bytes, evenly spaced from
     * the start to the end; or of the size and the whole content if that is no longer than
     * {@code slices * sliceSize}. Reads only the bytes it hashes. Leaves the channel open.
     *
     * @param file      the content to sample: its {@code size()}, and its bytes at chosen positions
     * @param slices    how many slices, at least 2
     * @param sliceSize how many bytes per slice, at least 1
     * @return the 32 bytes of the sampled digest
     * @throws IOException              if the channel cannot be read, or ends before its size
     * @throws IllegalArgumentException if {@code slices < 2} or {@code sliceSize < 1}
     */
    public static byte[] sampled(SeekableByteChannel file, int slices, int sliceSize)
            throws IOException {
        if (slices < 2) {
            throw new IllegalArgumentException("at least 2 slices, not " + slices);
        }
        if (sliceSize < 1) {
            throw new IllegalArgumentException("a slice has at least 1 byte, not " + sliceSize);
        }
        long size = file.size();
        MessageDigest digest = newSha256();
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(size).array());
        if (size <= (long) slices * sliceSize) {
            hashRange(file, 0, size, digest, ByteBuffer.allocate((int) Math.min(size, CHUNK_SIZE)));
        } else {
            ByteBuffer slice = ByteBuffer.allocate(sliceSize);
            for (int i = 0; i < slices; i++) {
                long offset = i * (size - sliceSize) / (slices - 1);
                hashRange(file, offset, sliceSize, digest, slice);
            }
        }
        return digest.digest();
    }

    /** Hashes {@code length} bytes of {@code file} from {@code offset}, through {@code buffer}. */
    private static void hashRange(SeekableByteChannel file, long offset, long length,
                                  MessageDigest digest, ByteBuffer buffer) throws IOException {
        file.position(offset);
        long left = length;
        while (left > 0) {
            buffer.clear();
            if (left < buffer.capacity()) {
                buffer.limit((int) left);
            }
            while (buffer.hasRemaining()) {          // one read may return fewer bytes
                if (file.read(buffer) < 0) {
                    throw new EOFException("the content ended at byte " + file.position()
                            + " of " + file.size());
                }
            }
            buffer.flip();
            left -= buffer.remaining();
            digest.update(buffer);
        }
    }

    /** A fresh SHA-256; every Java platform has one. */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
