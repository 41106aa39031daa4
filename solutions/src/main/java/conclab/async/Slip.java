package conclab.async;

/**
 * The slip of paper a customer takes at the bank: proof that the request is in line, and the
 * way to be called when it has been served. Taking it does not wait; {@link #awaitCall()} does.
 *
 * <pre>{@code
 * Slip slip = counter.takeSlip("withdraw 100");   // returns at once: asynchronous
 * ...                                             // (nothing else to do here)
 * String result = slip.awaitCall();               // waits, idle, for the call: blocking
 * }</pre>
 */
@FunctionalInterface
public interface Slip {

    /**
     * Waits, without using the CPU, until the counter has served this slip's request, and
     * returns the result. Returns at once if it has been served already; may be called more than
     * once, and always gives the same result.
     *
     * @return the service's result
     * @throws InterruptedException  if the waiting thread is interrupted
     * @throws IllegalStateException if the service failed (its exception is the cause)
     */
    String awaitCall() throws InterruptedException;
}
