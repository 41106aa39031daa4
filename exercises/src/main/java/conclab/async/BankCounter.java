package conclab.async;

import java.util.function.Consumer;

/**
 * A bank counter that serves customers one at a time, and the four ways a customer can wait
 * for it: the lecture's two questions, in code.
 *
 * <h2>Two questions, four answers</h2>
 * Whenever you hand a task to someone else (a thread, a process, a server, a bank clerk), two
 * separate questions arise:
 * <ol>
 *   <li><b>How is the task submitted?</b> <em>Synchronously</em> (同步): you hand it over and
 *       stay until the result is in your hand; the call returns the result. Or
 *       <em>asynchronously</em> (异步): you hand it over and go on at once; the result reaches you
 *       later, through a feedback mechanism (a slip that gets called, a phone call back).</li>
 *   <li><b>What state is the waiter in while waiting?</b> <em>Blocking</em> (阻塞): stopped, in
 *       the operating system's blocked state, using no CPU until woken. Or
 *       <em>non-blocking</em> (非阻塞): still ready or running, doing something else.</li>
 * </ol>
 * The answers combine freely. The lecture tells them as a queue at the bank:
 * <table border="1">
 *   <caption>The four quadrants, and the method of this class for each</caption>
 *   <tr><th></th><th>blocking: stopped while waiting</th>
 *       <th>non-blocking: busy with other work</th></tr>
 *   <tr><th>synchronous: the call brings the result</th>
 *       <td>{@link #standInLine}: stand in the queue and do nothing else (同步阻塞, the least
 *           efficient)</td>
 *       <td>{@link #checkWhileWorking}: phone a friend, and look up between sentences to see
 *           whether it is your turn (同步非阻塞: busy, but switching back and forth)</td></tr>
 *   <tr><th>asynchronous: the counter calls you</th>
 *       <td>{@link #takeSlip}: take a slip, then sit in the bank, idle, until your number is
 *           called (异步阻塞: blocked on the <em>notification</em>, not on the work)</td>
 *       <td>{@link #leaveNumber}: tell the lobby manager to call you, and go out for a smoke
 *           (异步非阻塞, the most efficient: waiting costs you nothing)</td></tr>
 * </table>
 * People mix up synchronous with blocking, and asynchronous with non-blocking, because they
 * often come together. They are not the same: {@link #checkWhileWorking} is synchronous but
 * never blocked, and {@link #takeSlip} is asynchronous, yet its customer ends up blocked.
 *
 * <h2>The counter</h2>
 * <ul>
 *   <li>The counter has <b>one thread of its own</b>, the clerk (a daemon thread). It
 *       takes customers from a queue in the order they arrived (first come, first served) and
 *       calls {@link Service#serve} for one at a time. Every service runs on that thread, never on
 *       a customer's thread, whichever way the customer waits. (A single-thread
 *       {@link java.util.concurrent.ExecutorService} is exactly such a clerk and queue.)</li>
 *   <li>Every method below hands the request to the counter and returns the way its quadrant
 *       says. None of them serves the request itself.</li>
 *   <li>If the service throws, the counter goes on with the next customer. A customer waiting
 *       for that result gets an {@link IllegalStateException} with the service's exception as
 *       its cause; a customer who left a number is not called.</li>
 *   <li>{@link #close()} takes no new customers, serves everyone already in line (their
 *       callbacks run too), then ends the counter's thread and returns when it has ended. After
 *       it, every method throws {@link IllegalStateException}.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (BankCounter counter = new BankCounter(request -> {
 *         Thread.sleep(100);                               // the clerk is slow
 *         return "done: " + request;
 *     })) {
 *     String a = counter.standInLine("deposit");    // after ~100 ms: "done: deposit"
 *     String b = counter.checkWhileWorking("transfer",
 *             () -> System.out.println("chatting...")); // prints while waiting, then returns
 *     Slip slip = counter.takeSlip("withdraw");     // returns at once
 *     String c = slip.awaitCall();                   // blocks ~100 ms
 *     counter.leaveNumber("open an account",         // returns at once; later, on the
 *             result -> System.out.println(result)); // counter's thread, it prints
 * }                                                  // close(): "done: open an account" first
 * }</pre>
 */
public final class BankCounter implements AutoCloseable {

    // TODO: the counter's thread and its queue of waiting customers (one single-thread
    //  ExecutorService is both), and the service.

    /**
     * Opens the counter with its thread, which waits for customers (an executor may start it with
     * the first customer). Make it a daemon thread, so that a counter nobody closed never keeps a
     * program alive.
     *
     * @param service what the counter does for each customer
     */
    public BankCounter(Service service) {
        throw new UnsupportedOperationException("TODO: keep the service and start the counter's"
                + " own thread and queue (Executors.newSingleThreadExecutor with a daemon thread"
                + " factory)");
    }

    /**
     * <b>Synchronous, blocking</b> (同步阻塞): joins the line and waits, doing nothing else, until
     * the counter has served the request; returns its result. While waiting, the calling thread
     * is blocked (it uses no CPU): it does not check again and again whether it is done, it
     * sleeps until woken.
     *
     * @param request what to ask the counter
     * @return the service's result
     * @throws InterruptedException  if the calling thread is interrupted while waiting
     * @throws IllegalStateException if the service failed, or the counter is closed
     */
    public String standInLine(String request) throws InterruptedException {
        throw new UnsupportedOperationException("TODO: hand the request to the counter's thread"
                + " (submit), then wait for the result (Future.get blocks), and return it");
    }

    /**
     * <b>Synchronous, non-blocking</b> (同步非阻塞): joins the line, then, until the request has
     * been served, alternates between checking (without waiting) whether it has been, and doing
     * one piece of other work: {@code otherWork.run()}. Returns the result once a check finds it
     * served. Checking never waits; the other work is done on the calling thread, in this loop,
     * and never after the result is known.
     *
     * <pre>{@code
     * while (not served yet) {     // a check that returns at once: Future.isDone()
     *     otherWork.run();
     * }
     * return the result;           // available now, so fetching it does not wait
     * }</pre>
     *
     * @param request   what to ask the counter
     * @param otherWork one piece of other work, run on the calling thread between checks (as
     *                  many times as it takes; possibly not at all, if the counter was quick)
     * @return the service's result
     * @throws InterruptedException  if the calling thread is interrupted while fetching the result
     * @throws IllegalStateException if the service failed, or the counter is closed
     */
    public String checkWhileWorking(String request, Runnable otherWork)
            throws InterruptedException {
        throw new UnsupportedOperationException("TODO: submit the request, then loop: while the"
                + " Future is not done, run otherWork once; then return its result");
    }

    /**
     * <b>Asynchronous</b> submission, <b>blocking</b> wait (异步阻塞): joins the line and returns
     * at once with a {@link Slip}, before the request is served. The customer may then decide to
     * wait for the call with {@link Slip#awaitCall()}, which blocks: the calling thread sleeps
     * until the counter has served the request.
     *
     * @param request what to ask the counter
     * @return the slip, to wait for the result with
     * @throws IllegalStateException if the counter is closed
     */
    public Slip takeSlip(String request) {
        throw new UnsupportedOperationException("TODO: submit the request and return at once a"
                + " Slip whose awaitCall() waits for the result (a lambda over the Future)");
    }

    /**
     * <b>Asynchronous, non-blocking</b> (异步非阻塞): joins the line, leaves a number to be called
     * at, and returns at once, before the request is served. When the counter has served it, the
     * counter itself calls {@code callMe.accept(result)}: exactly once, after the service, on the
     * counter's thread. The customer never waits at all. (If the service fails, nobody calls;
     * if {@code callMe} throws, the counter goes on with the next customer.)
     *
     * @param request what to ask the counter
     * @param callMe  called back with the result, on the counter's thread, once served
     * @throws IllegalStateException if the counter is closed
     */
    public void leaveNumber(String request, Consumer<String> callMe) {
        throw new UnsupportedOperationException("TODO: submit a task that serves the request"
                + " and then calls callMe.accept(result) on the counter's thread; return at once");
    }

    /**
     * Closes the counter: takes no new customers, serves everyone already in line, then ends the
     * counter's thread, and returns once it has ended. Calling it again does nothing. If the
     * calling thread is interrupted meanwhile, it still waits until the counter's thread has
     * ended, and then returns with the thread's interrupt status set.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO: shut the executor down (queued customers"
                + " are still served) and wait for its thread to end (awaitTermination)");
    }
}
