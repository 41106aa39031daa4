package conclab.transfer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
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
        DataInputStream data = new DataInputStream(in);           // reads no byte ahead
        String name;
        long size;
        byte[] expected = new byte[32];
        try {
            int nameLength = data.readUnsignedShort();
            if (nameLength < 1 || nameLength > MAX_NAME_BYTES) {
                throw new TransferException(TransferException.Reason.BAD_NAME, "a name of "
                        + nameLength + " bytes; a name has 1.." + MAX_NAME_BYTES);
            }
            byte[] nameBytes = new byte[nameLength];
            data.readFully(nameBytes);
            name = decode(nameBytes);
            Path target = checkedTarget(targetDir, name);           // before anything is written
            size = data.readLong();
            if (size < 0) {
                throw new TransferException(TransferException.Reason.BAD_HEADER,
                        "a negative size: " + size);
            }
            data.readFully(expected);
            return store(data, target, size, expected);
        } catch (EOFException e) {
            throw new TransferException(TransferException.Reason.TRUNCATED,
                    "the stream ended in the middle of the header", e);
        }
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

    /** Streams {@code size} bytes into a temporary file, checks the digest, moves it into place. */
    private static Path store(DataInputStream data, Path target, long size, byte[] expected)
            throws IOException {
        Path part = Files.createTempFile(target.getParent(), ".receiving-", ".part");
        boolean kept = false;
        try {
            MessageDigest digest = FileDigests.newSha256();
            byte[] chunk = new byte[FileDigests.CHUNK_SIZE];
            long received = 0;
            try (OutputStream out = Files.newOutputStream(part)) {
                while (received < size) {
                    int n = data.read(chunk, 0, (int) Math.min(chunk.length, size - received));
                    if (n < 0) {
                        throw new TransferException(TransferException.Reason.TRUNCATED,
                                "the stream ended after " + received + " of " + size
                                        + " bytes of " + target.getFileName());
                    }
                    out.write(chunk, 0, n);
                    digest.update(chunk, 0, n);
                    received += n;
                }
            }
            byte[] actual = digest.digest();
            if (!MessageDigest.isEqual(expected, actual)) {
                throw new TransferException(TransferException.Reason.DIGEST_MISMATCH,
                        target.getFileName() + ": the header announced SHA-256 "
                                + HexFormat.of().formatHex(expected) + ", the content has "
                                + HexFormat.of().formatHex(actual));
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            kept = true;
            return target;
        } finally {
            if (!kept) {
                Files.deleteIfExists(part);
            }
        }
    }

    /** The name's UTF-8, strictly: malformed bytes are refused, not replaced. */
    private static String decode(byte[] nameBytes) throws TransferException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(nameBytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TransferException(TransferException.Reason.BAD_NAME,
                    "the name is not valid UTF-8", e);
        }
    }

    /** Where a file of this name goes, if the name is a plain file name; refuses it otherwise. */
    private static Path checkedTarget(Path targetDir, String name) throws TransferException {
        String why = null;
        if (name.equals(".") || name.equals("..")) {
            why = "it names a folder, not a file";
        } else {
            for (char c : name.toCharArray()) {
                if (c == '/' || c == '\\' || c == ':') {
                    why = "it holds '" + c + "', which is not allowed in a plain file name";
                    break;
                }
                if (c < 0x20) {
                    why = "it holds the control character U+" + String.format("%04X", (int) c);
                    break;
                }
            }
        }
        if (why == null) {
            try {
                Path target = targetDir.resolve(name);
                if (target.getParent() != null && target.getParent().equals(targetDir)
                        && target.getFileName().toString().equals(name)) {
                    return target;
                }
                why = "it does not resolve to a file inside the target folder";
            } catch (InvalidPathException e) {
                why = "this system cannot use it as a file name (" + e.getReason() + ")";
            }
        }
        throw new TransferException(TransferException.Reason.BAD_NAME,
                "refused the name \"" + name + "\": " + why);
    }
}
