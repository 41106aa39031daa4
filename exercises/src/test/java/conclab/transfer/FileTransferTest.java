package conclab.transfer;

import static conclab.transfer.TransferTestKit.HELLO_TRANSFER;
import static conclab.transfer.TransferTestKit.TCP_WAIT;
import static conclab.transfer.TransferTestKit.hex;
import static conclab.transfer.TransferTestKit.publish;
import static conclab.transfer.TransferTestKit.listing;
import static conclab.transfer.TransferTestKit.sha256;
import static conclab.transfer.TransferTestKit.transfer;
import static conclab.transfer.TransferTestKit.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.transfer.TransferTestKit.Content;
import conclab.transfer.TransferTestKit.Dribble;
import conclab.transfer.TransferTestKit.Header;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire format in both directions, checked against bytes the test writes and reads itself;
 * a transfer over a real TCP connection; and every way a transfer can go wrong.
 */
@Tag("transfer")
@Timeout(10)
class FileTransferTest {

    @TempDir
    Path dir;

    @Test
    @Points(2)
    @Hint("sendFormat")
    void sendWritesTheDocumentedBytes() throws Exception {
        Path hello = dir.resolve("hi.txt");
        Files.write(hello, utf8("hello\n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] digest = FileSender.send(hello, out);
        if (!Arrays.equals(HELLO_TRANSFER, out.toByteArray())) {
            fail("send(hi.txt holding \"hello\\n\") must write the 54 bytes of the example in"
                    + " FileSender's documentation:\n  " + hex(HELLO_TRANSFER) + "\nbut wrote "
                    + out.size() + " bytes:\n  " + hex(out.toByteArray()));
        }
        assertEquals(hex(sha256(utf8("hello\n"))), hex(digest), "send returns the digest sent");

        String name = "数据 ü-😀.bin"; // 3-byte and 4-byte UTF-8: not what writeUTF writes
        Path file = dir.resolve(name);
        int size = 3 * FileDigests.CHUNK_SIZE + 11;
        Content.write(file, size);
        out.reset();
        FileSender.send(file, out);
        InputStream sent = new ByteArrayInputStream(out.toByteArray());
        Header header = Header.read(sent, "send");
        assertEquals(hex(utf8(name)), hex(header.nameBytes()), "the name of '" + name + "' must"
                + " be sent as its " + utf8(name).length + " bytes of UTF-8"
                + " (name.getBytes(UTF_8), not writeUTF), after their count in 2 bytes");
        assertEquals(size, header.size(), "the size field (8 bytes, big-endian)");
        assertEquals(hex(sha256(Content.bytes(0, size))), hex(header.digest()),
                "the digest field: the SHA-256 of the whole content");
        String difference = Content.check(sent, size);
        if (difference != null) {
            fail("after the header come the file's " + size + " bytes, but " + difference);
        }
        assertEquals(-1, sent.read(), "send wrote more bytes than header and content");
    }

    @Test
    @Points(2)
    @Hint("receiveFormat")
    void receiveStoresAHandBuiltTransfer() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        Path stored = FileReceiver.receive(new ByteArrayInputStream(HELLO_TRANSFER), inbox);
        assertEquals(inbox.resolve("hi.txt"), stored, "receive returns targetDir.resolve(name)");
        assertEquals("hello\n", Files.readString(stored), "the content of hi.txt");
        assertEquals(List.of("hi.txt"), listing(inbox), "the inbox must hold the file, and"
                + " nothing else");

        String name = "报告 😀.bin";
        byte[] content = Content.bytes(0, 2 * FileDigests.CHUNK_SIZE + 5);
        InputStream slow = new Dribble(new ByteArrayInputStream(transfer(name, content)), 7);
        stored = FileReceiver.receive(slow, inbox);
        assertEquals(inbox.resolve(name), stored, "a name in UTF-8 of 3- and 4-byte characters");
        if (!Arrays.equals(content, Files.readAllBytes(stored))) {
            fail("the transfer arrived 7 bytes per read() (TCP may deliver it like that), and"
                    + " the stored file differs from what was sent. One read() may return fewer"
                    + " bytes than asked: use readFully for the header, and for the content"
                    + " write exactly the n bytes each read returned.");
        }
    }

    @Test
    @Points(2)
    @Hint("tcp")
    void sendsAndReceivesOverTcp(TestReporter reporter) throws Exception {
        Path outbox = Files.createDirectory(dir.resolve("outbox"));
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        Path file = outbox.resolve("photo.jpg");
        int size = 1_000_003;
        Content.write(file, size);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) TCP_WAIT.toMillis());
            BoundedWait.announce(TCP_WAIT.multipliedBy(2)); // the accept, then the reads
            long start = System.nanoTime();
            FutureTask<Path> receiving = new FutureTask<>(() -> {
                try (Socket connection = server.accept()) {
                    connection.setSoTimeout((int) TCP_WAIT.toMillis());
                    return FileReceiver.receive(connection.getInputStream(), inbox);
                }
            });
            Thread receiver = new Thread(receiving, "transfer-test-receiver");
            receiver.setDaemon(true);
            receiver.start();

            byte[] digest = FileSender.send(file, new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), server.getLocalPort()));
            Path stored = receiving.get(TCP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            publish(reporter, "tcpTransfer", System.nanoTime() - start, TCP_WAIT);
            assertEquals(inbox.resolve("photo.jpg"), stored, "where the file was stored");
            assertEquals(hex(sha256(Files.readAllBytes(file))), hex(digest), "send's digest");
            if (Files.mismatch(file, stored) != -1) {
                fail("the received photo.jpg differs from the one sent, from byte "
                        + Files.mismatch(file, stored));
            }
        }
    }

    @Test
    @Points(3)
    @Hint("mismatch")
    void aDigestMismatchDeletesThePartialFileAndThrows() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        byte[] content = Content.bytes(0, 200_000);
        byte[] wrongDigest = sha256(content);
        wrongDigest[31] ^= 1;
        byte[] bytes = TransferTestKit.transfer(utf8("damaged.bin"), content.length, wrongDigest,
                content);
        TransferException refused = expectRefusal(() -> FileReceiver.receive(
                new ByteArrayInputStream(bytes), inbox), "a transfer whose content does not"
                + " match the SHA-256 in its header");
        assertEquals(TransferException.Reason.DIGEST_MISMATCH, refused.reason(), "the reason"
                + " of the refusal (" + refused.getMessage() + ")");
        assertEquals(List.of(), listing(inbox), "after a digest mismatch the target folder must"
                + " hold nothing of the transfer (no partial file, no temporary file)");
    }

    @Test
    @Points(2)
    @Hint("truncated")
    void aTransferCutShortLeavesNothing() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        byte[] content = Content.bytes(0, 100_000);
        byte[] whole = transfer("cut.bin", content);
        for (int keep : new int[] {whole.length - 50_000, 20}) {
            byte[] cut = Arrays.copyOf(whole, keep);
            TransferException refused = expectRefusal(() -> FileReceiver.receive(
                    new ByteArrayInputStream(cut), inbox), "a transfer cut off after " + keep
                    + " of its " + whole.length + " bytes (" + (keep < 42 ? "in the header"
                    : "in the content") + ")");
            assertEquals(TransferException.Reason.TRUNCATED, refused.reason(), "the reason of"
                    + " the refusal (" + refused.getMessage() + ")");
            assertEquals(List.of(), listing(inbox), "after a transfer cut short the target"
                    + " folder must hold nothing of it");
        }
    }

    @Test
    @Points(3)
    @Hint("names")
    void namesThatLeaveTheFolderAreRefused() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("home/inbox"));
        Files.writeString(dir.resolve("home/.profile"), "mine");
        List<String> names = List.of("../.profile", "../escaped.txt", "sub/file.txt",
                "..\\escaped.txt", dir.resolve("absolute.txt").toString(), "..", ".");
        for (String name : names) {
            byte[] evil = transfer(name, utf8("rm -rf ~"));
            TransferException refused = expectRefusal(() -> FileReceiver.receive(
                    new ByteArrayInputStream(evil), inbox), "a transfer named \"" + name + "\"");
            assertEquals(TransferException.Reason.BAD_NAME, refused.reason(), "the reason of"
                    + " refusing \"" + name + "\" (" + refused.getMessage() + ")");
        }
        assertEquals(List.of("home", "home/.profile", "home/inbox"), listing(dir), "nothing may"
                + " be written outside the target folder, nor inside it, for a refused name");
        assertEquals("mine", Files.readString(dir.resolve("home/.profile")));
    }

    /** Runs a receive that must be refused; the refusal, or a failure that says what happened. */
    static TransferException expectRefusal(ReceiveCall call, String what) throws Exception {
        Path stored;
        try {
            stored = call.receive();
        } catch (TransferException e) {
            return e;
        } catch (UnsupportedOperationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            return fail(what + " must be refused with a TransferException (and its reason), but"
                    + " receive threw " + e, e);
        }
        return fail(what + " must be refused with a TransferException, but receive stored it as "
                + stored);
    }

    /** A call of {@link FileReceiver#receive}. */
    @FunctionalInterface
    interface ReceiveCall {
        Path receive() throws IOException;
    }
}
