package conclab.join;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs children that each sleep a given time, one after another or all at once, and reports
 * what the parent observed: the lecture's {@code join} demos, made measurable.
 *
 * <h2>{@code join}: waiting for a child</h2>
 * Starting a child is asynchronous: {@code start()} returns at once and the parent goes on
 * while the child runs. To wait until a child has ended, the parent <em>joins</em> it
 * (Python's {@code p.join()}; in Java, {@link Process#waitFor()}). <em>Where</em> the joins go
 * decides how the children run:
 * <pre>
 * serial                                  concurrent
 * for each sleep:                         for each sleep:
 *     start a child                           start a child
 *     join it        # inside the loop    for each child:
 *                                             join it      # after all are started
 * </pre>
 * Serially, each child starts only after the previous one has ended: the whole takes the
 * <em>sum</em> of the sleeps (plus a JVM start-up per child). Concurrently, every child is
 * started before the parent waits for any: the children sleep at the same time, and the whole
 * takes about the <em>longest</em> sleep. This is concurrency, not parallelism: sleeping
 * children need no CPU, so they overlap even on a single core.
 *
 * <p>The lecture's trap: joining only {@code p} after the start loop waits for the last child
 * started, not for all of them. The parent must join <em>every</em> child before it goes on.
 *
 * <h2>What the parent observes</h2>
 * Each child runs {@link Sleeper} ({@code NAME MILLIS}), which prints {@code NAME began} once
 * its JVM is up and {@code NAME ended} after its sleep. The parent notes, on its own clock
 * ({@link System#nanoTime()}, as a {@link Duration} since the moment the run was called):
 * <ul>
 *   <li>{@code launched}: just before it starts the child;</li>
 *   <li>{@code began} and {@code ended}: when each of the child's lines <em>arrives</em>. So
 *       the child's output must be read while the child runs, as it comes: reading it only
 *       after {@code waitFor()} stamps every line with the time of the join. Concurrently,
 *       that means a thread per child that reads its lines and notes the time of each;</li>
 *   <li>{@code joined}: when its join returned (after {@code waitFor()}, and after the last of
 *       its output was read);</li>
 *   <li>{@code wentOn}: when it was done joining and went on, just before returning.</li>
 * </ul>
 * A child's working interval, {@code began} to {@code ended}, holds its sleep and not the
 * JVM's start-up, which happens between {@code launched} and {@code began}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Timeline t = Joiner.concurrent(List.of(ofMillis(300), ofMillis(600), ofMillis(400)));
 * }</pre>
 * might give (times in ms; yours will differ, the shape will not):
 * <pre>
 * child  launched  began  ended  joined
 *   1         0      95    396     399
 *   2         6     102    703     706
 *   3        11     110    511     706
 * wentOn 706
 * </pre>
 * Every child was launched before any ended: they lived at the same time, and here they even
 * worked (slept) at the same time. The parent went on after the last one ended, about 600 ms
 * (the longest sleep) after they began. Serially, with the same sleeps, child 2 would be
 * launched only after child 1 had ended and been joined, and so on: lives one after another,
 * in order, and more than 1300 ms in all.
 *
 * <p>On a busy machine the picture stretches: the children's JVMs start up at the same time and
 * compete for the CPU, so one may be up a second after another, and a child with a short sleep
 * may be done before a slow one has begun. Their working intervals then no longer all overlap;
 * their lives, from launch to end, still do, and the parent still waits about as long as the
 * longest-lived child. That is what the tests judge.
 *
 * <h2>The rules</h2>
 * <ul>
 *   <li>The children are named {@code "1"}, {@code "2"}, ... in the order of the list; the
 *       timeline lists them in that order too.</li>
 *   <li>Each child is a child JVM running {@link Sleeper} with its name and its sleep in
 *       milliseconds: {@code ChildJvm.processBuilder(Sleeper.class, name, millis)} (the given
 *       helper {@link conclab.lab.ChildJvm}) makes the {@link ProcessBuilder}. Read its standard
 *       output as it comes (see above). Its standard error is best sent to the parent's
 *       ({@code redirectError(ProcessBuilder.Redirect.INHERIT)}), where a child's stack trace
 *       is seen.</li>
 *   <li>When a run returns, every child it started has ended and been joined.</li>
 *   <li>An empty list is a run without children. A {@code null} list or sleep throws
 *       {@link NullPointerException}, a negative sleep {@link IllegalArgumentException}, before
 *       any child is started.</li>
 * </ul>
 * Run {@link #main(String[])} to watch both runs drawn side by side.
 */
public final class Joiner {

    // TODO: a small private class for one child, holding what the parent knows about it: its
    //  name, sleep, Process, launch time, a daemon thread that reads its lines and notes when
    //  "NAME began" and "NAME ended" arrive, and when it was joined. Give it a join() (waitFor,
    //  then wait for the reading thread) and a way to make its ChildSpan.

    private Joiner() {
    }

    /**
     * Runs one child per sleep, one after another: start a child, join it, start the next, ...
     *
     * @param sleeps how long each child sleeps; child {@code "1"} sleeps the first
     * @return what the parent observed
     * @throws IOException              if a child JVM cannot be started
     * @throws InterruptedException     if interrupted while waiting for a child
     * @throws IllegalArgumentException if a sleep is negative
     */
    public static Timeline serial(List<Duration> sleeps) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("TODO: check the sleeps; note the origin"
                + " (System.nanoTime()); for each sleep: launch a Sleeper child, read its lines as"
                + " they come, join it (waitFor, then the reader), and only then start the next;"
                + " return the timeline");
    }

    /**
     * Runs one child per sleep, all at once: start every child, then join every child.
     *
     * @param sleeps how long each child sleeps; child {@code "1"} sleeps the first
     * @return what the parent observed
     * @throws IOException              if a child JVM cannot be started
     * @throws InterruptedException     if interrupted while waiting for a child
     * @throws IllegalArgumentException if a sleep is negative
     */
    public static Timeline concurrent(List<Duration> sleeps)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException("TODO: check the sleeps; note the origin; launch"
                + " every child (each with a thread that reads its lines as they come); then join"
                + " every child; return the timeline");
    }

    // ---- given: the lecture's demo, with your code ------------------------------------------

    /**
     * The lecture's join demos, replayed with your code: {@code java conclab.join.Joiner
     * [MILLIS...]} runs three children (by default sleeping 300, 600 and 900 ms; the lecture's
     * sleep 1, 2 and 3 s) first serially, then concurrently, and draws what the parent
     * observed: {@code .} is a child's JVM starting up, {@code #} its work. From the repository's
     * root, on any system: {@code ./mvnw -q compile exec:java
     * "-Dexec.mainClass=conclab.join.Joiner" "-Dexec.args=300 600 900"}.
     *
     * @param args how long each child sleeps, in milliseconds (default: 300 600 900)
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        List<Duration> sleeps = new ArrayList<>();
        for (String arg : args.length > 0 ? args : new String[] {"300", "600", "900"}) {
            sleeps.add(Duration.ofMillis(Long.parseLong(arg)));
        }
        System.out.println("serial: start, join, start, join, ... (join inside the loop)");
        show(serial(sleeps));
        System.out.println();
        System.out.println("concurrent: start all, then join all (the lecture's p_list)");
        show(concurrent(sleeps));
        long sum = sleeps.stream().mapToLong(Duration::toMillis).sum();
        long longest = sleeps.stream().mapToLong(Duration::toMillis).max().orElse(0);
        System.out.println();
        System.out.println("The sleeps add up to " + sum + " ms; the longest is " + longest
                + " ms. Serially the parent waits for the sum (plus every JVM's start-up);"
                + " concurrently for about the longest.");
    }

    private static void show(Timeline timeline) {
        long end = Math.max(1, timeline.wentOn().toMillis());
        int width = 60;
        for (ChildSpan child : timeline.children()) {
            char[] bar = " ".repeat(width + 1).toCharArray();
            int from = column(child.launched(), end, width);
            int up = child.began().map(d -> column(d, end, width)).orElse(from);
            int done = child.ended().map(d -> column(d, end, width)).orElse(width);
            for (int i = from; i < up; i++) {
                bar[i] = '.';
            }
            for (int i = up; i <= done; i++) {
                bar[i] = '#';
            }
            System.out.println("  " + child.name() + " |" + new String(bar) + "| began "
                    + millis(child.began()) + ", ended " + millis(child.ended()) + ", joined "
                    + millis(child.joined()));
        }
        System.out.println("  the parent went on at " + timeline.wentOn().toMillis() + " ms");
    }

    private static int column(Duration at, long end, int width) {
        return (int) Math.max(0, Math.min(width, at.toMillis() * width / end));
    }

    private static String millis(Optional<Duration> at) {
        return at.map(d -> d.toMillis() + " ms").orElse("never seen");
    }
}
