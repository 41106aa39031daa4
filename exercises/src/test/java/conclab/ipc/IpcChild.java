package conclab.ipc;

import conclab.harness.RunsWithSubmission;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The child processes of the ipc tests: each connects to the parent's queue with the code under
 * test ({@link ProcessQueue#connect(String)}) and does one job, reporting on its standard output,
 * one line per event, what happened. Messages it got are printed in Base64, so that any text fits
 * on one line.
 *
 * <pre>
 *   put ADDRESS PREFIX COUNT     puts PREFIX0 .. PREFIX(COUNT-1), closes; prints "done"
 *   odd ADDRESS                  puts ODD in order, closes; prints "done"
 *   consume ADDRESS COUNT WAIT_MS LAST_MS
 *                                prints "ready", waits for a line on standard input, then gets
 *                                COUNT messages (each get(WAIT_MS)), then once more with
 *                                get(LAST_MS): "got BASE64" per message; a get that fails says
 *                                "timeout MS", "closed MS CLASS" or "error MS CLASS: MESSAGE"
 *                                and ends the job
 *   drain ADDRESS WAIT_MS        prints "ready", waits for a line on standard input, then gets
 *                                (each get(WAIT_MS)) until a get fails, reported as above
 *   wait ADDRESS TIMEOUT_MS      prints "ready", gets once: "got BASE64", "timeout MS",
 *                                "closed MS CLASS" or "error MS CLASS: MESSAGE"
 *   putUntilClosed ADDRESS       prints "ready", puts "tick0", "tick1", ... 10 ms apart until a
 *                                put throws: "closed PUTS CLASS" or "error PUTS CLASS: MESSAGE";
 *                                "never" if none did within 20 s
 *   flood ADDRESS COUNT          puts "f0", "f1", ... as fast as it can; prints "flowing" after
 *                                COUNT puts, stops after 100,000 and waits to be killed
 * </pre>
 * It runs beside the submission: what it reports is what the submission's child end did.
 */
@RunsWithSubmission
public final class IpcChild {

    /** Messages that a framing by lines, or a careless encoding, would break. */
    static final List<String> ODD = List.of(
            "hello",
            "",
            "two\nlines",
            "windows\r\nline end and a lone \r too",
            "tab\there, NUL \0 there",
            "你好，进程间通信",
            "emoji 🙂 outside the BMP",
            "  spaces around  ",
            "P",
            "G",
            "\n",
            // the longest message, 3 bytes a character in UTF-8: 30,000 bytes
            "队".repeat(ProcessQueue.MAX_LENGTH),
            "last");

    /** Where a flooding child stops, so that a child nobody kills does not fill the memory. */
    static final int FLOOD_LIMIT = 100_000;

    private IpcChild() {
    }

    public static void main(String[] args) throws Exception {
        String job = args[0];
        try (ProcessQueue queue = ProcessQueue.connect(args[1])) {
            switch (job) {
                case "put" -> {
                    int count = Integer.parseInt(args[3]);
                    for (int i = 0; i < count; i++) {
                        queue.put(args[2] + i);
                    }
                    say("done");
                }
                case "odd" -> {
                    for (String message : ODD) {
                        queue.put(message);
                    }
                    say("done");
                }
                case "consume" -> {
                    say("ready");
                    awaitGo();
                    int count = Integer.parseInt(args[2]);
                    Duration wait = Duration.ofMillis(Long.parseLong(args[3]));
                    for (int i = 0; i < count; i++) {
                        if (!getOnce(queue, wait)) {
                            return;
                        }
                    }
                    getOnce(queue, Duration.ofMillis(Long.parseLong(args[4])));
                }
                case "drain" -> {
                    say("ready");
                    awaitGo();
                    Duration wait = Duration.ofMillis(Long.parseLong(args[2]));
                    while (getOnce(queue, wait)) {
                        // one line per message
                    }
                }
                case "wait" -> {
                    say("ready");
                    getOnce(queue, Duration.ofMillis(Long.parseLong(args[2])));
                }
                case "putUntilClosed" -> putUntilClosed(queue);
                case "flood" -> flood(queue, Integer.parseInt(args[2]));
                default -> throw new IllegalArgumentException("no such job: " + job);
            }
        }
    }

    /** Waits for the test's signal, a line on standard input. */
    private static void awaitGo() throws java.io.IOException {
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }

    /** Gets one message and says what happened; true if it got one. */
    private static boolean getOnce(ProcessQueue queue, Duration timeout) {
        long start = System.nanoTime();
        try {
            String message = queue.get(timeout);
            say("got " + Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)));
            return true;
        } catch (TimeoutException e) {
            say("timeout " + since(start));
        } catch (QueueClosedException e) {
            say("closed " + since(start) + " " + e.getClass().getName());
        } catch (Exception e) {
            say("error " + since(start) + " " + e.getClass().getName() + ": " + e.getMessage());
        }
        return false;
    }

    private static void putUntilClosed(ProcessQueue queue) throws InterruptedException {
        say("ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int i = 0; System.nanoTime() < deadline; i++) {
            try {
                queue.put("tick" + i);
            } catch (QueueClosedException e) {
                say("closed " + (i + 1) + " " + e.getClass().getName());
                return;
            } catch (Exception e) {
                say("error " + (i + 1) + " " + e.getClass().getName() + ": " + e.getMessage());
                return;
            }
            Thread.sleep(10); // a steady trickle, not a flood
        }
        say("never");
    }

    private static void flood(ProcessQueue queue, int announceAfter) throws Exception {
        for (int i = 0; i < FLOOD_LIMIT; i++) {
            queue.put("f" + i);
            if (i + 1 == announceAfter) {
                say("flowing");
            }
        }
        say("limit");
        Thread.sleep(60_000); // the test kills it long before; the parent watch ends it anyway
    }

    private static long since(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
