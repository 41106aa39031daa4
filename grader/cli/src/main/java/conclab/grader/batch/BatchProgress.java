package conclab.grader.batch;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;

/**
 * Shows a batch's progress: on a terminal, one line redrawn in place with a bar, the counts and
 * the time left; otherwise (a CI log, a file) one plain line per submission.
 */
public final class BatchProgress implements BatchGrader.Listener {

    private static final int BAR = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final Map<BatchGrader.Kind, Integer> counts = new EnumMap<>(BatchGrader.Kind.class);
    private int planned;
    private int done;
    private int gradedNow;
    private long gradingNanos;

    private final int width;

    public BatchProgress(PrintWriter out, boolean terminal) {
        this(out, terminal, terminal ? terminalWidth(System.getenv()) : 0);
    }

    /** @param width the terminal's columns: a line redrawn in place must never wrap, or it scrolls */
    BatchProgress(PrintWriter out, boolean terminal, int width) {
        this.out = out;
        this.terminal = terminal;
        this.width = width;
    }

    /** The terminal's width: {@code $COLUMNS}, else what {@code stty size} says of the terminal, else 80. */
    static int terminalWidth(java.util.Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
            if (columns > 0) {
                return columns;
            }
        } catch (NumberFormatException e) {
            // not set, as it is not exported by most shells: ask the terminal
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
            if (stty.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) && size.matches("\\d+ \\d+")) {
                return Integer.parseInt(size.split(" ")[1]);
            }
        } catch (java.io.IOException | InterruptedException | RuntimeException e) {
            // no stty, no /dev/tty (Windows): the common width
        }
        return 80;
    }

    @Override
    public void planned(int submissions) {
        planned = submissions;
        if (terminal) {
            draw();
        } else {
            out.printf("grading %d submissions%n", submissions);
            out.flush();
        }
    }

    @Override
    public void finished(BatchGrader.Outcome outcome) {
        done++;
        counts.merge(outcome.kind(), 1, Integer::sum);
        if (outcome.kind() != BatchGrader.Kind.SKIPPED) {
            gradedNow++;
            gradingNanos = System.nanoTime() - start;
        }
        if (terminal) {
            draw();
            if (done == planned) {
                out.println();
                out.flush();
            }
        } else {
            out.printf("[%d/%d] %s: %s%n", done, planned, outcome.folder(), describe(outcome));
            out.flush();
        }
    }

    static String describe(BatchGrader.Outcome outcome) {
        return switch (outcome.kind()) {
            case SKIPPED -> "unchanged, report kept";
            case INVALID -> "invalid submission: " + outcome.problem();
            case ERROR -> "error: " + firstLine(outcome.problem());
            case GRADED, COMPILE_ERROR -> conclab.grader.report.Points.total(outcome.report())
                    + (outcome.kind() == BatchGrader.Kind.COMPILE_ERROR ? " (some exercises did not compile)" : "")
                    + (outcome.decision() == ResumeDecision.NEW ? "" : " [graded again: " + outcome.decision().description() + "]");
        };
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    private void draw() {
        out.print("\r" + line() + "\u001b[K");
        out.flush();
    }

    /** The progress line, cut to the terminal's width less one column (the cursor's). */
    String line() {
        int filled = planned == 0 ? BAR : done * BAR / planned;
        String line = String.format("[%s%s] %d/%d  graded %d, failed to compile %d, invalid %d, errors %d, kept %d  %s",
                "#".repeat(filled), ".".repeat(BAR - filled), done, planned,
                count(BatchGrader.Kind.GRADED), count(BatchGrader.Kind.COMPILE_ERROR), count(BatchGrader.Kind.INVALID),
                count(BatchGrader.Kind.ERROR), count(BatchGrader.Kind.SKIPPED), timeLeft()).stripTrailing();
        int room = Math.max(10, width - 1);
        return line.length() <= room ? line : line.substring(0, room - 3) + "...";
    }

    private String timeLeft() {
        if (gradedNow == 0 || done == planned) {
            return "";
        }
        // skipped ones cost nothing: the rate is of the submissions actually graded
        long seconds = gradingNanos / gradedNow * (planned - done) / 1_000_000_000L;
        return String.format("about %d:%02d left", seconds / 60, seconds % 60);
    }

    private int count(BatchGrader.Kind kind) {
        return counts.getOrDefault(kind, 0);
    }
}
