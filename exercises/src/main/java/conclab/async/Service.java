package conclab.async;

/**
 * What the bank counter does for one customer: take a request, work on it, hand back a result.
 * It may take long (the clerk counts the cash, phones head office...), and in this exercise it is
 * played by the tests, which hold it until they decide to let it finish.
 *
 * <p>The {@link BankCounter} calls it on the counter's own thread, one customer at a time.
 *
 * <pre>{@code
 * Service clerk = request -> {
 *     Thread.sleep(200);                  // the slow part
 *     return "done: " + request;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Service {

    /**
     * Serves one request.
     *
     * @param request what the customer asks for
     * @return the result the customer is waiting for
     * @throws InterruptedException if the counter's thread is interrupted while serving
     * @throws RuntimeException     if the service fails; the counter then goes on with the next
     *                              customer
     */
    String serve(String request) throws InterruptedException;
}
