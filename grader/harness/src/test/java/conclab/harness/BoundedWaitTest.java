package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BoundedWaitTest {

    private final List<Duration> heard = new CopyOnWriteArrayList<>();

    @AfterEach
    void nobodyListens() {
        BoundedWait.listen(bound -> { });
    }

    @Test
    void aCallThatReturnsGivesItsResultAndItsWaitIsAnnounced() throws Exception {
        BoundedWait.listen(heard::add);

        String result = BoundedWait.within(Duration.ofSeconds(2), "echo()", "advice",
                () -> Thread.currentThread().getName());

        assertEquals(BoundedWait.CALL_THREAD, result, "the call runs on the helper thread");
        assertEquals(List.of(Duration.ofSeconds(2)), heard);
    }

    @Test
    void aCallThatDoesNotReturnFailsAfterItsBoundAsAHang() {
        CountDownLatch never = new CountDownLatch(1);
        long start = System.nanoTime();

        CallDidNotReturn failure = assertThrows(CallDidNotReturn.class, () -> BoundedWait.within(
                Duration.ofMillis(200), "server.close()", "close() must close the socket.",
                () -> never.await(1, TimeUnit.MINUTES)));

        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMs >= 200, "it waited its bound, not less: " + tookMs + " ms");
        assertEquals("server.close() did not return within 200 ms. close() must close the socket.",
                failure.getMessage());
        assertEquals(200, failure.boundMs());
    }

    @Test
    void whatTheCallThrowsIsRethrownAsItIs() {
        IOException thrown = new IOException("refused");

        assertSame(thrown, assertThrows(IOException.class, () -> BoundedWait.within(
                Duration.ofSeconds(2), "connect()", "advice", () -> {
                    throw thrown;
                })));
        StackOverflowError error = new StackOverflowError();
        assertSame(error, assertThrows(StackOverflowError.class, () -> BoundedWait.within(
                Duration.ofSeconds(2), "deep()", "advice", () -> {
                    throw error;
                })));
    }

    @Test
    void aListenerThatFailsCostsTheTestNothing() {
        BoundedWait.listen(bound -> {
            throw new IllegalStateException("the grader is gone");
        });

        BoundedWait.announce(Duration.ofSeconds(1)); // no exception
        assertThrows(NullPointerException.class, () -> BoundedWait.listen(null));
    }
}
