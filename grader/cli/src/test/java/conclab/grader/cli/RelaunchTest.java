package conclab.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.Grader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The second JVM's command line; GradeIT and HostileSubmissionsIT run it for real, through the jar. */
class RelaunchTest {

    private static final Path JAVA = Path.of("/jdk/bin/java");
    private static final Path JAR = Path.of("/g/conclab-grader.jar");
    private static final String[] ARGS = {"grade", "sub", "--out", "r.json"};

    @Test
    void theGradersOptionsComeFirstTheUsersAfterThemAndTheArgumentsLast() {
        List<String> command = Relaunch.command(JAVA, List.of("-XX:+UseSerialGC", "-Duser=1"), null, null, JAR, ARGS);

        assertEquals(List.of(JAVA.toString(), "-XX:+UseSerialGC", "-Duser=1"), command.subList(0, 3));
        assertEquals("-D" + Relaunch.LAUNCHER_PROPERTY + "=" + ProcessHandle.current().pid(), command.get(3));
        assertEquals(List.of("-cp", JAR.toString(), Main.class.getName(), "grade", "sub", "--out", "r.json"),
                command.subList(4, command.size()));
    }

    @Test
    void aFirstGradingWritesTheArchiveAtExitAndLaterOnesMapItAndSealIt() {
        Path archive = Path.of("/cache/grader-0123.jsa");
        Path partial = Path.of("/cache/grader-0123.jsa.x.tmp");

        List<String> first = Relaunch.command(JAVA, List.of(), archive, partial, JAR, ARGS);
        List<String> later = Relaunch.command(JAVA, List.of(), archive, null, JAR, ARGS);

        assertTrue(first.contains("-XX:ArchiveClassesAtExit=" + partial), first::toString);
        assertTrue(first.stream().noneMatch(o -> o.startsWith("-XX:SharedArchiveFile")), first::toString);
        assertTrue(later.contains("-XX:SharedArchiveFile=" + archive), later::toString);
        assertTrue(later.contains("-D" + Grader.OWN_ARCHIVE_PROPERTY + "=" + archive), later::toString);
        assertTrue(later.stream().noneMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit")), later::toString);
    }

    @Test
    void onlyTheGradingCommandsOfAJvmStartedWithJavaJarAreRelaunched() {
        assertTrue(Relaunch.run(new String[] {"summarize", "reports"}).isEmpty());
        assertTrue(Relaunch.run(new String[0]).isEmpty());
        // this test JVM was not started as java -jar conclab-grader.jar
        assertTrue(Relaunch.run(ARGS).isEmpty());
    }
}
