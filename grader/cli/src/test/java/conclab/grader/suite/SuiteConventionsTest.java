package conclab.grader.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import conclab.harness.GradedTest;
import conclab.harness.HiddenPoints;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The conventions every exercise's tests keep, checked on the suite exactly as the grader bundles
 * it: tags, hints, declared hidden points, and no reference code among the hidden tests.
 */
class SuiteConventionsTest {

    @TempDir
    static Path unpacked;

    private static TestSuite suite;
    private static URLClassLoader loader;
    private static final List<Method> PUBLIC = new ArrayList<>();
    private static final List<Method> HIDDEN = new ArrayList<>();

    @BeforeAll
    static void discoverTheBundledSuite() throws Exception {
        suite = TestSuite.unpack(unpacked);
        loader = new URLClassLoader(new URL[] {suite.publicJar().toUri().toURL(),
                suite.hiddenJar().toUri().toURL(), suite.stubsJar().toUri().toURL()},
                SuiteConventionsTest.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try (LauncherSession session = LauncherFactory.openSession()) {
            TestPlan plan = session.getLauncher().discover(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClasspathRoots(Set.of(suite.publicJar(), suite.hiddenJar()))).build());
            for (TestIdentifier root : plan.getRoots()) {
                for (TestIdentifier node : plan.getDescendants(root)) {
                    node.getSource().filter(MethodSource.class::isInstance).ifPresent(source -> {
                        Method method = ((MethodSource) source).getJavaMethod();
                        String jar = method.getDeclaringClass().getProtectionDomain()
                                .getCodeSource().getLocation().toString();
                        (jar.endsWith(suite.publicJar().getFileName().toString()) ? PUBLIC : HIDDEN).add(method);
                    });
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @AfterAll
    static void close() throws IOException {
        loader.close();
    }

    @Test
    void everyExerciseHasPublicAndHiddenTests() throws IOException {
        for (String exercise : suite.exercises()) {
            assertTrue(PUBLIC.stream().anyMatch(m -> GradedTest.of(m).exercise().equals(exercise)),
                    "exercise " + exercise + " has no public test");
            assertTrue(HIDDEN.stream().anyMatch(m -> GradedTest.of(m).exercise().equals(exercise)),
                    "exercise " + exercise + " has no hidden test");
        }
    }

    @Test
    void everyTestClassIsNamedSoThatTheGraderAndMavenFindIt() {
        for (Method method : all()) {
            Class<?> outer = method.getDeclaringClass();
            while (outer.getEnclosingClass() != null) {
                outer = outer.getEnclosingClass();
            }
            assertTrue(outer.getName().matches(TestSuite.TEST_CLASS_NAMES), outer.getName()
                    + " holds tests but neither the grader nor Maven would find it: name it ...Test");
        }
    }

    @Test
    void everyTestClassIsTaggedWithItsExercise() {
        for (Method method : all()) {
            Class<?> outer = method.getDeclaringClass();
            while (outer.getEnclosingClass() != null) {
                outer = outer.getEnclosingClass();
            }
            Tag tag = outer.getAnnotation(Tag.class);
            String exercise = GradedTest.of(method).exercise();
            assertTrue(tag != null && tag.value().equals(exercise),
                    outer.getName() + " must carry @Tag(\"" + exercise + "\") so that -Dgroups=" + exercise + " runs it");
        }
    }

    @Test
    void everyHintKeyIsInItsBundle() {
        for (Method method : all()) {
            GradedTest.of(method).hintKey().ifPresent(key -> {
                Class<?> outer = method.getDeclaringClass();
                while (outer.getEnclosingClass() != null) {
                    outer = outer.getEnclosingClass();
                }
                try {
                    String text = ResourceBundle.getBundle(outer.getName(), Locale.ROOT, loader,
                            ResourceBundle.Control.getControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
                    assertFalse(text.isBlank(), key);
                } catch (MissingResourceException e) {
                    throw new AssertionError("hint '" + key + "' of " + method + " is not in "
                            + outer.getName().replace('.', '/') + ".properties", e);
                }
            });
        }
    }

    @Test
    void declaredHiddenPointsMatchTheHiddenTests() {
        Map<String, Integer> actual = new TreeMap<>();
        for (Method method : HIDDEN) {
            GradedTest test = GradedTest.of(method);
            actual.merge(test.exercise(), test.points(), Integer::sum);
        }
        assertEquals(actual, new TreeMap<>(HiddenPoints.load(loader)),
                "exercises/src/test/resources/" + HiddenPoints.RESOURCE + " must declare what the hidden tests hold");
    }

    @Test
    void theHiddenTestsCarryNoReferenceCode() throws IOException {
        Set<String> stubClasses = new TreeSet<>();
        try (var jar = new java.util.jar.JarFile(suite.stubsJar().toFile())) {
            jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                    .forEach(n -> stubClasses.add(n.replace('/', '.').replace(".class", "")));
        }
        Set<String> shared = new TreeSet<>(suite.testClassNames());
        shared.retainAll(stubClasses);
        assertTrue(shared.isEmpty(), "classes of the exercises' API inside the test jars: " + shared);
    }

    @Test
    void noClassIsInBothTestJars() throws IOException {
        // on the class path the public jar comes first: a hidden class of the same name would
        // silently never run
        Set<String> both = new TreeSet<>(TestSuite.classNames(List.of(suite.publicJar())));
        both.retainAll(TestSuite.classNames(List.of(suite.hiddenJar())));
        assertTrue(both.isEmpty(), "classes in both the public and the hidden test jar: " + both);
    }

    @Test
    void noScoredTestIsDisabled() {
        for (Method method : all()) {
            assertTrue(method.getAnnotation(org.junit.jupiter.api.Disabled.class) == null
                            && method.getDeclaringClass().getAnnotation(org.junit.jupiter.api.Disabled.class) == null,
                    method + " is @Disabled: a test that never runs must not hold points; remove it instead");
        }
    }

    private static List<Method> all() {
        List<Method> all = new ArrayList<>(PUBLIC);
        all.addAll(HIDDEN);
        assertFalse(all.isEmpty(), "the bundled suite has tests");
        return all;
    }
}
