package conclab.grader.fork;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import com.fasterxml.jackson.databind.ObjectMapper;
import conclab.lab.ParentWatch;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The entry point of a forked test JVM: {@code ForkMain CONFIG.json}. Connects back to the
 * parent, discovers the pristine tests, reports the plan, runs what it was asked to, and halts,
 * so that no thread the submission left behind can keep the fork alive.
 */
public final class ForkMain {

    /** Exit status of a fork that finished its work. */
    public static final int DONE = 0;
    /** Exit status of a fork that could not do its work; the reason is on its standard error. */
    public static final int FAILED = 70;

    private ForkMain() {
    }

    public static void main(String[] args) {
        ParentWatch.start();
        PrintStream realErr = System.err;
        try {
            ForkConfig config = new ObjectMapper().readValue(Path.of(args[0]).toFile(), ForkConfig.class);
            run(config);
            Runtime.getRuntime().halt(DONE);
        } catch (Throwable e) {
            e.printStackTrace(realErr);
            realErr.flush();
            Runtime.getRuntime().halt(FAILED);
        }
    }

    private static void run(ForkConfig config) throws Exception {
        try (EventChannel channel = new EventChannel(config.port())) {
            channel.send(new ForkEvent.Hello(config.token(), ProcessHandle.current().pid()));
            OutputCapture capture = new OutputCapture(config.outputLimitBytes());
            PrintStream captured = new PrintStream(capture, true, StandardCharsets.UTF_8);
            System.setOut(captured);
            System.setErr(captured);

            try (LauncherSession session = LauncherFactory.openSession()) {
                Launcher launcher = session.getLauncher();
                TestPlanner planner = new TestPlanner(config);
                TestPlan plan;
                Map<String, PlannedTest> planned;
                if (config.selection().isEmpty()) {
                    // A first fork reports every test, those it will not run included.
                    plan = launcher.discover(request(config, Set.of()).build());
                    planned = planner.plan(plan);
                    channel.send(new ForkEvent.Plan(List.copyOf(planned.values())));
                    if (!config.excludedExercises().isEmpty()) {
                        plan = launcher.discover(request(config, config.excludedExercises()).build());
                    }
                } else {
                    // A resumed fork runs just the tests its predecessor did not get to.
                    plan = launcher.discover(base(config).selectors(config.selection().stream()
                            .map(DiscoverySelectors::selectUniqueId).toList()).build());
                    planned = planner.plan(plan);
                }
                launcher.execute(plan, new ForkListener(channel, capture, planned));
            }
            channel.send(new ForkEvent.Done());
        }
    }

    private static LauncherDiscoveryRequestBuilder request(ForkConfig config, Set<String> excluded) {
        Set<Path> roots = config.suiteJars().stream().map(Path::of).collect(Collectors.toSet());
        return base(config).selectors(selectClasspathRoots(roots))
                .filters(new ExerciseFilter(config.exercises(), excluded));
    }

    private static LauncherDiscoveryRequestBuilder base(ForkConfig config) {
        return LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("junit.jupiter.execution.timeout.default",
                        config.testTimeoutMs() + " ms")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default",
                        "SEPARATE_THREAD")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false");
    }
}
