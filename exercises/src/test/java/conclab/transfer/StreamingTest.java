package conclab.transfer;

import static conclab.transfer.TransferTestKit.BIG_SHA256;
import static conclab.transfer.TransferTestKit.BIG_SIZE;
import static conclab.transfer.TransferTestKit.CHILD_HEAP;
import static conclab.transfer.TransferTestKit.hex;
import static conclab.transfer.TransferTestKit.listing;
import static conclab.transfer.TransferTestKit.transfer;
import static conclab.transfer.TransferTestKit.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.harness.Timing;
import conclab.transfer.TransferTestKit.Child;
import conclab.transfer.TransferTestKit.Content;
import conclab.transfer.TransferTestKit.Header;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming, proven: each {@code main} runs in a child JVM whose heap ({@value
 * TransferTestKit#CHILD_HEAP}) is a quarter of the 16 MiB file it transfers. A program that holds
 * the file in memory runs out of it. The test's side never hashes the big file: its content is
 * deterministic, its digest known, and every byte is compared as it comes. Every text is in
 * {@code StreamingTest.properties} (and {@code _zh_CN}); a child that ran out of memory fails with
 * the kit's hint for that ({@link TransferTestKit.Child#fail}), a wrong header with the hint that
 * points to the test of the header.
 */
@Tag("transfer")
@Timeout(30)
class StreamingTest {

    private static final Say SAY = Say.of(StreamingTest.class);

    /**
     * How long one big transfer between a child JVM and the test may take, from the child's
     * start to the last byte: a JVM start and two passes over 16 MiB (well under 1 s on an idle
     * machine).
     */
    static final Duration BIG_TRANSFER = Timing.upperBound(Duration.ofSeconds(3));

    private static final Pattern LISTENING = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    @Points(4)
    @Hint("senderStreams")
    void senderStreamsAFileFourTimesLargerThanItsHeap(TestReporter reporter) throws Exception {
        Path small = dir.resolve("small.txt");
        Files.write(small, utf8("first, in this JVM"));
        FileSender.send(small, new ByteArrayOutputStream()); // a stub fails here, at once

        Path big = dir.resolve("big.bin");
        Content.write(big, BIG_SIZE);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) BIG_TRANSFER.toMillis());
            BoundedWait.announce(BIG_TRANSFER.multipliedBy(2)); // the accept, then the transfer
            long start = System.nanoTime();
            try (Child sender = Child.start(FileSender.class, big.toString(),
                    String.valueOf(server.getLocalPort()));
                 Socket connection = accept(server, sender)) {
                connection.setSoTimeout((int) BIG_TRANSFER.toMillis());
                InputStream in = connection.getInputStream();
                Header header;
                try {
                    header = Header.read(in, "FileSender.main");
                } catch (AssertionError e) {
                    sender.awaitExit(BIG_TRANSFER, "");
                    sender.fail(e.getMessage(), e);
                    return;
                }
                SAY.hinting("streams.header", () -> {
                    assertEquals("big.bin", header.name(), SAY.text("sender.name"));
                    assertEquals(BIG_SIZE, header.size(), SAY.text("sender.size"));
                    assertEquals(BIG_SHA256, hex(header.digest()), SAY.text("sender.digest"));
                });
                String difference;
                try {
                    difference = Content.check(in, BIG_SIZE);
                } catch (SocketTimeoutException e) {
                    difference = SAY.text("sender.nothingMore", BIG_TRANSFER.toMillis());
                }
                if (difference != null) {
                    sender.fail(SAY.text("sender.noContent", CHILD_HEAP, difference), null);
                }
                int status = sender.awaitExit(BIG_TRANSFER, SAY.text("sender.noExit"));
                long elapsed = System.nanoTime() - start;
                publish(reporter, "bigSend", elapsed);
                if (status != 0) {
                    sender.fail(SAY.text("sender.status", status), null);
                }
                sender.awaitLine(line -> line.startsWith("sent big.bin (" + BIG_SIZE + " bytes"),
                        Duration.ofSeconds(2), SAY.text("sender.noLine"));
                assertEquals(true, elapsed <= BIG_TRANSFER.toNanos(), SAY.text("streams.tooLong",
                        elapsed / 1_000_000, BIG_TRANSFER.toMillis()));
            }
        }
    }

    private static Socket accept(ServerSocket server, Child sender) throws Exception {
        try {
            return server.accept();
        } catch (SocketTimeoutException e) {
            sender.fail(SAY.text("sender.noConnection", CHILD_HEAP, server.getLocalPort()), e);
            return null;
        }
    }

    @Test
    @Points(4)
    @Hint("receiverStreams")
    void receiverStreamsAFileFourTimesLargerThanItsHeap(TestReporter reporter) throws Exception {
        Path warmUp = Files.createDirectory(dir.resolve("warm-up"));
        FileReceiver.receive(new ByteArrayInputStream(transfer("small.txt", utf8("first"))),
                warmUp); // a stub fails here, at once

        Path inbox = dir.resolve("inbox");
        long start = System.nanoTime();
        try (Child receiver = Child.start(FileReceiver.class, inbox.toString(), "0")) {
            String listening = receiver.awaitLine(line -> LISTENING.matcher(line).find(),
                    BIG_TRANSFER, SAY.text("receiver.noPort"));
            Matcher port = LISTENING.matcher(listening);
            port.find();
            int receiverPort = Integer.parseInt(port.group(1));

            try (Socket connection = new Socket()) {
                connection.connect(new java.net.InetSocketAddress(
                        InetAddress.getLoopbackAddress(), receiverPort), 5_000);
                OutputStream out = connection.getOutputStream();
                out.write(transfer(utf8("big.bin"), BIG_SIZE, HexFormat.of().parseHex(BIG_SHA256),
                        new byte[0]));
                Content.writeTo(out, BIG_SIZE);
                connection.shutdownOutput();
            } catch (java.io.IOException e) {
                receiver.fail(SAY.text("receiver.couldNotSend", CHILD_HEAP, e), e);
            }
            receiver.awaitLine(line -> line.startsWith("stored big.bin"), BIG_TRANSFER,
                    SAY.text("receiver.notStored", CHILD_HEAP));
            long elapsed = System.nanoTime() - start;
            publish(reporter, "bigReceive", elapsed);

            sendOne(receiverPort, transfer("../outside.txt", utf8("escape")));
            String answer = receiver.awaitLine(line -> line.startsWith("refused")
                    || line.startsWith("stored"), BIG_TRANSFER, SAY.text("receiver.silent"));
            if (!answer.startsWith("refused")) {
                SAY.hinting("streams.names", () -> fail(SAY.text("receiver.stored", answer)));
            }
            sendOne(receiverPort, transfer("after.txt", utf8("still serving")));
            receiver.awaitLine(line -> line.startsWith("stored after.txt"), BIG_TRANSFER,
                    SAY.text("receiver.stopped"));

            // what the child printed is its own account: the disk says what it did
            assertEquals(List.of("after.txt", "big.bin"), listing(inbox), SAY.text("receiver.inbox"));
            SAY.hinting("streams.names", () -> assertEquals(false,
                    Files.exists(dir.resolve("outside.txt")), SAY.text("receiver.escaped")));
            try (InputStream stored = Files.newInputStream(inbox.resolve("big.bin"))) {
                String difference = Content.check(stored, BIG_SIZE);
                if (difference != null) {
                    fail(SAY.text("receiver.differs", difference));
                }
            }
            assertEquals(BIG_SIZE, Files.size(inbox.resolve("big.bin")), SAY.text("receiver.size"));
            assertEquals(true, elapsed <= BIG_TRANSFER.toNanos(), SAY.text("streams.tooLong",
                    elapsed / 1_000_000, BIG_TRANSFER.toMillis()));
        }
    }

    private static void sendOne(int port, byte[] transfer) throws Exception {
        try (Socket connection = new Socket()) {
            connection.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(),
                    port), 5_000);
            connection.getOutputStream().write(transfer);
            connection.shutdownOutput();
        }
    }

    private static void publish(TestReporter reporter, String key, long nanos) {
        reporter.publishEntry(key + "Ms", String.valueOf(nanos / 1_000_000));
        reporter.publishEntry(key + "BoundMs", String.valueOf(BIG_TRANSFER.toMillis()));
    }
}
