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
import conclab.harness.Say;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The wire format in both directions, checked against bytes the test writes and reads itself;
 * a transfer over a real TCP connection; and every way a transfer can go wrong. Every text is in
 * {@code FileTransferTest.properties} (and {@code _zh_CN}); each check that can fail in its own
 * way carries the hint for it ({@link Say#hinting}): the field of the header that differs, the
 * rule a refused name breaks, a stream closed or not flushed, a refusal of the wrong reason or a
 * folder not left empty.
 */
@Tag("transfer")
@Timeout(10)
class FileTransferTest {

    private static final Say SAY = Say.of(FileTransferTest.class);

    /** The fields of the header of {@link TransferTestKit#HELLO_TRANSFER}: where each one ends. */
    private static final int[] HELLO_FIELDS = {2, 8, 16, 48, 54};
    private static final String[] HELLO_FIELD_NAMES = {"length", "name", "size", "digest", "content"};

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
        byte[] wrote = out.toByteArray();
        int differs = Arrays.mismatch(HELLO_TRANSFER, wrote);
        if (differs >= 0) {
            int field = 0;
            while (field < HELLO_FIELDS.length && differs >= HELLO_FIELDS[field]) {
                field++;
            }
            String name = field < HELLO_FIELDS.length ? HELLO_FIELD_NAMES[field] : "extra";
            String text = SAY.text("send.example", hex(HELLO_TRANSFER), wrote.length, hex(wrote),
                    differs, SAY.text("field." + name));
            SAY.hinting("send.field." + name, () -> fail(text));
        }
        SAY.hinting("send.returnsDigest", () -> assertEquals(hex(sha256(utf8("hello\n"))),
                hex(digest), SAY.text("send.returns")));

        String name = "数据 ü-😀.bin"; // 3-byte and 4-byte UTF-8: not what writeUTF writes
        Path file = dir.resolve(name);
        int size = 3 * FileDigests.CHUNK_SIZE + 11;
        Content.write(file, size);
        out.reset();
        FileSender.send(file, out);
        InputStream sent = new ByteArrayInputStream(out.toByteArray());
        Header header = Header.read(sent, "send");
        SAY.hinting("send.field.name", () -> assertEquals(hex(utf8(name)), hex(header.nameBytes()),
                SAY.text("send.utf8", name, utf8(name).length)));
        SAY.hinting("send.field.size", () -> assertEquals(size, header.size(), SAY.text("send.size")));
        SAY.hinting("send.field.digest", () -> assertEquals(hex(sha256(Content.bytes(0, size))),
                hex(header.digest()), SAY.text("send.digest")));
        String difference = Content.check(sent, size);
        if (difference != null) {
            SAY.hinting("send.field.content", () -> fail(SAY.text("send.content", size, difference)));
        }
        int after = sent.read();
        SAY.hinting("send.field.extra", () -> assertEquals(-1, after, SAY.text("send.more")));
    }

    @Test
    @Points(2)
    @Hint("receiveFormat")
    void receiveStoresAHandBuiltTransfer() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        Path hi = FileReceiver.receive(new ByteArrayInputStream(HELLO_TRANSFER), inbox);
        assertEquals(inbox.resolve("hi.txt"), hi, SAY.text("receive.returns"));
        assertEquals("hello\n", Files.readString(hi), SAY.text("receive.content"));
        List<String> files = listing(inbox);
        SAY.hinting("receive.moved", () -> assertEquals(List.of("hi.txt"), files,
                SAY.text("receive.onlyTheFile")));

        String name = "报告 😀.bin";
        byte[] content = Content.bytes(0, 2 * FileDigests.CHUNK_SIZE + 5);
        InputStream slow = new Dribble(new ByteArrayInputStream(transfer(name, content)), 7);
        // the same transfer as above, only in small pieces: whatever fails now, fails for that
        SAY.hinting("receive.pieces", () -> {
            Path stored = FileReceiver.receive(slow, inbox);
            assertEquals(inbox.resolve(name), stored, SAY.text("receive.utf8Name"));
            if (!Arrays.equals(content, Files.readAllBytes(stored))) {
                fail(SAY.text("receive.dribbled"));
            }
        });
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
            Path stored = received(receiving, "photo.jpg", "tcp.refusal");
            publish(reporter, "tcpTransfer", System.nanoTime() - start, TCP_WAIT);
            assertEquals(inbox.resolve("photo.jpg"), stored, SAY.text("tcp.where"));
            assertEquals(hex(sha256(Files.readAllBytes(file))), hex(digest), SAY.text("tcp.digest"));
            if (Files.mismatch(file, stored) != -1) {
                fail(SAY.text("tcp.differs", Files.mismatch(file, stored)));
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
                new ByteArrayInputStream(bytes), inbox), SAY.text("mismatch.what"));
        SAY.hinting("mismatch.reason", () -> assertEquals(TransferException.Reason.DIGEST_MISMATCH,
                refused.reason(), SAY.text("refusal.reason", refused.getMessage())));
        List<String> left = listing(inbox);
        SAY.hinting("refusal.cleanUp", () -> assertEquals(List.of(), left, SAY.text("mismatch.left")));
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
                    new ByteArrayInputStream(cut), inbox), SAY.text(keep < 42 ? "truncated.header"
                    : "truncated.content", keep, whole.length));
            SAY.hinting("truncated.reason", () -> assertEquals(TransferException.Reason.TRUNCATED,
                    refused.reason(), SAY.text("refusal.reason", refused.getMessage())));
            List<String> left = listing(inbox);
            SAY.hinting("refusal.cleanUp", () -> assertEquals(List.of(), left,
                    SAY.text("truncated.left")));
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
                    new ByteArrayInputStream(evil), inbox), SAY.text("names.what", "\"" + name + "\""));
            SAY.hinting("names.reason", () -> assertEquals(TransferException.Reason.BAD_NAME,
                    refused.reason(), SAY.text("names.refusedFor", "\"" + name + "\"",
                            refused.getMessage())));
        }
        List<String> everything = listing(dir);
        SAY.hinting("names.first", () -> assertEquals(List.of("home", "home/.profile",
                "home/inbox"), everything, SAY.text("names.written")));
        assertEquals("mine", Files.readString(dir.resolve("home/.profile")),
                SAY.text("names.profile"));
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
        SAY.hinting("sendOpen.close", () -> assertFalse(underneath.closed(),
                SAY.text("sendOpen.closed")));
        byte[] expected = transfer("notes.txt", content);
        byte[] through = underneath.bytes();
        if (!Arrays.equals(expected, through)) {
            if (through.length < expected.length
                    && Arrays.equals(expected, 0, through.length, through, 0, through.length)) {
                SAY.hinting("sendOpen.flush", () -> fail(SAY.text("sendOpen.unflushed",
                        through.length, expected.length)));
            }
            // not a part of the transfer that stayed in the buffer: other bytes
            SAY.hinting("send.format", () -> fail(SAY.text("sendOpen.otherBytes",
                    Arrays.mismatch(expected, through))));
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
        Path shortest = dir.resolve("x"); // 1 byte: the shortest name
        Files.writeString(shortest, "ok");
        SAY.hinting("sendLongName.allowed", () -> {
            FileSender.send(file, out);
            Header header = Header.read(new ByteArrayInputStream(out.toByteArray()), "send");
            assertEquals(255, header.nameBytes().length, SAY.text("sendLongName.longest"));
            out.reset();
            FileSender.send(shortest, out);
            assertEquals("x", Header.read(new ByteArrayInputStream(out.toByteArray()), "send")
                    .name(), SAY.text("sendLongName.shortest"));
        });

        // 86 characters, 258 bytes: no file system here can hold such a name, so the file does
        // not exist; the name is checked before the file is read
        Path tooLong = dir.resolve("数".repeat(86));
        out.reset();
        try {
            FileSender.send(tooLong, out);
            fail(SAY.text("sendLongName.returned"));
        } catch (IllegalArgumentException expected) {
            SAY.hinting("sendLongName.first", () -> assertEquals(0, out.size(),
                    SAY.text("sendLongName.wrote", out.size())));
        } catch (IOException e) {
            SAY.hinting("sendLongName.bytes", () -> fail(SAY.text("sendLongName.threw", e), e));
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
                sent(sending);
                InputStream in = connection.getInputStream();
                Header header = Header.read(in, "send(file, receiver)");
                SAY.hinting("send.ownName", () -> assertEquals("letter.txt", header.name(),
                        SAY.text("sendCloses.name")));
                String difference = Content.check(in, content.length);
                if (difference != null) {
                    fail(SAY.text("sendCloses.content", difference));
                }
                // send has returned: a closed socket's end is on its way already
                connection.setSoTimeout((int) CLOSED_WAIT.toMillis());
                int after;
                try {
                    after = in.read();
                } catch (SocketTimeoutException e) {
                    after = -2;
                }
                assertEquals(-1, after, after == -2
                        ? SAY.text("sendCloses.open", CLOSED_WAIT.toMillis())
                        : SAY.text("sendCloses.more"));
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
        assertArrayEquals(content, Files.readAllBytes(inbox.resolve("first.bin")),
                SAY.text("exactly.content"));
        SAY.hinting("exactly.stop", () -> assertEquals(whole.length, in.position(),
                SAY.text("exactly.took", whole.length, in.position())));
        SAY.hinting("exactly.open", () -> assertFalse(in.closed(), SAY.text("exactly.closed")));
        SAY.hinting("exactly.chunks", () -> assertTrue(in.largestRead() <= FileDigests.CHUNK_SIZE,
                SAY.text("exactly.largest", in.largestRead(), FileDigests.CHUNK_SIZE)));
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
            fail(SAY.text("failMidway.returned", whole.length, stored));
        } catch (IOException expected) {
            // a SocketException, or a TransferException around it
        }
        assertEquals(List.of(), listing(inbox), SAY.text("failMidway.left"));
    }

    @Test
    @Points(2)
    @Hint("nameBytes")
    void theNameLimitIsCountedInBytesOfUtf8() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        String longest = "数".repeat(85); // 85 characters of 3 bytes: 255 bytes, the longest
        SAY.hinting("nameBytes.allowed", () -> {
            Path stored = FileReceiver.receive(TestInput.of(transfer(longest, utf8("ok"))), inbox);
            assertEquals(inbox.resolve(longest), stored, SAY.text("nameBytes.longest"));
        });

        String tooLong = "数".repeat(85) + "a"; // 86 characters, 256 bytes
        TransferException refused = expectRefusal(() -> FileReceiver.receive(
                TestInput.of(transfer(tooLong, utf8("ok"))), inbox), SAY.text("nameBytes.what"));
        SAY.hinting("names.reason", () -> assertEquals(TransferException.Reason.BAD_NAME,
                refused.reason(), SAY.text("refusal.reason", refused.getMessage())));
        List<String> left = listing(inbox);
        SAY.hinting("refusal.cleanUp", () -> assertEquals(List.of(longest), left,
                SAY.text("nameBytes.left")));
    }

    @Test
    @Points(2)
    @Hint("plainName")
    void namesThatAreNotPlainFileNamesAreRefused() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        byte[] content = utf8("payload");
        List<byte[]> badNames = List.of(new byte[0], utf8("C:evil.txt"), utf8("line\nbreak"),
                new byte[] {'b', 'a', 'd', (byte) 0xFF, '.', 't', 'x', 't'});
        // each name breaks one rule, and its refusal carries the hint for that rule
        List<String> rules = List.of("plainName.empty", "plainName.colon", "plainName.control",
                "plainName.utf8");
        for (int i = 0; i < badNames.size(); i++) {
            byte[] name = badNames.get(i);
            String shown = "\"" + new String(name, StandardCharsets.UTF_8)
                    .replace("\n", "\\n") + "\" (" + hex(name) + ")";
            SAY.hinting(rules.get(i), () -> {
                TransferException refused = expectRefusal(() -> FileReceiver.receive(
                        TestInput.of(TransferTestKit.transfer(name, content.length,
                                sha256(content), content)), inbox), SAY.text("names.what", shown));
                assertEquals(TransferException.Reason.BAD_NAME, refused.reason(),
                        SAY.text("names.refusedFor", shown, refused.getMessage()));
            });
        }
        List<String> left = listing(inbox);
        SAY.hinting("refusal.cleanUp", () -> assertEquals(List.of(), left,
                SAY.text("plainName.left")));
    }

    @Test
    @Points(1)
    @Hint("beforeContent")
    void aBadHeaderIsRefusedBeforeTheContentIsRead() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        // headers whose content never comes: the refusal must not wait for it
        byte[] badName = TransferTestKit.header("../up.txt", 1_000_000, new byte[32]);
        TransferException badNameRefused = expectRefusal(() -> FileReceiver.receive(
                TestInput.of(badName), inbox), SAY.text("beforeContent.nameWhat"));
        SAY.hinting("beforeContent.name", () -> assertEquals(TransferException.Reason.BAD_NAME,
                badNameRefused.reason(), SAY.text("beforeContent.nameFirst",
                        badNameRefused.getMessage())));
        byte[] negative = TransferTestKit.header("minus.bin", -1, new byte[32]);
        SAY.hinting("beforeContent.size", () -> {
            TransferException refused = expectRefusal(() -> FileReceiver.receive(
                    TestInput.of(negative), inbox), SAY.text("beforeContent.sizeWhat"));
            assertEquals(TransferException.Reason.BAD_HEADER, refused.reason(),
                    SAY.text("beforeContent.negative", refused.getMessage()));
        });
        List<String> left = listing(inbox);
        SAY.hinting("refusal.cleanUp", () -> assertEquals(List.of(), left,
                SAY.text("beforeContent.left")));
    }

    @Test
    @Points(1)
    @Hint("replaceOld")
    void aGoodTransferReplacesAnOlderFile() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        Files.writeString(inbox.resolve("report.txt"), "old version");
        FileReceiver.receive(TestInput.of(transfer("report.txt", utf8("new version"))), inbox);
        assertEquals("new version", Files.readString(inbox.resolve("report.txt")),
                SAY.text("replaceOld.replaced"));
        assertEquals(List.of("report.txt"), listing(inbox), SAY.text("replaceOld.nothingElse"));
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
                unwrapped(receiving); // what it threw, or
                fail(SAY.text("partFile.returned"));
            }
            List<String> during = listing(inbox);
            SAY.hinting("partFile.notYet", () -> assertFalse(during.contains("movie.mp4"),
                    SAY.text("partFile.early", during)));
            SAY.hinting("partFile.inTheFolder", () -> assertTrue(during.size() == 1
                    && during.get(0).matches("\\.receiving-.*\\.part"),
                    SAY.text("partFile.oneTemporary", during)));
        } finally {
            in.release();
        }
        Path stored = received(receiving, "movie.mp4", null);
        assertArrayEquals(content, Files.readAllBytes(stored), SAY.text("partFile.content"));
        assertEquals(List.of("movie.mp4"), listing(inbox), SAY.text("partFile.onlyIt"));
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
                fail(SAY.text("noReceiver.returned", digest == null ? "null" : hex(digest)));
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
            assertEquals(name, Files.readString(inbox.resolve(name)), SAY.text("oddNames.plain",
                    name));
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
            // the test's hint, or its step's, names the rule: the exception thrown may not be a
            // refusal at all, but what the input broke further on
            return fail(SAY.text("refusal.threw", what, e), e);
        }
        return fail(SAY.text("refusal.stored", what, stored));
    }

    /**
     * What a receive on another thread returned, within {@link TransferTestKit#TCP_WAIT}; fails
     * with what became of it otherwise: still waiting for bytes that never came, or refused (with
     * the hint {@code refusalHint} if there is one: what a refusal means where the test sent
     * nothing itself).
     */
    static Path received(FutureTask<Path> receiving, String name, String refusalHint)
            throws Exception {
        try {
            return receiving.get(TCP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return SAY.hinting("tcp.end", () -> fail(SAY.text("tcp.notStored", name,
                    TCP_WAIT.toMillis()), e));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SocketTimeoutException) {
                return SAY.hinting("tcp.end", () -> fail(SAY.text("tcp.stalled", name, cause), cause));
            }
            if (cause instanceof TransferException refused && refusalHint != null) {
                return SAY.hinting(refusalHint, () -> fail(SAY.text("tcp.refused", name,
                        refused.getMessage()), refused));
            }
            return unwrapped(receiving);
        }
    }

    /** What a finished call on another thread returned, or what it threw, as it threw it. */
    static <T> T unwrapped(FutureTask<T> call) throws Exception {
        try {
            return call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception thrown) {
                throw thrown;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Waits for a send on another thread, within {@link TransferTestKit#TCP_WAIT}. */
    private static void sent(FutureTask<byte[]> sending) throws Exception {
        try {
            sending.get(TCP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail(SAY.text("sendCloses.stuck", TCP_WAIT.toMillis()), e);
        } catch (ExecutionException e) {
            unwrapped(sending);
        }
    }

    /** A call of {@link FileReceiver#receive}. */
    @FunctionalInterface
    interface ReceiveCall {
        Path receive() throws IOException;
    }
}
