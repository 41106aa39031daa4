package conclab.ipc;

import static conclab.ipc.IpcTestKit.CHILD_BOUND;
import static conclab.ipc.IpcTestKit.DELIVERY;
import static conclab.ipc.IpcTestKit.ODD;
import static conclab.ipc.IpcTestKit.abbreviate;
import static conclab.ipc.IpcTestKit.expectExactly;
import static conclab.ipc.IpcTestKit.numbered;
import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.MeasurementLog;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.harness.Timing;
import conclab.harness.TimingBoundExceeded;
import conclab.harness.TimingTest;
import conclab.ipc.IpcTestKit.Child;
import conclab.ipc.IpcTestKit.Getter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hidden: a child killed mid-stream, a child that goes on putting after the parent closed,
 * close in the parent, two consumers sharing the messages, and the limits of put and get.
 */
@Tag("ipc")
@Timeout(60)
@ExtendWith(MeasurementLog.class)
class ProcessQueueHiddenTest {

    private static final Say SAY = Say.of(ProcessQueueHiddenTest.class);

    /** After the messages a test knows of: how long a get waits before taking the queue as empty. */
    private static final Duration TAIL_GAP = Duration.ofMillis(100);

    @Test
    @Points(2)
    @Hint("killed")
    void aKilledChildTakesNothingButItself(TestReporter reporter) throws Exception {
        int announced = 2_000;
        // The child says so after twice as many puts: whatever a child's end keeps in a buffer
        // of its own (it must not), the first 2,000 were sent long before the kill.
        int flowing = 2 * announced;
        try (ProcessQueue queue = IpcTestKit.create()) {
            try (Child flood = Child.start("the flooding child", "flood", queue.address(),
                    String.valueOf(flowing))) {
                flood.awaitLine(CHILD_BOUND, "it puts messages as fast as it can and says so"
                        + " after " + flowing + " puts.", "flowing");
                flood.kill(); // in the middle of a put, most likely
            }
            List<String> got = new ArrayList<>();
            long slowest = within(IpcTestKit.DRAIN_BOUND.plus(DELIVERY), "getting what the killed"
                    + " child had put", "each get must return at once a message that is there,"
                    + " or give up after its timeout.", () -> {
                        long worst = 0;
                        while (got.size() < IpcChild.FLOOD_LIMIT) {
                            long start = System.nanoTime();
                            try {
                                // Those announced must come; after them, nobody knows how
                                // many the child put before the kill: stop at a short gap.
                                got.add(queue.get(got.size() < announced ? DELIVERY : TAIL_GAP));
                            } catch (TimeoutException e) {
                                return worst;
                            } finally {
                                if (got.size() < announced) {
                                    worst = Math.max(worst, System.nanoTime() - start);
                                }
                            }
                        }
                        return worst;
                    });
            IpcTestKit.publish(reporter, "slowestGetMs", slowest, DELIVERY);

            // The queue goes on serving; and whatever of the child's came late comes before this.
            within(DELIVERY.multipliedBy(4), "put and get in the parent after a child was killed",
                    "the queue must go on serving after a child is gone.", () -> {
                        queue.put("still here");
                        while (true) {
                            String message;
                            try {
                                message = queue.get(DELIVERY);
                            } catch (TimeoutException e) {
                                return fail("after a child was killed, the parent put \"still"
                                        + " here\" and did not get it back within "
                                        + DELIVERY.toMillis() + " ms: the queue must go on"
                                        + " serving when a child is gone");
                            }
                            if (message.equals("still here")) {
                                return null;
                            }
                            got.add(message);
                        }
                    });
            for (int i = 0; i < got.size(); i++) {
                if (!got.get(i).equals("f" + i)) {
                    fail("a child put f0, f1, f2, ... until it was killed; message " + i + " in"
                            + " the parent should be \"f" + i + "\" but was \""
                            + abbreviate(got.get(i)) + "\". Every message put before the kill"
                            + " must arrive whole and in order; a message cut off by the kill"
                            + " (an EOFException in readUTF) is dropped, never delivered.");
                }
            }
            assertTrue(got.size() >= announced, "the killed child had put " + flowing
                    + " messages (each written and flushed) before it was killed; at least the"
                    + " first " + announced + " must have arrived, but only "
                    + got.size() + " arrived: what a child has sent stays in the queue when it"
                    + " dies, and the queue holds any number of messages.");
        }
    }

    @Test
    @Points(2)
    @Hint("putAfterClose")
    void aChildsPutFailsSoonAfterTheParentClosed(TestReporter reporter) throws Exception {
        Duration bound = Timing.upperBound(Duration.ofMillis(500));
        ProcessQueue queue = IpcTestKit.create();
        try (Child child = Child.start("the child", "putUntilClosed", queue.address())) {
            child.awaitLine(CHILD_BOUND, "it connects, then says it is ready.", "ready");
            // its first put is in the queue while it still runs: a put is sent when it returns
            String first = within(DELIVERY.plus(DELIVERY), "get(" + DELIVERY.toMillis() + " ms)"
                    + " of a child's first put", "the child puts a message every 10 ms.", () -> {
                        try {
                            return queue.get(DELIVERY);
                        } catch (TimeoutException e) {
                            return null;
                        }
                    });
            // any tick is the evidence (the order is judged by the tests of order): a queue that
            // is last in, first out gives a later tick when the get comes after two puts
            if (first == null || !first.startsWith("tick")) {
                fail("a child that goes on running put \"tick0\", \"tick1\", ... one every 10 ms,"
                        + " but the parent's get(" + DELIVERY.toMillis() + " ms) "
                        + (first == null ? "found nothing: in a child, put has sent the message"
                        + " (written and flushed) when it returns; a message left in a buffer"
                        + " has not been put." : "gave \"" + abbreviate(first) + "\", which it never put")
                        + " The child said: " + child.output());
            }
            IpcTestKit.close(queue); // the child keeps putting, one message every 10 ms
            long closed = System.nanoTime();
            String said;
            try {
                said = child.awaitLine(bound, "its puts, one every 10 ms, must start failing"
                        + " with QueueClosedException soon after the parent closed its queue."
                        + " A write into a closed connection may succeed once (into the"
                        + " operating system's buffer), but the next one fails: never swallow"
                        + " that IOException (PrintWriter does!).", "closed", "error", "never");
            } catch (AssertionError e) {
                reporter.publishEntry("putFailsAfterCloseMs", ">" + bound.toMillis());
                reporter.publishEntry("putFailsAfterCloseBoundMs", String.valueOf(bound.toMillis()));
                throw e;
            }
            IpcTestKit.publish(reporter, "putFailsAfterCloseMs", System.nanoTime() - closed,
                    bound);
            if (!said.startsWith("closed ")) {
                fail("after the parent closed its queue, the child's put must throw"
                        + " QueueClosedException, but the child said: " + said);
            }
            child.awaitExit(CHILD_BOUND, "It ends after a put has failed.");
        } finally {
            queue.close();
        }
    }

    @Test
    @Points(2)
    @Hint("close")
    void closeInTheParentWakesItsWaitersAndEndsEverything(TestReporter reporter)
            throws Exception {
        Duration bound = Timing.upperBound(Duration.ofMillis(250));
        ProcessQueue queue = IpcTestKit.create();
        try {
            Getter a = new Getter(queue, Duration.ofSeconds(10), "ipc-test-waiter-a");
            Getter b = new Getter(queue, Duration.ofSeconds(10), "ipc-test-waiter-b");
            a.awaitWaiting(IpcTestKit.LIFECYCLE);
            b.awaitWaiting(IpcTestKit.LIFECYCLE);

            int port = Integer.parseInt(queue.address().substring(queue.address().indexOf(':') + 1));
            IpcTestKit.stillListening(port).ifPresent(listening -> assertTrue(listening, "the"
                    + " parent's queue at " + queue.address() + " does not listen on its port"));
            IpcTestKit.close(queue); // both wait in get(10 s) now
            long closed = System.nanoTime();
            long woke = 0;
            for (Getter waiter : List.of(a, b)) {
                Object outcome = waiter.outcome(bound.minusNanos(System.nanoTime() - closed))
                        .orElse(null);
                if (outcome == null) {
                    reporter.publishEntry("closeWakesGetMs", ">" + bound.toMillis());
                    reporter.publishEntry("closeWakesGetBoundMs", String.valueOf(bound.toMillis()));
                    fail("two gets waited in the parent, get(10 s) each, when close() was called;"
                            + (waiter == a ? " one" : " the other") + " was still waiting "
                            + bound.toMillis() + " ms later. close() must wake every waiting get"
                            + " at once (notifyAll, not notify, which wakes only one), and each"
                            + " throws QueueClosedException.");
                }
                woke = Math.max(woke, waiter.endedNanos() - closed);
                if (!(outcome instanceof QueueClosedException)) {
                    fail("a get waiting in the parent when close() was called must throw"
                            + " QueueClosedException, but it gave "
                            + Getter.describe(outcome));
                }
            }
            IpcTestKit.publish(reporter, "closeWakesGetMs", Math.max(0, woke), bound);
            assertThrows(QueueClosedException.class, () -> queue.put("after close"),
                    "put after close() must throw QueueClosedException");
            assertThrows(QueueClosedException.class, () -> queue.get(Duration.ZERO),
                    "get after close() must throw QueueClosedException");
            within(IpcTestKit.LIFECYCLE, "a second close()", "closing again does nothing.", () -> {
                queue.close();
                return null;
            });
            // Not checked: that connect(address) now fails. Another process on this machine may
            // bind the freed port at any moment, and then a connect succeeds for a correct queue.
            // What is checked, where /proc tells (Linux): the code under test itself no longer
            // listens there.
            IpcTestKit.stillListening(port).ifPresent(listening -> assertFalse(listening, "after"
                    + " close() the parent's queue still listens on port " + port + ": close() must"
                    + " close the server socket, so that it stops accepting children"));
        } finally {
            queue.close();
        }
    }

    @TimingTest
    @Points(2)
    @Hint("waitLoop")
    void aGetWokenWithoutAMessageWaitsOutItsTimeout(TestReporter reporter) throws Exception {
        // Two gets wait, one message comes: both are woken, one takes it, and the other finds
        // the queue empty again and must wait on until its own timeout ends. A machine so busy
        // that the test cannot see both wait before their 300 ms have run out (on 6 Dec 2026, a
        // load of 26 on 2 cores did that once) judges nothing: that attempt is tried again.
        Duration timeout = Duration.ofMillis(300);
        Duration patience = timeout.plus(Timing.upperBound(timeout));
        try (ProcessQueue queue = IpcTestKit.create()) {
            long setUp = System.nanoTime();
            Getter a = new Getter(queue, timeout, "ipc-test-getter-a");
            Getter b = new Getter(queue, timeout, "ipc-test-getter-b");
            try {
                a.awaitWaiting(IpcTestKit.LIFECYCLE);
                b.awaitWaiting(IpcTestKit.LIFECYCLE);
            } catch (AssertionError e) {
                if (ranOut(a, timeout) || ranOut(b, timeout)) {
                    throw new TimingBoundExceeded(SAY.text("waitLoop.notSeenWaiting",
                            timeout.toMillis(), e.getMessage()), Duration.ofNanos(
                            System.nanoTime() - setUp), timeout);
                }
                throw e;
            }
            long put = System.nanoTime();
            queue.put("only one");
            Object outcomeA = a.outcome(patience).orElse(null);
            Object outcomeB = b.outcome(patience).orElse(null);
            if (outcomeA instanceof TimeoutException && outcomeB instanceof TimeoutException
                    && ranOut(a, timeout) && ranOut(b, timeout)
                    && a.endedNanos() < put && b.endedNanos() < put) {
                throw new TimingBoundExceeded(SAY.text("waitLoop.slowSetUp", timeout.toMillis()),
                        Duration.ofNanos(put - setUp), timeout);
            }
            if (outcomeA == null || outcomeB == null) {
                fail("two gets waited, get(300 ms) each, and one message was put; "
                        + (outcomeA == null && outcomeB == null ? "neither" : "one of them")
                        + " had returned " + patience.toMillis() + " ms later: a get must end"
                        + " by its timeout");
            }
            Getter other = "only one".equals(outcomeA) ? b : a;
            Object otherOutcome = other == a ? outcomeA : outcomeB;
            if (!"only one".equals(outcomeA) && !"only one".equals(outcomeB)) {
                fail("two gets waited and \"only one\" was put: one of them must return it, but"
                        + " they gave " + Getter.describe(outcomeA) + " and "
                        + Getter.describe(outcomeB));
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(other.tookNanos());
            reporter.publishEntry("otherGetWaitedMs", String.valueOf(waited));
            if (!(otherOutcome instanceof TimeoutException)) {
                fail("two gets waited, get(300 ms) each, and one message was put; the get that did"
                        + " not get it must throw TimeoutException once its timeout has passed,"
                        + " but it gave " + Getter.describe(otherOutcome) + " after " + waited
                        + " ms. Woken, a get must look again and wait on while the queue is"
                        + " empty: a while loop around the wait, not an if.");
            }
            assertTrue(other.tookNanos() >= timeout.toNanos(), "two gets waited, get(300 ms) each,"
                    + " and one message was put; the other get gave up after only " + waited
                    + " ms. Woken without a message (another get took it), a get must wait on"
                    + " for the time left: a while loop around the wait, with a deadline, not an"
                    + " if.");
        }
    }

    @Test
    @Points(1)
    @Hint("sameProcess")
    void anEndConnectedFromTheSameProcessWorksLikeAChilds(TestReporter reporter)
            throws Exception {
        // Nothing in a connected end depends on being in another process: here it is in this one
        // (the connection is as real), which also lets the test watch it closely.
        try (ProcessQueue owner = IpcTestKit.create()) {
            ProcessQueue member = within(IpcTestKit.LIFECYCLE, "ProcessQueue.connect(address)",
                    "connect opens a socket to the address and returns.",
                    () -> ProcessQueue.connect(owner.address()));
            try {
                assertEquals(owner.address(), member.address(), "a connected end's address() must"
                        + " answer the address it connected to");
                within(IpcTestKit.DRAIN_BOUND, "putting " + ODD.size() + " messages through a"
                        + " connected end", "each put writes and flushes its message.", () -> {
                            for (String message : ODD) {
                                member.put(message);
                            }
                            return null;
                        });
                expectExactly(ODD, IpcTestKit.drain(owner, ODD.size(), "a connected end put "
                        + ODD.size() + " messages", reporter), "a connected end put " + ODD.size()
                        + " messages, some with line breaks, some empty, one of "
                        + ProcessQueue.MAX_LENGTH + " characters");

                owner.put("to the member");
                assertEquals("to the member", within(DELIVERY.multipliedBy(2), "a connected end's"
                        + " get(" + DELIVERY.toMillis() + " ms)", "the parent answers at once a get"
                        + " for a message that is there.", () -> member.get(DELIVERY)), "the parent"
                        + " put \"to the member\"; a connected end's get must return it");

                // a month is a timeout like any other: no int of milliseconds overflows
                owner.put("a month");
                Object month = within(DELIVERY.multipliedBy(2), "a connected end's get(30 days)",
                        SAY.text("month.advice"), () -> outcomeOfAMonthsGet(member));
                if (!"a month".equals(month)) {
                    fail(SAY.text("month.member", Getter.describe(month)));
                }

                // less than a millisecond is still a wait, never rounded down to none
                Duration instant = Duration.ofNanos(999_999);
                Getter brief = new Getter(member, instant, "ipc-test-member-brief-getter");
                Object briefOutcome = brief.outcome(DELIVERY.multipliedBy(2)).orElse(null);
                assertTrue(briefOutcome instanceof TimeoutException
                        && brief.tookNanos() >= instant.toNanos(), "a connected end's"
                        + " get(0.999999 ms) on an empty queue must wait that long and then throw"
                        + " TimeoutException, but it gave " + Getter.describe(briefOutcome)
                        + " after " + brief.tookNanos() / 1_000 + " µs: send the timeout in whole"
                        + " milliseconds rounded up, never down to 0");

                Duration timeout = Duration.ofMillis(150);
                Getter empty = new Getter(member, timeout, "ipc-test-member-getter");
                Object outcome = empty.outcome(timeout.plus(DELIVERY.multipliedBy(2)))
                        .orElse(null);
                if (!(outcome instanceof TimeoutException)) {
                    fail("a connected end's get(150 ms) on an empty queue must throw"
                            + " TimeoutException once its timeout has passed, but it gave "
                            + (outcome == null ? "nothing yet" : Getter.describe(outcome)));
                }
                assertTrue(empty.tookNanos() >= timeout.toNanos(), "a connected end's get(150 ms)"
                        + " on an empty queue gave up after "
                        + TimeUnit.NANOSECONDS.toMillis(empty.tookNanos()) + " ms: it must wait"
                        + " the whole timeout");

                ProcessQueue other = within(IpcTestKit.LIFECYCLE, "a second connect(address)",
                        "connect opens a socket to the address and returns.",
                        () -> ProcessQueue.connect(owner.address()));
                other.put("from the other end");
                Object fromTheOther = within(DELIVERY.multipliedBy(2), "get(" + DELIVERY.toMillis()
                        + " ms) of the second end's put", SAY.text("month.advice"), () -> {
                            try {
                                return owner.get(DELIVERY);
                            } catch (UnsupportedOperationException todo) {
                                throw todo;
                            } catch (Exception e) {
                                return e;
                            }
                        });
                if (!"from the other end".equals(fromTheOther)) {
                    fail(SAY.text("second.unserved", Getter.describe(fromTheOther)));
                }
                int port = IpcTestKit.portOf(owner.address());
                Optional<Integer> bothOpen = IpcTestKit.parentSideConnections(port);
                within(IpcTestKit.LIFECYCLE, "close() of a connected end", "closing an end only"
                        + " closes its connection.", () -> {
                            other.close();
                            other.close(); // again: nothing
                            return null;
                        });
                // Where /proc tells (Linux): the other end's connection is closed on both sides,
                // the child's (by its close) and the parent's (when it reads the end of stream).
                long closedAt = System.nanoTime();
                if (bothOpen.isPresent()) {
                    Duration bound = DELIVERY;
                    Optional<Integer> open = IpcTestKit.awaitParentSideConnectionsAtMost(port,
                            bothOpen.get() - 1, bound);
                    reporter.publishEntry("departedClosedMs", open.isPresent()
                            && open.get() < bothOpen.get() ? String.valueOf(TimeUnit.NANOSECONDS
                            .toMillis(System.nanoTime() - closedAt)) : ">" + bound.toMillis());
                    reporter.publishEntry("departedClosedBoundMs", String.valueOf(bound.toMillis()));
                    if (open.isPresent() && open.get() >= bothOpen.get()) {
                        SAY.hinting("departed", () -> fail(SAY.text("departed.open",
                                bothOpen.get(), bound.toMillis(), open.get())));
                    }
                }
                assertThrows(QueueClosedException.class, () -> other.put("after close"),
                        "put on a connected end after its close() must throw QueueClosedException");
                assertThrows(QueueClosedException.class, () -> other.get(Duration.ZERO),
                        "get on a connected end after its close() must throw QueueClosedException");
                member.put("still served");
                assertEquals("still served", within(DELIVERY.multipliedBy(2), "get(...) after"
                        + " another end closed", "the queue serves the ends that remain.",
                        () -> owner.get(DELIVERY)), "after one connected end closed, the queue"
                        + " must go on serving the others");

                Getter waiting = new Getter(member, Duration.ofSeconds(20),
                        "ipc-test-member-waiter");
                waiting.awaitInsideGet(IpcTestKit.LIFECYCLE);
                IpcTestKit.close(owner);
                Duration bound = Timing.upperBound(Duration.ofMillis(500));
                Object gone = waiting.outcome(bound).orElse(null);
                if (!(gone instanceof QueueClosedException)) {
                    fail("a connected end waited in get(20 s) when the parent closed its queue; its"
                            + " get must throw QueueClosedException at once, but "
                            + (gone == null ? "it was still waiting " + bound.toMillis()
                            + " ms later" : "it gave " + Getter.describe(gone)));
                }
                assertThrows(QueueClosedException.class, () -> member.put("parent gone"),
                        "once the parent is gone, a connected end's put must throw"
                                + " QueueClosedException");
                // Where /proc tells (Linux): close() closed every connection on the parent's side.
                Optional<Integer> left = IpcTestKit.awaitParentSideConnectionsAtMost(port, 0,
                        IpcTestKit.LIFECYCLE);
                if (left.isPresent() && left.get() > 0) {
                    SAY.hinting("close", () -> fail(SAY.text("close.connectionsOpen", left.get(),
                            IpcTestKit.LIFECYCLE.toMillis())));
                }
            } finally {
                member.close();
            }
        }
    }

    @Test
    @Points(1)
    @Hint("leftWaiting")
    void aChildGoneWhileItsGetWaitsTakesNoLaterMessage(TestReporter reporter) throws Exception {
        // A connected end (in this process, so that the test sees its get read the socket: the
        // request is sent) waits in get and closes its queue. Once the parent has closed its side
        // of that connection (it has seen the end of the stream), a message put is nobody's but
        // the parent's: the child's get, left waiting, must not take it with it.
        try (ProcessQueue owner = IpcTestKit.create()) {
            int port = IpcTestKit.portOf(owner.address());
            ProcessQueue member = within(IpcTestKit.LIFECYCLE, "ProcessQueue.connect(address)",
                    "connect opens a socket to the address and returns.",
                    () -> ProcessQueue.connect(owner.address()));
            Getter waiting = new Getter(member, Duration.ofSeconds(10), "ipc-test-leaving-getter");
            boolean sent;
            try {
                sent = waiting.awaitReadingASocket(IpcTestKit.LIFECYCLE);
                Optional<Integer> open = IpcTestKit.parentSideConnections(port);
                if (open.isEmpty()) {
                    reporter.publishEntry("parentSawTheChildGone", "(/proc cannot tell)");
                    return; // nobody can tell when the parent has seen the child gone
                }
                within(IpcTestKit.LIFECYCLE, "close() of a connected end whose get waits",
                        "closing an end closes its connection.", () -> {
                            member.close();
                            return null;
                        });
                long closed = System.nanoTime();
                Optional<Integer> left = IpcTestKit.awaitParentSideConnectionsAtMost(port,
                        open.get() - 1, DELIVERY);
                reporter.publishEntry("requestSeenSent", String.valueOf(sent));
                reporter.publishEntry("parentSawTheChildGoneMs", left.orElse(0) < open.get()
                        ? String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed))
                        : ">" + DELIVERY.toMillis());
                reporter.publishEntry("parentSawTheChildGoneBoundMs",
                        String.valueOf(DELIVERY.toMillis()));
            } finally {
                member.close();
            }
            owner.put("after the child left");
            Object outcome = within(DELIVERY.multipliedBy(2), "get(" + DELIVERY.toMillis()
                    + " ms) in the parent", SAY.text("leftWaiting.advice"), () -> {
                        try {
                            return owner.get(DELIVERY);
                        } catch (UnsupportedOperationException todo) {
                            throw todo;
                        } catch (Exception e) {
                            return e;
                        }
                    });
            if (!"after the child left".equals(outcome)) {
                fail(SAY.text("leftWaiting.lost", Getter.describe(outcome)));
            }
        }
    }

    @Test
    @Points(1)
    @Hint("daemon")
    void aQueueNeverKeepsItsProgramAlive() throws Exception {
        // the queue's threads: the one that accepts, one that serves a connection, and whatever
        // answers a get; none of them may keep a program that forgot to close alive
        java.util.Set<Long> before = IpcTestKit.threadIds();
        try (ProcessQueue owner = IpcTestKit.createFromAUserThread();
             ProcessQueue member = within(IpcTestKit.LIFECYCLE, "ProcessQueue.connect(address)",
                     "connect opens a socket to the address and returns.",
                     () -> ProcessQueue.connect(owner.address()))) {
            member.put("hello");
            assertEquals("hello", within(DELIVERY.multipliedBy(2), "get(...) of a connected"
                    + " end's put", "the parent serves the connection.", () -> owner.get(DELIVERY)),
                    "a connected end put \"hello\"");
            owner.put("back");
            assertEquals("back", within(DELIVERY.multipliedBy(2), "a connected end's get(...)",
                    "the parent answers the get.", () -> member.get(DELIVERY)),
                    "the parent put \"back\" for the connected end");
            List<String> kept = IpcTestKit.newNonDaemonThreads(before);
            assertTrue(kept.isEmpty(), "the queue started threads that are not daemons: " + kept
                    + ". A program that forgets to close its queue would never end: make every"
                    + " thread the queue starts a daemon (setDaemon(true) before start()).");
        }
    }

    @Test
    @Points(1)
    @Hint("loopback")
    void theQueueListensOnTheLoopbackAddressOnly() throws Exception {
        try (ProcessQueue queue = IpcTestKit.create()) {
            String address = queue.address();
            if (address == null || !address.matches("127\\.0\\.0\\.1:\\d{1,5}")) {
                fail("address() must be \"127.0.0.1:PORT\", the loopback address and the port the"
                        + " queue listens on, but it was " + address);
            }
            int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
            // Where /proc tells (Linux), the listening socket itself must be bound to 127.0.0.1:
            // one bound to every address can be reached from other machines.
            IpcTestKit.listeningAddress(port).ifPresent(bound -> assertEquals("127.0.0.1", bound,
                    "the queue's server socket on port " + port + " is bound to " + bound
                            + ": bind it to 127.0.0.1 (new ServerSocket(0, backlog,"
                            + " InetAddress.getByName(\"127.0.0.1\"))), so that only this machine"
                            + " can reach it; new ServerSocket(0) listens on every address"));
        }
    }

    /** Whether {@code getter} has given up with a TimeoutException after its whole timeout. */
    private static boolean ranOut(Getter getter, Duration timeout) throws Exception {
        return getter.done() && getter.outcome(Duration.ZERO).orElse(null) instanceof TimeoutException
                && getter.tookNanos() >= timeout.toNanos();
    }

    @Test
    @Points(2)
    @Hint("consumers")
    void twoChildrenShareTheMessagesEachGotOnce(TestReporter reporter) throws Exception {
        int count = 400;
        List<String> messages = numbered("c", count);
        try (ProcessQueue queue = IpcTestKit.create();
             Child a = Child.start("child A", "drain", queue.address(), "150");
             Child b = Child.start("child B", "drain", queue.address(), "150")) {
            a.awaitLine(CHILD_BOUND, "it connects, then says it is ready.", "ready");
            b.awaitLine(CHILD_BOUND, "it connects, then says it is ready.", "ready");
            for (String message : messages) {
                queue.put(message);
            }
            a.tell("go");
            b.tell("go");
            long start = System.nanoTime();
            Duration bound = Timing.upperBound(Duration.ofSeconds(2));
            for (Child child : List.of(a, b)) {
                String end = child.awaitLine(bound.minusNanos(System.nanoTime() - start),
                        "it gets until a get(150 ms) finds the queue empty; the parent must"
                                + " answer every child's get.", "timeout", "closed", "error");
                if (!end.startsWith("timeout")) {
                    fail("a child getting from the shared queue must end with a TimeoutException"
                            + " once it is empty, but it said: " + end);
                }
            }
            IpcTestKit.publish(reporter, "consumersDoneMs", System.nanoTime() - start, bound);
            a.awaitExit(CHILD_BOUND, "It ends when the queue is empty.");
            b.awaitExit(CHILD_BOUND, "It ends when the queue is empty.");
            List<String> gotA = a.got();
            List<String> gotB = b.got();
            for (List<String> got : List.of(gotA, gotB)) {
                int previous = -1;
                for (String message : got) {
                    int n = Integer.parseInt(message.substring(1));
                    if (n <= previous) {
                        fail("one child got c" + previous + " and then c" + n + ": whoever gets"
                                + " them, messages leave the queue in the order they went in.");
                    }
                    previous = n;
                }
            }
            List<String> both = new ArrayList<>(gotA);
            both.addAll(gotB);
            Set<String> inBoth = new HashSet<>(gotA);
            inBoth.retainAll(new HashSet<>(gotB));
            if (!inBoth.isEmpty()) {
                fail("both children got \"" + inBoth.iterator().next() + "\": a message that one"
                        + " child got is gone from the queue, nobody else may get it.");
            }
            both.sort((x, y) -> Integer.compare(Integer.parseInt(x.substring(1)),
                    Integer.parseInt(y.substring(1))));
            expectExactly(messages, both, "the parent put " + count + " messages and two children"
                    + " got them (child A " + gotA.size() + ", child B " + gotB.size() + ")");
            reporter.publishEntry("childAGot", String.valueOf(gotA.size()));
            reporter.publishEntry("childBGot", String.valueOf(gotB.size()));
        }
    }

    @Test
    @Points(1)
    @Hint("limits")
    void putAndGetCheckTheirArguments() throws Exception {
        try (ProcessQueue queue = IpcTestKit.create()) {
            assertThrows(NullPointerException.class, () -> queue.put(null),
                    "put(null) must throw NullPointerException: null is not a message");
            String tooLong = "x".repeat(ProcessQueue.MAX_LENGTH + 1);
            assertThrows(IllegalArgumentException.class, () -> queue.put(tooLong),
                    "put of " + (ProcessQueue.MAX_LENGTH + 1) + " characters must throw"
                            + " IllegalArgumentException: MAX_LENGTH is " + ProcessQueue.MAX_LENGTH);
            assertThrows(IllegalArgumentException.class, () -> queue.get(Duration.ofMillis(-1)),
                    "get with a negative timeout must throw IllegalArgumentException");
            within(DELIVERY, "get(0) on an empty queue", "a timeout of zero means: only if a"
                    + " message is there now.", () -> assertThrows(TimeoutException.class,
                    () -> queue.get(Duration.ZERO), "get(0) on an empty queue must throw"
                            + " TimeoutException at once"));
            queue.put("a month");
            Object month = within(DELIVERY, "get(30 days) of a message that is there",
                    SAY.text("month.advice"), () -> outcomeOfAMonthsGet(queue));
            if (!"a month".equals(month)) {
                fail(SAY.text("month.parent", Getter.describe(month)));
            }
            String longest = "y".repeat(ProcessQueue.MAX_LENGTH);
            queue.put(longest);
            assertEquals(longest, queue.get(DELIVERY), "a message of exactly MAX_LENGTH"
                    + " characters is allowed and must come back whole");
            for (String wrong : List.of("nowhere", ":80", "127.0.0.1:", "127.0.0.1:x",
                    "127.0.0.1:0", "127.0.0.1:65536")) {
                assertThrows(IllegalArgumentException.class, () -> ProcessQueue.connect(wrong),
                        "connect(\"" + wrong + "\") must throw IllegalArgumentException: an"
                                + " address is HOST:PORT, the port from 1 to 65535");
            }
            for (String first : List.of("127.0.0.1:1", "127.0.0.1:65535")) {
                expectNotRefusedAsAnAddress(first);
            }
        }
    }

    /** What {@code get(30 days)} returned, or threw (a stub's TODO is thrown on). */
    private static Object outcomeOfAMonthsGet(ProcessQueue queue) {
        try {
            return queue.get(Duration.ofDays(30));
        } catch (UnsupportedOperationException todo) {
            throw todo;
        } catch (Exception e) {
            return e;
        }
    }

    /**
     * Connects to {@code address}, a well-formed one: whether anybody listens there or not, it is
     * no {@code IllegalArgumentException} (a connection made is closed again at once; one still
     * being tried when the bound ends is no refusal either: the address check comes first).
     */
    private static void expectNotRefusedAsAnAddress(String address) throws Exception {
        java.util.concurrent.FutureTask<Object> connecting = new java.util.concurrent.FutureTask<>(
                () -> {
                    try {
                        ProcessQueue.connect(address).close();
                        return "connected";
                    } catch (Exception e) {
                        return e;
                    }
                });
        Thread thread = new Thread(connecting, "ipc-test-connect");
        thread.setDaemon(true);
        thread.start();
        Object outcome;
        try {
            outcome = connecting.get(IpcTestKit.LIFECYCLE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillTrying) {
            return;
        }
        if (outcome instanceof UnsupportedOperationException todo) {
            throw todo;
        }
        if (outcome instanceof IllegalArgumentException refused) {
            fail(SAY.text("port.edge", address, refused.getMessage()));
        }
    }
}
