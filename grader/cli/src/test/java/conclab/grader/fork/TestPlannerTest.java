package conclab.grader.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import conclab.grader.fork.samples.FirstHeir;
import conclab.grader.fork.samples.SecondHeir;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class TestPlannerTest {

    private static List<PlannedTest> plan(Class<?>... classes) {
        ForkConfig config = new ForkConfig(List.of(), Set.of(), true, Map.of(), 10_000, 100);
        try (LauncherSession session = LauncherFactory.openSession()) {
            var request = LauncherDiscoveryRequestBuilder.request();
            for (Class<?> c : classes) {
                request.selectors(selectClass(c));
            }
            return List.copyOf(new TestPlanner(config).plan(session.getLauncher().discover(request.build())).values());
        }
    }

    @Test
    void inheritedTestsAreIdentifiedAndScoredByTheClassThatRunsThem() {
        List<PlannedTest> tests = plan(FirstHeir.class, SecondHeir.class);
        assertEquals(List.of(
                        "conclab.grader.fork.samples.FirstHeir#inherited",
                        "conclab.grader.fork.samples.FirstHeir#overloaded()",
                        "conclab.grader.fork.samples.FirstHeir#overloaded(org.junit.jupiter.api.TestInfo)",
                        "conclab.grader.fork.samples.SecondHeir#inherited",
                        "conclab.grader.fork.samples.SecondHeir#overloaded()",
                        "conclab.grader.fork.samples.SecondHeir#overloaded(org.junit.jupiter.api.TestInfo)"),
                tests.stream().map(PlannedTest::id).sorted().toList());
        assertEquals(Set.of(3), tests.stream().filter(t -> t.id().contains("FirstHeir"))
                .map(PlannedTest::points).collect(java.util.stream.Collectors.toSet()));
        assertEquals(Set.of(1), tests.stream().filter(t -> t.id().contains("SecondHeir"))
                .map(PlannedTest::points).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void idsDoNotDependOnWhichTestsAFindsFirst() {
        PlannedTest alone = plan(SecondHeir.class).stream()
                .filter(t -> t.id().endsWith("overloaded(org.junit.jupiter.api.TestInfo)")).findFirst().orElseThrow();
        assertEquals("conclab.grader.fork.samples.SecondHeir#overloaded(org.junit.jupiter.api.TestInfo)", alone.id());
    }
}
