package conclab.join;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One child of a run, as the parent observed it. Every time is a {@link Duration} since the
 * run's origin (the moment {@link Joiner#serial} or {@link Joiner#concurrent} was called), read
 * from the parent's own clock ({@link System#nanoTime()}): the child's clock is another JVM's
 * and cannot be compared with the parent's.
 *
 * <pre>
 *   launched      began                     ended    joined
 *      |  JVM start-up  |  the child's work: sleep  |  exit  |
 * </pre>
 *
 * @param name     the child's name: {@code "1"}, {@code "2"}, ... in the order of the run's list
 * @param pid      the child's process id
 * @param sleep    how long the child was asked to sleep
 * @param launched when the parent asked the operating system for the child (just before starting
 *                 it)
 * @param began    when the parent read the child's first line, {@code "NAME began"}, printed once
 *                 its JVM was up; empty if the parent never read it
 * @param ended    when the parent read the child's second line, {@code "NAME ended"}, printed
 *                 after its sleep; empty if the parent never read it (for instance because the
 *                 parent went on before the child ended)
 * @param joined   when the parent's join of this child returned (the child had ended and its
 *                 output was read to the end); empty if the parent never joined it
 */
public record ChildSpan(String name, long pid, Duration sleep, Duration launched,
                        Optional<Duration> began, Optional<Duration> ended,
                        Optional<Duration> joined) {

    public ChildSpan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sleep, "sleep");
        Objects.requireNonNull(launched, "launched");
        Objects.requireNonNull(began, "began");
        Objects.requireNonNull(ended, "ended");
        Objects.requireNonNull(joined, "joined");
    }
}
