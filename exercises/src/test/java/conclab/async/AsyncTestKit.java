package conclab.async;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.CodeUnderTest;
import conclab.harness.Say;
import conclab.harness.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.TestReporter;

/**
 * What the async tests are made of: a service the test holds and releases, customers on threads
 * of their own that the test watches, other work that counts itself, and a phone that records
 * its calls. Nothing here measures time: a bound only limits how long a test waits for something
 * that a correct counter does at once (a wrong one never does it).
 *
 * <p>A customer's thread is the test's; in the grader the call it makes runs in the
 * submission's JVM, on a thread of its own. So every look at how a customer waits (its state,
 * its stack, the CPU it uses) goes through {@link CodeUnderTest}, which answers for the thread
 * that really runs the call.
 *
 * <p>Its texts are in {@code AsyncTestKit.properties} (and {@code _zh_CN}); a thread that never
 * stopped to wait, one that polls, a check that waits and a service run on the customer's thread
 * each fail with the hint for that mistake, whichever test finds it.
 */
final class AsyncTestKit {

    static final Say SAY = Say.of(AsyncTestKit.class);

    /**
     * How long the tests wait for something that happens at once in a correct counter (a thread
     * parks, a method returns, a callback comes after the release): generous, so that a busy
     * machine never fails a correct solution.
     */
    static final Duration WAIT = Timing.upperBound(Duration.ofMillis(400));

    /**
     * How long the test watches a customer's thread that waits, untimed ({@code WAITING}, or
     * {@code BLOCKED} on a lock), for it to wake up on its own. Such a thread cannot: only
     * another thread wakes it.
     */
    static final Duration QUIET = Duration.ofMillis(50);

    /**
     * How long the test watches a customer's thread that waits with a timeout
     * ({@code TIMED_WAITING}: a sleep, {@code get(timeout)}, {@code wait(timeout)}) for it to
     * wake up on its own, as a thread that polls does every few milliseconds. Long, so that even
     * a thread kept off the CPU by a busy machine shows that it wakes; a correct counter waits
     * untimed and is watched only {@link #QUIET}. Neither is a bound: a busy machine only makes
     * a waiting thread's quiet longer.
     */
    static final Duration QUIET_TIMED = Duration.ofSeconds(1);

    /** How long a held service waits for its release before giving up (a test went wrong). */
    static final Duration HOLD_LIMIT = Duration.ofSeconds(20);

    /** The states of a thread that is stopped, not running: the blocked state of the lecture. */
    static final Set<Thread.State> STOPPED = EnumSet.of(Thread.State.WAITING,
            Thread.State.TIMED_WAITING, Thread.State.BLOCKED);

    private AsyncTestKit() {
    }

    /**
     * Waits until {@code condition} holds, at most {@link #WAIT}; fails with {@code whenNot}
     * otherwise. If one of the {@code watched} customers' calls ends with an exception meanwhile,
     * throws that exception instead (it says more than "the condition never held"). Returns how
     * long the wait took, in milliseconds.
     */
    static long awaitThat(BooleanSupplier condition, String whenNot, Customer<?>... watched)
            throws Exception {
        return awaitThat(condition, () -> whenNot, watched);
    }

    /**
     * {@link #awaitThat(BooleanSupplier, String, Customer[])} with a message made when the wait
     * has failed: one that says how far the customer got by then.
     */
    static long awaitThat(BooleanSupplier condition, Supplier<String> whenNot,
                          Customer<?>... watched) throws Exception {
        BoundedWait.announce(WAIT);
        long start = System.nanoTime();
        try {
            await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                    .until(() -> condition.getAsBoolean() || anyFailed(watched));
        } catch (ConditionTimeoutException e) {
            fail(SAY.text("waited", whenNot.get(), WAIT.toMillis()));
        }
        for (Customer<?> customer : watched) {
            customer.rethrowIfFailed();
        }
        if (!condition.getAsBoolean()) {
            fail(whenNot.get());
        }
        waited(System.nanoTime() - start);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /**
     * Checks that {@code customer}'s call waits blocked: the thread that runs it stops (waiting,
     * or blocked on a lock) and, once it has stopped, uses no CPU at all while the test watches
     * it ({@link #QUIET}, or {@link #QUIET_TIMED} for a wait with a timeout). A thread that polls
     * (sleeps, or waits with a short timeout, and looks again) wakes up to look: the first time it
     * runs is evidence enough. Fails with {@code whenNot} and what was seen, or rethrows what the
     * call threw if it ended meanwhile.
     */
    static void awaitBlocked(Customer<?> customer, String whenNot) throws Exception {
        BoundedWait.announce(WAIT.plus(QUIET_TIMED));
        long start = System.nanoTime();
        Stillness watch = new Stillness(customer.thread());
        try {
            await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                    .until(() -> customer.returned() || watch.settled());
        } catch (ConditionTimeoutException e) {
            SAY.hinting(watch.polled() ? "blocked.polls" : "blocked.busy",
                    () -> fail(watch.neverSettled(whenNot)));
        }
        customer.rethrowIfFailed();
        if (customer.returned()) {
            SAY.hinting("blocked.returned", () -> fail(SAY.text("blocked.returnedEarly", whenNot)));
        }
        waited(System.nanoTime() - start);
        Duration quiet = watch.timed() ? QUIET_TIMED : QUIET;
        long watching = System.nanoTime();
        try {
            await().atMost(quiet.plusSeconds(1)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> customer.returned() || watch.woke()
                            || System.nanoTime() - watching >= quiet.toNanos());
        } catch (ConditionTimeoutException e) {
            return; // the test itself was kept off the CPU; the thread never woke meanwhile
        }
        customer.rethrowIfFailed();
        if (customer.returned()) {
            SAY.hinting("blocked.returned", () -> fail(SAY.text("blocked.returnedEarly", whenNot)));
        }
        if (watch.wokeAfter >= 0) {
            SAY.hinting("blocked.polls", () -> fail(watch.howItWoke(whenNot, watching)));
        }
    }

    /**
     * What the test sees of a waiting thread, look after look: first whether it has stopped
     * (two looks in a row stopped, with no CPU used between them), then whether it runs again.
     */
    private static final class Stillness {

        private final Thread thread;
        private Thread.State state;
        private long cpu = Long.MIN_VALUE;
        private int looks;
        private Thread.State stoppedIn;
        private long stoppedCpu;
        private long wokeAfter = -1;
        private Thread.State wokeIn;
        private long wokeCpu;

        Stillness(Thread thread) {
            this.thread = thread;
        }

        /** Looks once more; whether the thread has now stopped and stayed still for a look. */
        boolean settled() {
            Thread.State before = state;
            long cpuBefore = cpu;
            look();
            if (STOPPED.contains(state) && STOPPED.contains(before) && cpu == cpuBefore) {
                stoppedIn = state;
                stoppedCpu = cpu;
                return true;
            }
            return false;
        }

        /** Looks once more; whether the stopped thread has run since (CPU -1: its state only). */
        boolean woke() {
            look();
            if (!STOPPED.contains(state) || cpu != stoppedCpu) {
                wokeAfter = System.nanoTime();
                wokeIn = state;
                wokeCpu = cpu;
                return true;
            }
            return false;
        }

        private void look() {
            state = CodeUnderTest.stateOf(thread);
            cpu = CodeUnderTest.cpuTimeNanos(thread);
            looks++;
        }

        boolean timed() {
            return stoppedIn == Thread.State.TIMED_WAITING;
        }

        /** Whether the thread was stopped at the last look (and so never settled by running). */
        boolean polled() {
            return STOPPED.contains(state);
        }

        /** {@code whenNot}, and how the thread was seen running again and again. */
        String neverSettled(String whenNot) {
            return STOPPED.contains(state) ? SAY.text("blocked.pollsBetweenLooks", whenNot, state,
                    looks, WAIT.toMillis()) : SAY.text("blocked.neverStopped", whenNot, state, looks,
                    WAIT.toMillis());
        }

        /** {@code whenNot}, and how the stopped thread woke up by itself. */
        String howItWoke(String whenNot, long watching) {
            return SAY.text("blocked.woke", whenNot, stoppedIn, (wokeAfter - watching) / 1_000_000, wokeIn,
                    wokeCpu != stoppedCpu ? SAY.text("blocked.cpu", (wokeCpu - stoppedCpu) / 1_000) : "");
        }
    }

    /**
     * Where the thread that runs {@code thread}'s call waits inside the counter's own code at this
     * moment ({@code "Thread.sleep in BankCounter.checkWhileWorking"}), or {@code null} if it does
     * not: the waiting method at the top of its stack is reached from {@code BankCounter} itself,
     * not from the test's code (the other work) or anything else outside the JDK.
     */
    static String waitingInTheCounter(Thread thread) {
        String waiting = null;
        for (StackTraceElement frame : CodeUnderTest.stackOf(thread)) {
            String owner = frame.getClassName();
            if (isJdk(owner)) {
                if (waiting == null && WAITS.contains(owner + "." + frame.getMethodName())) {
                    waiting = owner.substring(owner.lastIndexOf('.') + 1) + "."
                            + frame.getMethodName();
                }
                continue;
            }
            boolean counters = owner.equals(BankCounter.class.getName())
                    || owner.startsWith(BankCounter.class.getName() + "$");
            return waiting != null && counters ? waiting + " in BankCounter."
                    + frame.getMethodName() : null;
        }
        return null;
    }

    /** The JDK's methods in which a thread waits. */
    private static final Set<String> WAITS = Set.of("java.lang.Thread.sleep",
            "java.lang.Thread.sleep0", "java.lang.Object.wait", "java.lang.Object.wait0",
            "jdk.internal.misc.Unsafe.park", "sun.misc.Unsafe.park",
            "java.util.concurrent.locks.LockSupport.park",
            "java.util.concurrent.locks.LockSupport.parkNanos",
            "java.util.concurrent.locks.LockSupport.parkUntil");

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.")
                || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("com.sun.");
    }

    private static boolean anyFailed(Customer<?>... customers) {
        for (Customer<?> customer : customers) {
            if (customer.failed()) {
                return true;
            }
        }
        return false;
    }

    /** The longest bounded wait of the running test, in nanoseconds (tests run one at a time). */
    private static final java.util.concurrent.atomic.AtomicLong LONGEST_WAIT =
            new java.util.concurrent.atomic.AtomicLong();

    private static void waited(long nanos) {
        LONGEST_WAIT.accumulateAndGet(nanos, Math::max);
    }

    /**
     * Publishes the longest of the test's bounded waits (for a thread to stop, a call to
     * return, a callback to come) as {@code longestWaitMs}, with {@code longestWaitBoundMs}.
     */
    static void publishLongestWait(TestReporter reporter) {
        reporter.publishEntry("longestWaitMs", String.valueOf(LONGEST_WAIT.get() / 1_000_000));
        reporter.publishEntry("longestWaitBoundMs", String.valueOf(WAIT.toMillis()));
    }

    /** Publishes a measured wait and the bound it was judged against, as a pair. */
    static void publish(TestReporter reporter, String key, long millis) {
        reporter.publishEntry(key + "Ms", String.valueOf(millis));
        reporter.publishEntry(key + "BoundMs", String.valueOf(WAIT.toMillis()));
    }

    /**
     * The counter's work, played by the test: each call records itself, then waits for a permit
     * that only the test hands out ({@link #release(int)}), then returns {@code "served: " +
     * request}. Requests listed in {@link #failing} throw instead.
     */
    static final class HeldService implements Service {

        private final Semaphore permits = new Semaphore(0);
        private final List<String> started = new ArrayList<>();
        private final List<String> finished = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicInteger inService = new AtomicInteger();
        private final AtomicInteger mostAtOnce = new AtomicInteger();
        private final Set<String> failing;
        private final Set<String> interrupting;

        HeldService(String... failing) {
            this(Set.of(failing), Set.of());
        }

        /**
         * @param failing      requests whose service throws IllegalStateException
         * @param interrupting requests whose service throws InterruptedException (as
         *                     {@link Service#serve} may) without anyone interrupting the clerk
         */
        HeldService(Set<String> failing, Set<String> interrupting) {
            this.failing = Set.copyOf(failing);
            this.interrupting = Set.copyOf(interrupting);
        }

        @Override
        public String serve(String request) throws InterruptedException {
            synchronized (this) {
                started.add(request);
                threads.add(Thread.currentThread());
            }
            mostAtOnce.accumulateAndGet(inService.incrementAndGet(), Math::max);
            try {
                if (!permits.tryAcquire(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(SAY.text("service.neverReleased", request));
                }
            } finally {
                inService.decrementAndGet();
            }
            synchronized (this) {
                finished.add(request);
            }
            if (failing.contains(request)) {
                throw new IllegalStateException(failure(request));
            }
            if (interrupting.contains(request)) {
                throw new InterruptedException(failure(request)); // the service's own, not an interrupt
            }
            return result(request);
        }

        static String result(String request) {
            return "served: " + request;
        }

        /** The message of the exception a failing service throws for {@code request}. */
        static String failure(String request) {
            return SAY.text("service.failure", request);
        }

        /** Lets {@code n} services finish. */
        void release(int n) {
            permits.release(n);
        }

        /** Lets every service, now and later, finish at once. */
        void releaseAll() {
            permits.release(1_000_000);
        }

        synchronized List<String> started() {
            return List.copyOf(started);
        }

        synchronized List<String> finished() {
            return List.copyOf(finished);
        }

        synchronized boolean hasFinished(String request) {
            return finished.contains(request);
        }

        synchronized List<Thread> threads() {
            return List.copyOf(threads);
        }

        /** The most services that ran at the same time. */
        int mostAtOnce() {
            return mostAtOnce.get();
        }

        /** Waits until the counter has started serving {@code request}. */
        long awaitStarted(String request, String advice, Customer<?>... watched)
                throws Exception {
            return awaitThat(() -> started().contains(request), SAY.text("service.neverStarted",
                    request, advice), watched);
        }
    }

    /** A customer: a call made on a thread of its own, which the test can watch. */
    static final class Customer<T> {

        private final Thread thread;
        private final FutureTask<T> call;

        private Customer(String name, Callable<T> call, boolean daemon) {
            this.call = new FutureTask<>(call);
            this.thread = new Thread(this.call, name);
            this.thread.setDaemon(daemon);
        }

        static <T> Customer<T> start(String name, Callable<T> call) {
            Customer<T> customer = new Customer<>(name, call, true);
            customer.thread.start();
            return customer;
        }

        /**
         * A customer on a thread that is not a daemon, as a program's main thread is not: a thread
         * it starts is no daemon unless it is made one. Only for a call that returns once the
         * service is released (the {@link Bank} releases it when it closes).
         */
        static <T> Customer<T> startAsMain(String name, Callable<T> call) {
            Customer<T> customer = new Customer<>(name, call, false);
            customer.thread.start();
            return customer;
        }

        Thread thread() {
            return thread;
        }

        boolean returned() {
            return call.isDone();
        }

        /** The state of the thread that runs the call (see {@link CodeUnderTest#stateOf}). */
        Thread.State state() {
            return CodeUnderTest.stateOf(thread);
        }

        /**
         * The call's result; fails the test if it has not returned within {@link #WAIT}, and
         * rethrows what the call threw.
         */
        T result(String whenNot) throws Exception {
            long start = System.nanoTime();
            try {
                T result = call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                waited(System.nanoTime() - start);
                return result;
            } catch (TimeoutException e) {
                return fail(SAY.text("customer.waited", whenNot, WAIT.toMillis(), state()));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception exception) {
                    throw exception;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }

        /** Whether the call has ended with an exception. */
        boolean failed() {
            if (!call.isDone()) {
                return false;
            }
            try {
                call.get();
                return false;
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /**
         * If the call has already ended with an exception (a stub's TODO, say), throws it now,
         * so that the test shows the real cause rather than "it has not returned".
         */
        void rethrowIfFailed() throws Exception {
            if (failed()) {
                result("unreachable");
            }
        }
    }

    /** Other work that a customer does while waiting: each piece counts itself and its thread. */
    static final class OtherWork implements Runnable {

        private final AtomicInteger pieces = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();

        @Override
        public void run() {
            synchronized (this) {
                Thread current = Thread.currentThread();
                if (!threads.contains(current)) {
                    threads.add(current);
                }
            }
            pieces.incrementAndGet();
            Thread.yield(); // a piece of work: let others run
        }

        int pieces() {
            return pieces.get();
        }

        synchronized List<Thread> threads() {
            return List.copyOf(threads);
        }
    }

    /**
     * Looks {@code looks} times at where {@code customer}'s thread is, each time just after it has
     * begun another piece of {@code work}, while the service is held; fails if it is ever found
     * waiting inside the counter's code (a sleep, a wait with a timeout) between two pieces:
     * in {@code checkWhileWorking}, checking never waits.
     */
    static void assertNeverWaitsBetweenPieces(Customer<?> customer, OtherWork work, int looks)
            throws Exception {
        for (int i = 0; i < looks && !customer.returned(); i++) {
            int before = work.pieces();
            SAY.hinting("checking.goesOn", () -> awaitThat(() -> work.pieces() > before
                    || customer.returned(), SAY.text("checking.stopped", before), customer));
            String waiting = waitingInTheCounter(customer.thread());
            if (waiting != null) {
                SAY.hinting("checking.waits", () -> fail(SAY.text("checking.waited", waiting)));
            }
        }
    }

    /**
     * The threads, by name and each told apart from the others: an executor that replaces its
     * thread gives the new one the same name ({@code [bank-counter, bank-counter (2)]}).
     */
    static List<String> named(List<Thread> threads) {
        List<Thread> distinct = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Thread thread : threads) {
            if (!distinct.contains(thread)) {
                distinct.add(thread);
            }
            int which = distinct.stream().filter(t -> t.getName().equals(thread.getName())).toList()
                    .indexOf(thread) + 1;
            names.add(which == 1 ? thread.getName() : thread.getName() + " (" + which + ")");
        }
        return names;
    }

    /** Fails unless the service ran on another thread than {@code customer}'s: the counter's own. */
    static void assertServedByTheCounter(Customer<?> customer, HeldService service) {
        SAY.hinting("counter.ownThread", () -> org.junit.jupiter.api.Assertions.assertNotSame(
                customer.thread(), service.threads().get(0), SAY.text("counter.onTheCustomer")));
    }

    /** The number a customer left: records every call, its thread, and what was served then. */
    static class Phone implements Consumer<String> {

        /** One call of the phone. */
        record Call(String result, Thread thread, boolean afterService) {
        }

        private final List<Call> calls = new ArrayList<>();
        private final BooleanSupplier servedYet;

        /** @param servedYet whether the service this phone waits for has finished */
        Phone(BooleanSupplier servedYet) {
            this.servedYet = servedYet;
        }

        @Override
        public void accept(String result) {
            boolean after = servedYet.getAsBoolean();
            synchronized (this) {
                calls.add(new Call(result, Thread.currentThread(), after));
            }
        }

        synchronized List<Call> calls() {
            return List.copyOf(calls);
        }
    }

    /**
     * A counter over a held service, for try-with-resources: closing it releases the service and
     * closes the counter (on a helper thread, waiting at most {@link #WAIT}), so that a test
     * never leaves a clerk waiting behind it. Failures while cleaning up are not the test's
     * verdict.
     */
    static final class Bank implements AutoCloseable {

        final HeldService service;
        final BankCounter counter;

        Bank(HeldService service) {
            LONGEST_WAIT.set(0);
            this.service = service;
            this.counter = new BankCounter(service);
        }

        Bank() {
            this(new HeldService());
        }

        @Override
        public void close() {
            service.releaseAll();
            Customer<Object> closing = Customer.start("closing-the-counter", () -> {
                counter.close();
                return null;
            });
            try {
                closing.result("close() did not return");
            } catch (Exception | AssertionError e) {
                // cleanup only
            }
        }
    }
}
