package conclab.join;

/**
 * The child program of a run: the lecture's
 * <pre>
 * def test(name, n):
 *     print('%s开始运行' % name)
 *     time.sleep(n)
 *     print('%s结束' % name)
 * </pre>
 * in Java, as a program of its own that {@link Joiner} starts in a child JVM.
 *
 * <h2>What it prints, and why</h2>
 * {@code java conclab.join.Sleeper NAME MILLIS} prints exactly two lines to its standard
 * output:
 * <ol>
 *   <li>{@code NAME began}, as soon as it runs, <em>before</em> sleeping;</li>
 *   <li>{@code NAME ended}, after sleeping {@code MILLIS} milliseconds;</li>
 * </ol>
 * and then returns (exit code 0). For example {@code Sleeper 2 300} prints {@code 2 began},
 * and 300 ms later {@code 2 ended}.
 *
 * <p>The first line is the child telling its parent "I am up now". A JVM takes a while to start
 * (a tenth of a second, or several on a busy machine), and that start-up is not the child's
 * work: the parent measures the child's working interval from this line to the next, and so
 * keeps the start-up out of it. The child's own clock is no use for this: {@code nanoTime} of
 * one JVM cannot be compared with another's, so the parent notes when each line
 * <em>arrives</em>, on its own clock.
 *
 * <p>Flush after each line ({@code System.out.println} does; {@code System.out.print} of a line
 * without its line separator does not), or the parent sees nothing until the child ends.
 *
 * <p>Wrong arguments (not two, a number that does not parse, a negative sleep) throw
 * {@link IllegalArgumentException} (the child then ends with exit code 1).
 */
public final class Sleeper {

    private Sleeper() {
    }

    /**
     * {@code NAME MILLIS}: prints {@code NAME began}, sleeps MILLIS milliseconds, prints
     * {@code NAME ended}.
     *
     * @param args the child's name and how long it sleeps, in milliseconds
     * @throws InterruptedException if interrupted while sleeping
     */
    public static void main(String[] args) throws InterruptedException {
        throw new UnsupportedOperationException("TODO: check the two arguments; print NAME began;"
                + " sleep MILLIS ms; print NAME ended");
    }
}
