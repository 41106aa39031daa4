package conclab.transfer;

import static conclab.transfer.FileTransferTest.expectRefusal;
import static conclab.transfer.TransferTestKit.TCP_WAIT;
import static conclab.transfer.TransferTestKit.hex;
import static conclab.transfer.TransferTestKit.publish;
import static conclab.transfer.TransferTestKit.listing;
import static conclab.transfer.TransferTestKit.sha256;
import static conclab.transfer.TransferTestKit.transfer;
import static conclab.transfer.TransferTestKit.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.transfer.TransferTestKit.Content;
import conclab.transfer.TransferTestKit.TestInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hidden: a stream of two transfers, replacing files, more bad headers, odd but plain names. */
@Tag("transfer")
@Timeout(10)
class TransferHiddenTest {

    /** The texts this class hands to the kit, in the student's language. */
    private static final Say SAY = Say.of(TransferHiddenTest.class);

    @TempDir
    Path dir;

    @Test
    @Points(2)
    @Hint("backToBack")
    void readsNoByteBeyondItsTransfer() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        byte[] first = Content.bytes(0, 100_000);
        byte[] second = Content.bytes(500_000, 70_001);
        byte[] one = transfer("one.bin", first);
        byte[] two = transfer("two.bin", second);
        byte[] both = Arrays.copyOf(one, one.length + two.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        InputStream stream = new ByteArrayInputStream(both);
        FileReceiver.receive(stream, inbox);
        Path stored;
        try {
            stored = FileReceiver.receive(stream, inbox);
        } catch (IOException e) {
            throw new AssertionError("two transfers came back to back on one stream; the first"
                    + " was received, but the second receive failed: " + e + ". The first"
                    + " receive must leave the stream right after its last byte: read exactly"
                    + " SIZE bytes, and do not wrap the stream in a BufferedInputStream (it reads"
                    + " ahead, and what it read ahead is lost with it).", e);
        }
        assertEquals(inbox.resolve("two.bin"), stored, "two transfers came back to back on one"
                + " stream: the second receive must find the second header right after the"
                + " first transfer's last byte");
        assertArrayEquals(first, Files.readAllBytes(inbox.resolve("one.bin")), "one.bin: read"
                + " exactly SIZE bytes, not up to the end of the stream");
        assertArrayEquals(second, Files.readAllBytes(stored), "two.bin");
        assertEquals(-1, stream.read(), "nothing is left after both transfers");
    }

    @Test
    @Points(2)
    @Hint("replace")
    void aGoodTransferReplacesAnOlderFileAndABadOneKeepsIt() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        Path report = inbox.resolve("report.txt");
        Files.writeString(report, "old version");

        byte[] damaged = utf8("a new version, damaged on the way");
        byte[] wrong = sha256(utf8("a new version, as it was sent"));
        expectRefusal(() -> FileReceiver.receive(new ByteArrayInputStream(TransferTestKit
                .transfer(utf8("report.txt"), damaged.length, wrong, damaged)), inbox),
                SAY.text("damaged.what"));
        assertEquals(List.of("report.txt"), listing(inbox), "only the old report.txt remains");
        assertEquals("old version", Files.readString(report), "a refused transfer must leave an"
                + " older file of the same name as it was: receive into a temporary file, and"
                + " move it into place only once the digest matches");

        FileReceiver.receive(new ByteArrayInputStream(transfer("report.txt",
                utf8("new version"))), inbox);
        assertEquals("new version", Files.readString(report), "a good transfer replaces an"
                + " older file of the same name");
        assertEquals(List.of("report.txt"), listing(inbox), "and leaves nothing else behind");
    }

    @Test
    @Points(2)
    @Hint("badHeaders")
    void moreBadNamesAndABadSizeAreRefused() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        byte[] content = utf8("payload");
        List<byte[]> badNames = List.of(utf8("x".repeat(256)), utf8("dir:file"),
                utf8("tab\there"), utf8("nul\u0000byte"), utf8("unit\u001Fseparator"),
                utf8("\u001B[31mred"), new byte[] {'a', (byte) 0xC3, 0x28},
                new byte[] {'.', '.', (byte) 0xC0, (byte) 0xAF, 'x'}, // an overlong "/"
                new byte[] {'s', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a lone surrogate
                new byte[] {'c', 'u', 't', (byte) 0xE6, (byte) 0x95}); // a character cut short
        for (byte[] name : badNames) {
            String shown = name.length > 20 ? SAY.text("bytes", name.length) : "\"" + new String(name,
                    java.nio.charset.StandardCharsets.UTF_8).replace("\u0000", "\\0")
                    .replace("\t", "\\t") + "\" (" + hex(name) + ")";
            TransferException refused = expectRefusal(() -> FileReceiver.receive(
                    new ByteArrayInputStream(TransferTestKit.transfer(name, content.length,
                            sha256(content), content)), inbox), SAY.text("badName.what", shown));
            assertEquals(TransferException.Reason.BAD_NAME, refused.reason(), "refusing the"
                    + " name " + shown + " (" + refused.getMessage() + ")");
        }
        for (long size : new long[] {-5, Long.MIN_VALUE}) {
            TransferException refused = expectRefusal(() -> FileReceiver.receive(
                    new ByteArrayInputStream(TransferTestKit.transfer(utf8("negative.bin"), size,
                            sha256(content), content)), inbox), SAY.text("badSize.what", size));
            assertEquals(TransferException.Reason.BAD_HEADER, refused.reason(), "the reason ("
                    + refused.getMessage() + ")");
        }
        assertEquals(List.of(), listing(inbox), "nothing is written for a refused header");
    }

    @Test
    @Points(1)
    @Hint("anyFailure")
    void aFailureOfAnyKindLeavesNothing() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        byte[] whole = transfer("broken.bin", Content.bytes(0, 150_000));
        int header = 42 + "broken.bin".length();
        record Case(int at, Supplier<? extends Exception> failure, String what) {
        }
        List<Case> cases = List.of(
                new Case(80_000, () -> new UncheckedIOException(new IOException("lost")),
                        "an unchecked exception in the middle of the content"),
                new Case(header, () -> new IOException("Broken pipe"),
                        "an IOException right after the header"),
                new Case(whole.length - 1, () -> new java.net.SocketException("Connection reset"),
                        "an IOException at the content's last byte"));
        for (Case c : cases) {
            TestInput in = TestInput.failingAt(whole, c.at(), c.failure());
            try {
                FileReceiver.receive(in, inbox);
                throw new AssertionError("the stream failed (" + c.what() + ") but receive"
                        + " returned: the failure must reach the caller");
            } catch (UnsupportedOperationException e) {
                throw e; // a stub's TODO, not the stream's failure
            } catch (IOException | RuntimeException expected) {
                // it reached the caller
            }
            assertEquals(c.at(), in.position(), "receive stopped reading before the stream"
                    + " failed (" + c.what() + ")");
            assertEquals(List.of(), listing(inbox), "after " + c.what() + " the target folder"
                    + " must hold nothing of the transfer: delete the temporary file in a"
                    + " finally block, whatever the failure");
        }
    }

    @Test
    @Points(1)
    @Hint("limitBytes")
    void namesAtTheLimitsOfTheirBytes() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        List<String> longest = List.of("x".repeat(255), "😀".repeat(63) + "abc",
                "é".repeat(127) + "e");
        for (String name : longest) {
            FileReceiver.receive(TestInput.of(transfer(name, utf8("ok"))), inbox);
            assertEquals("ok", Files.readString(inbox.resolve(name)), "a name of "
                    + name.length() + " characters, 255 bytes of UTF-8, is accepted");
        }
        for (String name : List.of("😀".repeat(64), "é".repeat(128), "数".repeat(84) + "abcd")) {
            TransferException refused = expectRefusal(() -> FileReceiver.receive(
                    TestInput.of(transfer(name, utf8("ok"))), inbox), SAY.text("longName.what",
                    name.length(), utf8(name).length));
            assertEquals(TransferException.Reason.BAD_NAME, refused.reason(), "the reason ("
                    + refused.getMessage() + ")");
        }
        assertEquals(longest.stream().sorted().toList(), listing(inbox), "only the accepted"
                + " names are stored");
    }

    @Test
    @Points(1)
    @Hint("plainNames")
    void plainNamesThatOnlyLookOddAreAccepted() throws Exception {
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        List<String> names = List.of("a..b.txt", ".hidden", "with space.txt", "名字.txt",
                "x".repeat(200), "a", "..x", "x..");
        for (String name : names) {
            FileReceiver.receive(new ByteArrayInputStream(transfer(name, utf8(name))), inbox);
            assertEquals(name, Files.readString(inbox.resolve(name)), "\"" + name + "\" is a"
                    + " plain file name: no separator, not . or .., at most 255 bytes");
        }
    }

    @Test
    @Points(1)
    @Hint("empty")
    void anEmptyFileTravelsToo(TestReporter reporter) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) TCP_WAIT.toMillis());
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
            byte[] digest = FileSender.send(empty, new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), server.getLocalPort()));
            Path stored = receiving.get(TCP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            publish(reporter, "tcpTransfer", System.nanoTime() - start, TCP_WAIT);
            assertEquals(hex(sha256(new byte[0])), hex(digest), "the SHA-256 of no bytes");
            assertEquals(0, Files.size(stored), "the stored empty.txt");
            assertEquals(List.of("empty.txt"), listing(inbox), "the inbox");
        }
    }
}
