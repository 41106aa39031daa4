package conclab.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Receives one file sent in {@link FileSender}'s wire format and stores it into a target folder,
 * streaming, checked against its SHA-256, and never outside that folder.
 *
 * <h2>What {@link #receive(InputStream, Path)} does, step by step</h2>
 * <ol>
 *   <li><b>Read the header</b> (see {@link FileSender} for the bytes): the name's length
 *       {@code N} (2 bytes, unsigned), the name ({@code N} bytes of UTF-8), the size (8 bytes),
 *       the digest (32 bytes). {@link java.io.DataInputStream}'s {@code readUnsignedShort},
 *       {@code readFully} and {@code readLong} read exactly that many bytes, waiting for more
 *       as needed: one {@code read} may return fewer bytes than asked, because TCP delivers a
 *       stream, not the sender's writes.</li>
 *   <li><b>Check the name before anything is written</b>, as soon as it has been read (a bad
 *       name is refused without reading on). The name comes from the network: it
 *       is untrusted input. A sender that names its file {@code ../../.bashrc} must not be able
 *       to write there (a "path traversal" attack). Accept only a plain file name: 1 to 255
 *       bytes of valid UTF-8; none of {@code /}, {@code \}, {@code :} or control characters
 *       (below U+0020) in it; and not {@code .} or {@code ..}. Anything else is refused with a
 *       {@link TransferException} of reason {@link TransferException.Reason#BAD_NAME}. As a
 *       second line of defence, check that {@code targetDir.resolve(name)} has
 *       {@code targetDir} as its parent.</li>
 *   <li><b>Check the size</b> as soon as it has been read: a negative size is refused
 *       ({@link TransferException.Reason#BAD_HEADER}).</li>
 *   <li><b>Stream the content into the folder</b>, in chunks of at most
 *       {@value FileDigests#CHUNK_SIZE} bytes, updating a SHA-256 with each chunk as it is
 *       written: memory use is one buffer, whatever the size. Read exactly {@code SIZE} bytes
 *       and not one more: the stream may carry something after this transfer (so do not wrap
 *       {@code in} in a {@code BufferedInputStream}, which reads ahead). Write into a temporary
 *       file in the target folder ({@code Files.createTempFile(targetDir, ".receiving-",
 *       ".part")}), so that nobody mistakes a half-received file for the real one.</li>
 *   <li><b>Check the digest.</b> If the SHA-256 of what arrived is the one the header announced,
 *       move the temporary file to {@code targetDir/NAME} (replacing a file of that name) and
 *       return that path. If not, delete the temporary file and throw
 *       {@link TransferException.Reason#DIGEST_MISMATCH}.</li>
 *   <li><b>Whatever goes wrong</b> (the stream ends early:
 *       {@link TransferException.Reason#TRUNCATED}; the disk is full; ...), delete the temporary
 *       file before the exception leaves: after a failed transfer the target folder holds
 *       nothing of it.</li>
 * </ol>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (ServerSocket server = new ServerSocket(9000, 50, InetAddress.getLoopbackAddress());
 *      Socket connection = server.accept()) {
 *     Path stored = FileReceiver.receive(connection.getInputStream(), Path.of("inbox"));
 *     System.out.println("stored " + stored);             // inbox/photo.jpg
 * } catch (TransferException e) {
 *     System.out.println("refused: " + e.getMessage());   // e.g. BAD_NAME: "../photo.jpg" ...
 * }
 * }</pre>
 * Or by hand: {@link #main(String[])} receives file after file into a folder.
 */
public final class FileReceiver {

    /** The longest name accepted, in bytes of UTF-8: a common limit of file systems. */
    public static final int MAX_NAME_BYTES = 255;

    private FileReceiver() {
    }

    /**
     * Reads one transfer from {@code in} and stores its file into {@code targetDir}, as described
     * above. Reads nothing after the transfer's last byte, and does not close {@code in}.
     *
     * @param in        where the transfer comes from, e.g. a socket's input stream
     * @param targetDir an existing folder to store the file in
     * @return the stored file: {@code targetDir.resolve(name)}
     * @throws TransferException if the transfer is refused or incomplete (see its reason); the
     *                           folder then holds nothing of it
     * @throws IOException       if reading or writing fails otherwise
     */
    public static Path receive(InputStream in, Path targetDir) throws IOException {
        throw new UnsupportedOperationException("TODO: read the header with a DataInputStream"
                + " (readUnsignedShort, readFully, readLong, readFully 32); refuse a bad name or"
                + " size; copy exactly SIZE bytes in chunks into a temporary file in targetDir,"
                + " hashing them; check the digest; move into place, or delete and throw");
    }

    /**
     * Receives files by hand: {@code java conclab.transfer.FileReceiver FOLDER [PORT]} (default:
     * a free port). Creates FOLDER if needed, prints
     * {@code receiving into FOLDER on 127.0.0.1:PORT}, then serves one connection after
     * another, each carrying one transfer, printing {@code stored NAME (SIZE bytes)} or
     * {@code refused: WHY} for each, until the JVM is stopped (Ctrl+C). Send it files with
     * {@link FileSender#main(String[])}. From the repository's root, on any system:
     * {@code ./mvnw -q compile exec:java "-Dexec.mainClass=conclab.transfer.FileReceiver"
     * "-Dexec.args=inbox 9000"}.
     *
     * @param args {@code FOLDER [PORT]}
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java conclab.transfer.FileReceiver FOLDER [PORT]");
            System.exit(2);
        }
        Path folder = Files.createDirectories(Path.of(args[0]));
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("receiving into " + folder + " on 127.0.0.1:"
                    + server.getLocalPort());
            while (true) {                                   // the connection loop
                try (Socket connection = server.accept()) {
                    connection.setSoTimeout(30_000);         // a sender that stalls is dropped
                    Path stored = receive(connection.getInputStream(), folder);
                    System.out.println("stored " + stored.getFileName() + " ("
                            + Files.size(stored) + " bytes)");
                } catch (IOException e) {
                    System.out.println("refused: " + e.getMessage());
                }
            }
        }
    }
}
