package conclab.join;

import conclab.lab.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs children that sleep, serially or concurrently, and reports what the parent observed.
 * (Reference solution.)
 */
public final class Joiner {

    private Joiner() {
    }

    /**
     * Start, join, start, join, ...: one child at a time.
     *
     * @param sleeps how long each child sleeps
     * @return what the parent observed
     */
    public static Timeline serial(List<Duration> sleeps) throws IOException, InterruptedException {
        check(sleeps);
        long origin = System.nanoTime();
        List<ChildSpan> spans = new ArrayList<>();
        for (int i = 0; i < sleeps.size(); i++) {
            Child child = Child.launch(String.valueOf(i + 1), sleeps.get(i), origin);
            try {
                child.join();
            } finally {
                child.process.destroy(); // only does something if we leave early
            }
            spans.add(child.span());
        }
        return new Timeline(spans, since(origin));
    }

    /**
     * Start all, then join all.
     *
     * @param sleeps how long each child sleeps
     * @return what the parent observed
     */
    public static Timeline concurrent(List<Duration> sleeps)
            throws IOException, InterruptedException {
        check(sleeps);
        long origin = System.nanoTime();
        List<Child> children = new ArrayList<>();
        try {
            for (int i = 0; i < sleeps.size(); i++) {
                children.add(Child.launch(String.valueOf(i + 1), sleeps.get(i), origin));
            }
            for (Child child : children) {
                child.join();
            }
        } finally {
            for (Child child : children) {
                child.process.destroy(); // only does something if we leave early
            }
        }
        Duration wentOn = since(origin);
        return new Timeline(children.stream().map(Child::span).toList(), wentOn);
    }

    private static void check(List<Duration> sleeps) {
        Objects.requireNonNull(sleeps, "sleeps");
        for (Duration sleep : sleeps) {
            Objects.requireNonNull(sleep, "a sleep is null");
            if (sleep.isNegative()) {
                throw new IllegalArgumentException("a child cannot sleep a negative time: " + sleep);
            }
        }
    }

    private static Duration since(long origin) {
        return Duration.ofNanos(System.nanoTime() - origin);
    }

    /** One child: its process, and a thread that notes when its lines arrive. */
    private static final class Child {

        final String name;
        final Duration sleep;
        final Duration launched;
        final Process process;
        final Thread reader;
        final long origin;
        volatile Duration began;
        volatile Duration ended;
        Duration joined;

        private Child(String name, Duration sleep, Duration launched, Process process, long origin) {
            this.name = name;
            this.sleep = sleep;
            this.launched = launched;
            this.process = process;
            this.origin = origin;
            this.reader = new Thread(this::read, "child-" + name + "-output");
            this.reader.setDaemon(true);
        }

        static Child launch(String name, Duration sleep, long origin) throws IOException {
            Duration launched = since(origin);
            Process process = ChildJvm.processBuilder(Sleeper.class, name,
                            String.valueOf(sleep.toMillis()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            process.getOutputStream().close();
            Child child = new Child(name, sleep, launched, process, origin);
            child.reader.start();
            return child;
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    Duration now = since(origin);
                    if (line.equals(name + " began") && began == null) {
                        began = now;
                    } else if (line.equals(name + " ended") && ended == null) {
                        ended = now;
                    }
                }
            } catch (IOException e) {
                // the pipe is gone: nothing more to read
            }
        }

        void join() throws InterruptedException {
            process.waitFor();
            reader.join();
            joined = since(origin);
        }

        ChildSpan span() {
            return new ChildSpan(name, process.pid(), sleep, launched, Optional.ofNullable(began),
                    Optional.ofNullable(ended), Optional.ofNullable(joined));
        }
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
