/**
 * Exercise {@code transfer}: sending large files over TCP, in bounded memory, checked for
 * integrity.
 *
 * <p>The lecture's last socket topic: a file too large to hold in memory is sent and stored in
 * pieces, and the receiver checks that what arrived is what was sent, with a hash of the whole
 * file or, quickly, of sampled slices. The transfer has a wire format of its own, documented byte
 * by byte in {@link conclab.transfer.FileSender}: a short header (name, size, SHA-256), then the
 * bytes.
 *
 * <p>What you build, in the order that makes sense:
 * <ol>
 *   <li>{@link conclab.transfer.FileDigests}: the SHA-256 of a file, read in chunks; and the
 *       lecture's sampled digest, which hashes the size and ten evenly spaced slices.</li>
 *   <li>{@link conclab.transfer.FileSender}: writes the header and streams the file.</li>
 *   <li>{@link conclab.transfer.FileReceiver}: reads the header, refuses names that would escape
 *       the target folder, streams the content to disk while hashing it, and keeps the file only
 *       if the digest matches.</li>
 * </ol>
 * Both have a {@code main} to try them by hand, in two terminals:
 * <pre>
 * java conclab.transfer.FileReceiver inbox 9000
 * java conclab.transfer.FileSender some-big-file.iso 9000
 * </pre>
 * The tests prove the streaming: they run each {@code main} in a child JVM whose heap is several
 * times smaller than the file it transfers. Run them alone with {@code mvn test -Dgroups=transfer}.
 */
package conclab.transfer;
