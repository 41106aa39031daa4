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
 * Both have a {@code main} to try them by hand, in two terminals, as
 * {@code java conclab.transfer.FileReceiver inbox 9000} and
 * {@code java conclab.transfer.FileSender some-big-file.iso 9000} would, from the repository's
 * root ({@code mvnw.cmd} on Windows; from your IDE: run each class with those arguments):
 * <pre>
 * ./mvnw -q compile exec:java "-Dexec.mainClass=conclab.transfer.FileReceiver" "-Dexec.args=inbox 9000"
 * ./mvnw -q compile exec:java "-Dexec.mainClass=conclab.transfer.FileSender" "-Dexec.args=some-big-file.iso 9000"
 * </pre>
 * The tests prove the streaming: they run each {@code main} in a child JVM whose heap is several
 * times smaller than the file it transfers. Run this exercise's tests alone, from the
 * repository's root, with {@code ./mvnw test -Dgroups=transfer} ({@code mvnw.cmd} on Windows).
 */
package conclab.transfer;
