package conclab.harness;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * What the annotations on a test method say about grading it: the exercise it counts for,
 * the points it is worth, its hint key and its declared visibility. Read in the JVM that runs
 * the test, by the score table and by the grader alike, so that both agree.
 *
 * @param exercise   the exercise id, from {@link Exercise} or the package's last segment
 * @param points     from {@link Points} on the method, else on the class, else {@link Points#DEFAULT}
 * @param hintKey    from {@link Hint} on the method, else on the class; empty if neither
 * @param visibility from {@link Visibility}; empty means "by where the test comes from"
 */
public record GradedTest(String exercise, int points, Optional<String> hintKey,
                         Optional<Visibility.Level> visibility) {

    public GradedTest {
        if (points < 0) {
            throw new IllegalArgumentException("points must not be negative: " + points);
        }
    }

    /** Reads the grading annotations of a test method declared in its own test class. */
    public static GradedTest of(Method method) {
        return of(method.getDeclaringClass(), method);
    }

    /**
     * Reads the grading annotations of a test method as it runs in {@code testClass}, which may
     * inherit it: the class's annotations, looking outwards through nested classes, are those of
     * the class that runs it.
     */
    public static GradedTest of(Class<?> testClass, Method method) {
        return new GradedTest(
                exerciseOf(testClass),
                Optional.ofNullable(method.getAnnotation(Points.class))
                        .or(() -> enclosing(testClass, Points.class))
                        .map(Points::value).orElse(Points.DEFAULT),
                Optional.ofNullable(method.getAnnotation(Hint.class))
                        .or(() -> enclosing(testClass, Hint.class))
                        .map(Hint::value),
                Optional.ofNullable(method.getAnnotation(Visibility.class))
                        .or(() -> enclosing(testClass, Visibility.class))
                        .map(Visibility::value));
    }

    /** The exercise a test class counts for: {@link Exercise} or the last segment of its package. */
    public static String exerciseOf(Class<?> testClass) {
        return enclosing(testClass, Exercise.class).map(Exercise::value).orElseGet(() -> {
            String pkg = testClass.getPackageName();
            return pkg.substring(pkg.lastIndexOf('.') + 1);
        });
    }

    /** The hint text in the student's language, if the test has a hint. */
    public Optional<String> hint(Class<?> testClass) {
        return hintKey.map(key -> Messages.hint(testClass, key));
    }

    private static <A extends java.lang.annotation.Annotation> Optional<A> enclosing(
            Class<?> type, Class<A> annotation) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            A found = c.getAnnotation(annotation);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }
}
