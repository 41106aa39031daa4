package conclab.grader.fork;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.ObjectMapper;
import conclab.grader.io.FileTrees;
import conclab.grader.submission.SubmissionCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@code ForkTraining}: walks the path every test JVM takes — compiling a small source with
 * javac, discovering and running a test through the JUnit Launcher, writing and reading events
 * as JSON — and exits normally, so that a JVM started with {@code -XX:ArchiveClassesAtExit}
 * archives the classes of that path for {@link ForkArchive}.
 */
final class ForkTraining {

    private ForkTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("conclab-training-");
        try {
            Path sources = Files.createDirectories(work.resolve("src/conclab/training"));
            Files.writeString(sources.resolve("Sample.java"), """
                    package conclab.training;

                    /** Gives javac something real to parse, attribute and write. */
                    public final class Sample implements Runnable {
                        @Override
                        public void run() {
                            System.out.println(java.util.List.of(1, 2, 3));
                        }
                    }
                    """);
            new SubmissionCompiler(List.of(), Set.of())
                    .compile(work.resolve("src"), Files.createDirectories(work.resolve("classes")));

            try (LauncherSession session = LauncherFactory.openSession()) {
                TestPlan plan = session.getLauncher().discover(LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(DiscoveryWarmUp.class)).build());
                session.getLauncher().execute(plan, new TestExecutionListener() { });
            }

            ObjectMapper json = new ObjectMapper();
            for (ForkEvent event : List.of(new ForkEvent.Started("t"),
                    new ForkEvent.Entry("t", Map.of("k", "v")),
                    new ForkEvent.Finished("t", "passed", 1, null, 0, "", 0, 1), new ForkEvent.Idle(), new ForkEvent.Done(0))) {
                json.readValue(json.writeValueAsString(event), ForkEvent.class);
            }
        } finally {
            FileTrees.delete(work);
        }
        System.exit(0);
    }
}
