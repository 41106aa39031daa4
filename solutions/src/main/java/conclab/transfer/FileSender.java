package conclab.transfer;

import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Sends one file over a byte stream (a TCP connection) in this exercise's own wire format: a
 * header that says what is coming, then the bytes.
 *
 * <h2>The wire format, byte by byte</h2>
 * TCP carries a stream of bytes with no boundaries, so the receiver must learn from the bytes
 * themselves where the name ends and how many bytes of content follow. Every field has either a
 * fixed length or a length given before it; all numbers are big-endian (network byte order,
 * what {@link java.io.DataOutputStream} writes):
 * <pre>
 * offset        length  field
 * 0             2       N, the length of the name in bytes: unsigned, 1..255
 * 2             N       the file name, UTF-8 (a plain name: no folders in it)
 * 2+N           8       SIZE, the length of the content in bytes: signed, 0 or more
 * 10+N          32      the SHA-256 digest of the content
 * 42+N          SIZE    the content, exactly as in the file
 * </pre>
 * Example: a file {@code hi.txt} holding the 6 bytes {@code hello\n} goes out as these 54 bytes:
 * <pre>
 * 00 06                                             N = 6
 * 68 69 2E 74 78 74                                 "hi.txt"
 * 00 00 00 00 00 00 00 06                           SIZE = 6
 * 58 91 B5 B5 22 D5 DF 08 6D 0F F0 B1 10 FB D9 D2   SHA-256("hello\n"), first 16 bytes
 * 1B B4 FC 71 63 AF 34 D0 82 86 A2 E8 46 F6 BE 03   ... and the last 16
 * 68 65 6C 6C 6F 0A                                 "hello\n"
 * </pre>
 * Any program, in any language, that writes these bytes can send a file to
 * {@link FileReceiver}. Two traps in Java: {@code DataOutputStream.writeUTF} is <em>not</em> this
 * format (it writes "modified UTF-8", which differs from UTF-8 for some characters): encode the
 * name with {@code name.getBytes(StandardCharsets.UTF_8)} and write its length yourself. And
 * {@code writeShort} takes an {@code int}: a length of 200 is written as {@code 00 C8}, and read
 * back unsigned with {@code readUnsignedShort}, not {@code readShort}.
 *
 * <p>The format has no acknowledgement: the sender cannot tell whether the receiver accepted the
 * file. A real protocol would add a reply; this one stays small, in the spirit of the lecture's.
 *
 * <h2>Sending, in bounded memory</h2>
 * The digest comes <em>before</em> the content, so the sender reads the file twice: once to
 * compute its SHA-256 ({@link FileDigests#sha256(Path)}), then again to send it. Both passes
 * stream: read a chunk of {@value FileDigests#CHUNK_SIZE} bytes, use it, read the next. The
 * file is never held in memory as a whole; a file of gigabytes is sent with a heap of a few
 * megabytes. (The lecture sends line by line, {@code for line in f}, for the same reason; chunks
 * also work for files that have no lines.)
 *
 * <p>The name sent is the file's own name ({@code file.getFileName()}), without its folder: the
 * receiver decides where it goes.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * // receiver: java conclab.transfer.FileReceiver inbox 9000
 * FileSender.send(Path.of("photo.jpg"), new InetSocketAddress("127.0.0.1", 9000));
 * // inbox/photo.jpg is now a copy, checked against its SHA-256
 * }</pre>
 */
public final class FileSender {

    private FileSender() {
    }

    /**
     * Writes one transfer of {@code file} to {@code out}: the header (name, size, SHA-256), then
     * the content, in chunks. Flushes {@code out} at the end, and leaves it open.
     *
     * @param file the file to send: a regular file whose name is 1..255 bytes of UTF-8
     * @param out  where the transfer goes, e.g. a socket's output stream
     * @return the SHA-256 of the content, as sent in the header
     * @throws IOException              if the file cannot be read or {@code out} written
     * @throws IllegalArgumentException if the file's name is longer than 255 bytes in UTF-8:
     *                                  checked first, before the file is read or anything is
     *                                  written
     */
    public static byte[] send(Path file, OutputStream out) throws IOException {
        String name = String.valueOf(file.getFileName());
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length < 1 || nameBytes.length > FileReceiver.MAX_NAME_BYTES) {
            throw new IllegalArgumentException("the name " + name + " has " + nameBytes.length
                    + " bytes in UTF-8; the wire format takes 1.." + FileReceiver.MAX_NAME_BYTES);
        }
        byte[] digest = FileDigests.sha256(file);                  // first pass: the digest
        long size = Files.size(file);
        DataOutputStream data = new DataOutputStream(out);         // buffers nothing
        data.writeShort(nameBytes.length);
        data.write(nameBytes);
        data.writeLong(size);
        data.write(digest);
        long sent = 0;
        byte[] chunk = new byte[FileDigests.CHUNK_SIZE];
        try (InputStream in = Files.newInputStream(file)) {         // second pass: the bytes
            for (int n; sent < size && (n = in.read(chunk, 0,
                    (int) Math.min(chunk.length, size - sent))) > 0; ) {
                data.write(chunk, 0, n);
                sent += n;
            }
        }
        if (sent != size) {
            throw new IOException(file + " changed while it was sent: " + size
                    + " bytes announced, " + sent + " bytes there");
        }
        data.flush();
        return digest;
    }

    /**
     * Connects to a receiver, sends {@code file} as one transfer, and closes the connection.
     *
     * @param file     the file to send
     * @param receiver where the receiver listens
     * @return the SHA-256 of the content, as sent
     * @throws IOException if the connection cannot be made, or the transfer fails
     */
    public static byte[] send(Path file, InetSocketAddress receiver) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(receiver, 10_000);
            byte[] digest = send(file, socket.getOutputStream());
            socket.shutdownOutput();                               // the receiver sees the end
            return digest;
        }
    }

    /**
     * Sends a file by hand: {@code java conclab.transfer.FileSender FILE PORT [HOST]} (HOST
     * defaults to {@code 127.0.0.1}). Prints {@code sent NAME (SIZE bytes, SHA-256 HEX)} and
     * exits with status 0, or prints what went wrong and exits with status 1. Try it against
     * {@link FileReceiver#main(String[])}. From the repository's root, on any system:
     * {@code ./mvnw -q compile exec:java "-Dexec.mainClass=conclab.transfer.FileSender"
     * "-Dexec.args=some-big-file.iso 9000"}.
     *
     * @param args {@code FILE PORT [HOST]}
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: java conclab.transfer.FileSender FILE PORT [HOST]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String host = args.length > 2 ? args[2] : "127.0.0.1";
        try {
            byte[] digest = send(file, new InetSocketAddress(host, Integer.parseInt(args[1])));
            System.out.println("sent " + file.getFileName() + " (" + Files.size(file)
                    + " bytes, SHA-256 " + HexFormat.of().formatHex(digest) + ")");
        } catch (IOException e) {
            System.err.println("could not send " + file + ": " + e);
            System.exit(1);
        }
    }
}
