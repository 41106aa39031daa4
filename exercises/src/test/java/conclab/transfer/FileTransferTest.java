package conclab.transfer;

import static conclab.transfer.TransferTestKit.HELLO_TRANSFER;
import static conclab.transfer.TransferTestKit.TCP_WAIT;
import static conclab.transfer.TransferTestKit.hex;
import static conclab.transfer.TransferTestKit.publish;
import static conclab.transfer.TransferTestKit.listing;
import static conclab.transfer.TransferTestKit.sha256;
import static conclab.transfer.TransferTestKit.transfer;
import static conclab.transfer.TransferTestKit.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.transfer.TransferTestKit.Content;
import conclab.transfer.TransferTestKit.Dribble;
import conclab.transfer.TransferTestKit.Header;
import conclab.transfer.TransferTestKit.TestInput;
import conclab.transfer.TransferTestKit.TestOutput;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /** How long the end of a connection that was closed takes to arrive: it is there at once. */
    static final Duration CLOSED_WAIT = conclab.harness.Timing.upperBound(Duration.ofMillis(100));

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

    @Test
    @Points(1)
    @Hint("sendOpen")
    void sendFlushesAndLeavesTheStreamOpen() throws Exception {
        Path file = dir.resolve("notes.txt");
        byte[] content = Content.bytes(0, 100_000);
        Files.write(file, content);
        TestOutput underneath = new TestOutput();
        // the caller's own buffer, larger than the transfer: only a flush empties it
        BufferedOutputStream out = new BufferedOutputStream(underneath, 1 << 20);
        FileSender.send(file, out);
        assertFalse(underneath.closed(), "send closed the stream it was given (try-with-resources"
                + " on a wrapper closes what it wraps): leave it open, the caller may go on"
                + " using it");
        if (!Arrays.equals(transfer("notes.txt", content), underneath.bytes())) {
            fail("send was given a BufferedOutputStream; when it returned, "
                    + underneath.bytes().length + " of the transfer's " + (42 + 9 + 100_000)
                    + " bytes had gone through it: send must flush out at the end");
        }
    }

    @Test
    @Points(1)
    @Hint("sendLongName")
    void sendRefusesANameLongerThan255BytesOfUtf8() throws Exception {
        String longest = "数".repeat(85); // 85 characters, 255 bytes of UTF-8: the longest name
        Path file = dir.resolve(longest);
        Files.writeString(file, "ok");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FileSender.send(file, out);
        Header header = Header.read(new ByteArrayInputStream(out.toByteArray()), "send");
        assertEquals(255, header.nameBytes().length, "a name of 255 bytes of UTF-8 is sent whole");
        Path shortest = dir.resolve("x"); // 1 byte: the shortest name
        Files.writeString(shortest, "ok");
        out.reset();
        FileSender.send(shortest, out);
        assertEquals("x", Header.read(new ByteArrayInputStream(out.toByteArray()), "send")
                .name(), "a name of 1 byte is sent");

        // 86 characters, 258 bytes: no file system here can hold such a name, so the file does
        // not exist; the name is checked before the file is read
        Path tooLong = dir.resolve("数".repeat(86));
        out.reset();
        try {
            FileSender.send(tooLong, out);
            fail("send(a file whose name is 86 characters, 258 bytes of UTF-8) returned; it must"
                    + " throw IllegalArgumentException: the wire format takes 1..255 bytes");
        } catch (IllegalArgumentException expected) {
            assertEquals(0, out.size(), "send wrote " + out.size() + " bytes for a name it"
                    + " refused: check the name before writing anything");
        } catch (IOException e) {
            fail("send(a file whose name is 86 characters, 258 bytes of UTF-8) threw " + e
                    + "; it must throw IllegalArgumentException before it reads the file: the"
                    + " limit is 255 bytes of UTF-8, not 255 characters", e);
        }
    }

    @Test
    @Points(1)
    @Hint("sendCloses")
    void sendClosesItsConnection() throws Exception {
        Path file = dir.resolve("letter.txt");
        byte[] content = Content.bytes(0, 10_000);
        Files.write(file, content);
        FileSender.send(file, new ByteArrayOutputStream()); // a stub fails here, at once
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) TCP_WAIT.toMillis());
            FutureTask<byte[]> sending = new FutureTask<>(() -> FileSender.send(file,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(),
                            server.getLocalPort())));
            Thread sender = new Thread(sending, "transfer-test-sender");
            sender.setDaemon(true);
            BoundedWait.announce(TCP_WAIT.multipliedBy(2).plus(CLOSED_WAIT)); // accept, send, end
            sender.start();
            try (Socket connection = server.accept()) {
                connection.setSoTimeout((int) TCP_WAIT.toMillis());
                sending.get(TCP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                InputStream in = connection.getInputStream();
                Header header = Header.read(in, "send(file, receiver)");
                assertEquals("letter.txt", header.name(), "the name sent");
                String difference = Content.check(in, content.length);
                if (difference != null) {
                    fail("send(file, receiver) sent the header, then: " + difference);
                }
                // send has returned: a closed socket's end is on its way already
                connection.setSoTimeout((int) CLOSED_WAIT.toMillis());
                int after;
                try {
                    after = in.read();
                } catch (SocketTimeoutException e) {
                    after = -2;
                }
                assertEquals(-1, after, "send(file, receiver) had returned and the whole transfer"
                        + " had arrived, but the connection " + (after == -2 ? "stayed open for "
                        + CLOSED_WAIT.toMillis() + " ms more" : "carried more bytes") + ": send"
                        + " closes its socket when it is done (try-with-resources)");
            }
        }
    }

    @Test
    @Points(1)
    @Hint("exactly")
    void receiveReadsExactlyItsTransferAndLeavesTheStreamOpen() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        byte[] content = Content.bytes(0, 100_000);
        byte[] whole = transfer("first.bin", content);
        byte[] next = utf8("NEXT");
        byte[] bytes = Arrays.copyOf(whole, whole.length + next.length);
        System.arraycopy(next, 0, bytes, whole.length, next.length);
        TestInput in = TestInput.of(bytes);
        FileReceiver.receive(in, inbox);
        assertArrayEquals(content, Files.readAllBytes(inbox.resolve("first.bin")), "first.bin");
        assertEquals(whole.length, in.position(), "the stream carried a transfer of "
                + whole.length + " bytes and then 4 more (the start of whatever comes next);"
                + " receive took " + in.position() + " bytes: read exactly the header and SIZE"
                + " bytes of content, never a whole buffer when fewer bytes are left (and no"
                + " BufferedInputStream, which reads ahead)");
        assertFalse(in.closed(), "receive closed the stream it was given (try-with-resources on"
                + " a wrapper closes what it wraps): leave it open, it is the caller's");
        assertTrue(in.largestRead() <= FileDigests.CHUNK_SIZE, "one read asked for "
                + in.largestRead() + " bytes: copy the content in chunks of at most"
                + " FileDigests.CHUNK_SIZE (" + FileDigests.CHUNK_SIZE + ") bytes");
    }

    @Test
    @Points(2)
    @Hint("failMidway")
    void aStreamThatFailsMidTransferLeavesNothing() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        byte[] whole = transfer("reset.bin", Content.bytes(0, 200_000));
        TestInput in = TestInput.failingAt(whole, 100_000,
                () -> new SocketException("Connection reset"));
        try {
            Path stored = FileReceiver.receive(in, inbox);
            fail("the stream failed with \"Connection reset\" after 100000 of its " + whole.length
                    + " bytes, but receive returned " + stored + ": the failure must reach the"
                    + " caller");
        } catch (IOException expected) {
            // a SocketException, or a TransferException around it
        }
        assertEquals(List.of(), listing(inbox), "the connection was reset in the middle of the"
                + " content: whatever goes wrong, not only a refusal, the temporary file must be"
                + " deleted before the exception leaves (finally, or catch IOException)");
    }

    @Test
    @Points(2)
    @Hint("nameBytes")
    void theNameLimitIsCountedInBytesOfUtf8() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        String longest = "数".repeat(85); // 85 characters of 3 bytes: 255 bytes, the longest
        Path stored = FileReceiver.receive(TestInput.of(transfer(longest, utf8("ok"))), inbox);
        assertEquals(inbox.resolve(longest), stored, "a name of 255 bytes of UTF-8 is accepted");

        String tooLong = "数".repeat(85) + "a"; // 86 characters, 256 bytes
        TransferException refused = expectRefusal(() -> FileReceiver.receive(
                TestInput.of(transfer(tooLong, utf8("ok"))), inbox), "a transfer named with 86"
                + " characters that make 256 bytes of UTF-8 (the limit, 255, is in bytes)");
        assertEquals(TransferException.Reason.BAD_NAME, refused.reason(), "the reason ("
                + refused.getMessage() + ")");
        assertEquals(List.of(longest), listing(inbox), "nothing of the refused transfer is left");
    }

    @Test
    @Points(2)
    @Hint("plainName")
    void namesThatAreNotPlainFileNamesAreRefused() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        byte[] content = utf8("payload");
        List<byte[]> badNames = List.of(new byte[0], utf8("C:evil.txt"), utf8("line\nbreak"),
                new byte[] {'b', 'a', 'd', (byte) 0xFF, '.', 't', 'x', 't'});
        for (byte[] name : badNames) {
            String shown = "\"" + new String(name, StandardCharsets.UTF_8)
                    .replace("\n", "\\n") + "\" (" + hex(name) + ")";
            TransferException refused = expectRefusal(() -> FileReceiver.receive(
                    TestInput.of(TransferTestKit.transfer(name, content.length, sha256(content),
                            content)), inbox), "a transfer named " + shown);
            assertEquals(TransferException.Reason.BAD_NAME, refused.reason(), "refusing the"
                    + " name " + shown + " (" + refused.getMessage() + ")");
        }
        assertEquals(List.of(), listing(inbox), "nothing is written for a refused name");
    }

    @Test
    @Points(1)
    @Hint("beforeContent")
    void aBadHeaderIsRefusedBeforeTheContentIsRead() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        // headers whose content never comes: the refusal must not wait for it
        byte[] badName = TransferTestKit.header("../up.txt", 1_000_000, new byte[32]);
        TransferException refused = expectRefusal(() -> FileReceiver.receive(
                TestInput.of(badName), inbox), "a header named \"../up.txt\" (and no content"
                + " after it)");
        assertEquals(TransferException.Reason.BAD_NAME, refused.reason(), "the name is checked"
                + " before anything is written or read further (" + refused.getMessage() + ")");
        byte[] negative = TransferTestKit.header("minus.bin", -1, new byte[32]);
        refused = expectRefusal(() -> FileReceiver.receive(TestInput.of(negative), inbox),
                "a header with the size -1");
        assertEquals(TransferException.Reason.BAD_HEADER, refused.reason(), "a negative size is"
                + " a bad header (" + refused.getMessage() + ")");
        assertEquals(List.of(), listing(inbox), "nothing is written for a refused header");
    }

    @Test
    @Points(1)
    @Hint("replaceOld")
    void aGoodTransferReplacesAnOlderFile() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        Files.writeString(inbox.resolve("report.txt"), "old version");
        FileReceiver.receive(TestInput.of(transfer("report.txt", utf8("new version"))), inbox);
        assertEquals("new version", Files.readString(inbox.resolve("report.txt")), "a good"
                + " transfer replaces an older file of the same name (Files.move with"
                + " REPLACE_EXISTING)");
        assertEquals(List.of("report.txt"), listing(inbox), "and leaves nothing else behind");
    }

    @Test
    @Points(2)
    @Hint("partFile")
    void whileTheContentArrivesOnlyATemporaryFileIsInTheFolder() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        byte[] content = Content.bytes(0, 150_000);
        byte[] whole = transfer("movie.mp4", content);
        TestInput in = TestInput.heldAt(whole, 42 + 9 + 70_000);
        FutureTask<Path> receiving = new FutureTask<>(() -> FileReceiver.receive(in, inbox));
        Thread receiver = new Thread(receiving, "transfer-test-receiver");
        receiver.setDaemon(true);
        receiver.start();
        try {
            BoundedWait.announce(TCP_WAIT);
            await().atMost(TCP_WAIT).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> in.heldAtTheGate() || receiving.isDone());
            if (receiving.isDone()) {
                receiving.get(); // what it threw, or
                fail("receive returned before the content had arrived");
            }
            List<String> during = listing(inbox);
            assertFalse(during.contains("movie.mp4"), "while the content of movie.mp4 was still"
                    + " arriving, the target folder already held movie.mp4 (" + during + "):"
                    + " write into a temporary file and move it into place once the digest"
                    + " matches, so that nobody takes a half-received file for the real one");
            assertTrue(during.size() == 1 && during.get(0).matches("\\.receiving-.*\\.part"),
                    "while the content was arriving, the target folder must hold exactly one"
                    + " temporary file, Files.createTempFile(targetDir, \".receiving-\","
                    + " \".part\"), but it held " + during);
        } finally {
            in.release();
        }
        Path stored = receiving.get(TCP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertArrayEquals(content, Files.readAllBytes(stored), "movie.mp4");
        assertEquals(List.of("movie.mp4"), listing(inbox), "once stored, only movie.mp4 is left");
    }

    @Test
    @Points(1)
    @Hint("noReceiver")
    void sendReportsAConnectionThatCannotBeMade() throws Exception {
        Path file = dir.resolve("unsent.txt");
        Files.writeString(file, "nobody listens");
        // a port that is the test's own (bound, so nobody else can take it) but not listening:
        // a connection to it is refused at once
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    holder.getLocalPort());
            try {
                byte[] digest = FileSender.send(file, nobody);
                fail("send(file, a port where nobody listens) returned "
                        + (digest == null ? "null" : hex(digest)) + "; it must throw the"
                        + " IOException: a caller cannot tell otherwise that nothing was sent");
            } catch (IOException expected) {
                // "Connection refused", as documented: the connection cannot be made
            }
        }
    }

    @Test
    @Points(1)
    @Hint("oddNames")
    void oddButPlainNamesAreAccepted() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        for (String name : List.of("a..b.txt", ".hidden", "x")) {
            FileReceiver.receive(TestInput.of(transfer(name, utf8(name))), inbox);
            assertEquals(name, Files.readString(inbox.resolve(name)), "\"" + name + "\" is a"
                    + " plain file name (no separator, not . or .., 1 to 255 bytes): it must be"
                    + " stored, not refused");
        }
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
