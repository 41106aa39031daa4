package conclab.ipc;

import static conclab.ipc.IpcTestKit.CHILD_BOUND;
import static conclab.ipc.IpcTestKit.DELIVERY;
import static conclab.ipc.IpcTestKit.ODD;
import static conclab.ipc.IpcTestKit.drain;
import static conclab.ipc.IpcTestKit.expectEmpty;
import static conclab.ipc.IpcTestKit.expectExactly;
import static conclab.ipc.IpcTestKit.numbered;
import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.MeasurementLog;
import conclab.harness.Points;
import conclab.harness.Timing;
import conclab.harness.TimingBoundExceeded;
import conclab.harness.TimingTest;
import conclab.ipc.IpcTestKit.Child;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The queue in the parent alone, then with real child JVMs: messages that cross exactly, in
 * order, none lost or doubled across 10,000, several producers at once, a child that gets, and a
 * child that learns at once that the parent has closed.
 */
@Tag("ipc")
@Timeout(60)
@ExtendWith(MeasurementLog.class)
class ProcessQueueTest {

    @Test
    @Points(1)
    @Hint("local")
    void theParentsQueueIsFirstInFirstOut() throws Exception {
        try (ProcessQueue queue = IpcTestKit.create()) {
            List<String> messages = List.of("first", "", "third", "fourth");
            for (String message : messages) {
                queue.put(message);
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                got.add(within(DELIVERY, "get(...) with " + (messages.size() - i)
                        + " messages in the queue", "a message is there: return it at once.",
                        () -> queue.get(DELIVERY)));
            }
            expectExactly(messages, got, "the parent put " + messages + " and got them back");
        }
    }

    @TimingTest
    @Points(2)
    @Hint("timeout")
    void getGivesUpAfterItsTimeout(TestReporter reporter) throws Exception {
        Duration timeout = Duration.ofMillis(300);
        // Loose: a busy machine wakes a timed wait late; a get that ignores its timeout (or
        // waits a fixed second) still lands far outside.
        Duration bound = Timing.upperBound(timeout.multipliedBy(2));
        try (ProcessQueue queue = IpcTestKit.create()) {
            long[] elapsed = new long[1];
            Throwable outcome = within(bound.plus(DELIVERY), "get(300 ms) on an empty queue",
                    "get must wait at most its timeout.", () -> {
                        long start = System.nanoTime();
                        try {
                            String message = queue.get(timeout);
                            elapsed[0] = System.nanoTime() - start;
                            return new AssertionError("get(300 ms) on an empty queue returned \""
                                    + message + "\"; nothing was put");
                        } catch (TimeoutException e) {
                            elapsed[0] = System.nanoTime() - start;
                            return e;
                        }
                    });
            IpcTestKit.publish(reporter, "getTimeoutElapsedMs", elapsed[0], bound);
            if (outcome instanceof AssertionError error) {
                throw error;
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(elapsed[0]);
            assertTrue(elapsed[0] >= timeout.toNanos(), "get(300 ms) on an empty queue gave up"
                    + " after only " + ms + " ms: it must wait the whole timeout for a message to"
                    + " come.");
            Timing.assertWithin(Duration.ofNanos(elapsed[0]), bound, "get(300 ms) on an empty queue",
                    "It must give up once its timeout has passed.");
        }
    }

    @TimingTest
    @Points(2)
    @Hint("wake")
    void aPutWakesAGetThatWaits(TestReporter reporter) throws Exception {
        // A put must wake a get that waits, at once; a get that is not woken returns only at
        // the end of its timeout, which is long here, so that it lands far outside the bound.
        Duration bound = Timing.upperBound(Duration.ofMillis(100));
        Duration timeout = bound.multipliedBy(10);
        try (ProcessQueue queue = IpcTestKit.create()) {
            IpcTestKit.Getter getter = new IpcTestKit.Getter(queue, timeout, "ipc-test-getter");
            getter.awaitWaiting(IpcTestKit.LIFECYCLE);
            long put = System.nanoTime();
            within(DELIVERY, "put(...) while a get waits", "put adds the message and wakes the"
                    + " waiting get; it never waits itself.", () -> {
                        queue.put("wake up");
                        return null;
                    });
            Object outcome = getter.outcome(bound).orElse(null);
            long woke = outcome == null ? System.nanoTime() - put : getter.endedNanos() - put;
            IpcTestKit.publish(reporter, "putWakesGetMs", woke, bound);
            if (outcome == null) {
                throw new TimingBoundExceeded("a get(" + timeout.toMillis() + " ms) waited on an"
                        + " empty queue; a message was put, and the get had still not returned "
                        + bound.toMillis() + " ms later. put must wake the waiting gets"
                        + " (notifyAll, Condition.signalAll), so that a get returns as soon as a"
                        + " message is there, not at the end of its timeout.",
                        Duration.ofNanos(woke), bound);
            }
            if (!"wake up".equals(outcome)) {
                fail("a get waited on an empty queue, and \"wake up\" was put; the get must return"
                        + " it, but it gave " + IpcTestKit.Getter.describe(outcome));
            }
        }
    }

    @Test
    @Points(2)
    @Hint("framing")
    void aChildsMessagesArriveExactlyAsPut(TestReporter reporter) throws Exception {
        try (ProcessQueue queue = IpcTestKit.create();
             Child child = Child.start("the child", "odd", queue.address())) {
            child.awaitExit(CHILD_BOUND, "It connects and puts " + ODD.size() + " messages.");
            List<String> got = drain(queue, ODD.size(), "a child put " + ODD.size() + " messages",
                    reporter);
            expectExactly(ODD, got, "a child put " + ODD.size() + " messages, some with line"
                    + " breaks, some empty, some in Chinese or with emoji, one of "
                    + ProcessQueue.MAX_LENGTH + " characters");
            expectEmpty(queue, "all " + ODD.size() + " messages had been got");
        }
    }

    @Test
    @Points(3)
    @Hint("many")
    void tenThousandMessagesArriveInOrderNoneLostNoneTwice(TestReporter reporter)
            throws Exception {
        int count = 10_000;
        try (ProcessQueue queue = IpcTestKit.create();
             Child child = Child.start("the child", "put", queue.address(), "m",
                     String.valueOf(count))) {
            // The producer finishes before anybody gets: the queue must hold all of them.
            child.awaitExit(CHILD_BOUND, "It connects and puts " + count + " short messages:"
                    + " a put must never wait for the parent to get.");
            List<String> got = drain(queue, count, "a child put " + count + " messages",
                    reporter);
            expectExactly(numbered("m", count), got, "a child put m0 .. m" + (count - 1));
            expectEmpty(queue, "all " + count + " messages had been got");
        }
    }

    @Test
    @Points(3)
    @Hint("producers")
    void severalProducersShareOneQueue(TestReporter reporter) throws Exception {
        int each = 2_000;
        try (ProcessQueue queue = IpcTestKit.create();
             Child a = Child.start("child A", "put", queue.address(), "A", String.valueOf(each));
             Child b = Child.start("child B", "put", queue.address(), "B", String.valueOf(each))) {
            within(CHILD_BOUND, "the parent putting " + each + " messages", "put in the parent"
                    + " adds to the queue at once.", () -> {
                        for (String message : numbered("P", each)) {
                            queue.put(message);
                        }
                        return null;
                    });
            a.awaitExit(CHILD_BOUND, "It puts " + each + " messages while another child and the"
                    + " parent put theirs.");
            b.awaitExit(CHILD_BOUND, "It puts " + each + " messages while another child and the"
                    + " parent put theirs: the parent must serve every child that connects (an"
                    + " accept loop, a thread per child), not just the first.");
            List<String> got = drain(queue, 3 * each, "two children and the parent put "
                    + each + " messages each", reporter);
            for (String producer : List.of("A", "B", "P")) {
                List<String> theirs = got.stream().filter(m -> m.startsWith(producer)).toList();
                expectExactly(numbered(producer, each), theirs, "the messages of producer "
                        + producer + " (" + ("P".equals(producer) ? "the parent" : "child "
                        + producer) + ")");
            }
            expectEmpty(queue, "all " + 3 * each + " messages had been got");
        }
    }

    @Test
    @Points(2)
    @Hint("consumer")
    void aChildGetsWhatTheParentPuts(TestReporter reporter) throws Exception {
        List<String> messages = new ArrayList<>(ODD);
        messages.addAll(numbered("n", 100));
        Duration last = Duration.ofMillis(150);
        try (ProcessQueue queue = IpcTestKit.create();
             Child child = Child.start("the child", "consume", queue.address(),
                     String.valueOf(messages.size() + 1),
                     String.valueOf(DELIVERY.multipliedBy(2).toMillis()),
                     String.valueOf(last.toMillis()))) {
            child.awaitLine(CHILD_BOUND, "it connects, then says it is ready.", "ready");
            for (String message : messages) {
                queue.put(message);
            }
            child.tell("go"); // the child starts getting only now: the queue holds them all
            long gotAll = child.awaitGot(messages.size(), CHILD_BOUND, "it gets the "
                    + messages.size() + " messages the parent had put, one get each.");
            IpcTestKit.publish(reporter, "childGotAllMs", gotAll, CHILD_BOUND);
            queue.put("late"); // put while the child waits for it in get
            String end = child.awaitLine(CHILD_BOUND.plus(DELIVERY), "its get must return a"
                    + " message put while it waits, then a get(" + last.toMillis() + " ms) on"
                    + " the empty queue must time out.", "timeout", "closed", "error");
            child.awaitExit(CHILD_BOUND, "It ends after its last get.");
            List<String> expected = new ArrayList<>(messages);
            expected.add("late");
            expectExactly(expected, child.got(), "the parent put " + expected.size()
                    + " messages (the last while the child was waiting) and a child got them");
            if (!end.startsWith("timeout")) {
                fail("after the last message, the child's get(" + last.toMillis() + " ms) on an"
                        + " empty queue must throw TimeoutException, but the child said: "
                        + end);
            }
            long waited = Long.parseLong(end.substring("timeout ".length()).trim());
            assertTrue(waited >= last.toMillis(), "the child's get(" + last.toMillis() + " ms)"
                    + " on an empty queue gave up after only " + waited + " ms: it must wait the"
                    + " whole timeout.");
        }
    }

    @Test
    @Points(3)
    @Hint("gone")
    void aChildWaitingInGetLearnsAtOnceThatTheParentClosed(TestReporter reporter)
            throws Exception {
        Duration bound = Timing.upperBound(Duration.ofMillis(500));
        ProcessQueue queue = IpcTestKit.create();
        try (Child child = Child.start("the child", "wait", queue.address(), "20000")) {
            child.awaitLine(CHILD_BOUND, "it connects, then says it is ready.", "ready");
            // The child now calls get(20 s) on an empty queue; the parent closes it.
            IpcTestKit.close(queue);
            long closed = System.nanoTime();
            String said;
            try {
                said = child.awaitLine(bound, "its get(20 s) must end with a QueueClosedException"
                        + " as soon as the parent's queue is closed, not wait out its 20 s.",
                        "closed", "timeout", "got", "error");
            } catch (AssertionError e) {
                reporter.publishEntry("closeNoticedMs", ">" + bound.toMillis());
                reporter.publishEntry("closeNoticedBoundMs", String.valueOf(bound.toMillis()));
                throw e;
            }
            IpcTestKit.publish(reporter, "closeNoticedMs", System.nanoTime() - closed, bound);
            if (!said.startsWith("closed ")) {
                fail("the parent closed its queue while a child waited in get(20 s); the child's"
                        + " get must throw QueueClosedException, but the child said: " + said);
            }
            child.awaitExit(CHILD_BOUND, "It ends after its get has failed.");
        } finally {
            queue.close();
        }
    }
}
