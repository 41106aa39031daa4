package conclab.grader.io;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Work begun on a thread of its own before anyone asks for its result, and taken once: the
 * {@code grade} command begins what every grading needs while it still reads its command line.
 *
 * @param <T> the result
 */
public final class Ahead<T> {

    /** Work that may fail with an I/O error. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    private final AtomicReference<CompletableFuture<T>> pending = new AtomicReference<>();

    /** Begins {@code work} on a daemon thread named {@code name}, for the next {@link #take}. */
    public void begin(String name, Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.run());
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        pending.set(result);
        thread.start();
    }

    /** What was begun, waited for and taken; or, if nothing was, {@code otherwise} run now. */
    public T take(Work<T> otherwise) throws IOException {
        CompletableFuture<T> begun = pending.getAndSet(null);
        if (begun == null) {
            return otherwise.run();
        }
        try {
            return begun.join();
        } catch (CompletionException e) {
            // the work throws nothing else
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e.getCause();
        }
    }
}
