package conclab.grader.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles small submissions with the real JDK compiler. */
class SubmissionCompilerTest {

    @TempDir
    Path dir;

    private final SubmissionCompiler compiler =
            new SubmissionCompiler(List.of(), Set.of("conclab.udp.UdpEchoServerTest"));

    private void source(String relative, String text) throws IOException {
        Path file = dir.resolve("sub/src/main/java").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private CompileOutcome compile() throws Exception {
        return compiler.compile(Submission.locate(dir.resolve("sub")).sources(), dir.resolve("classes"));
    }

    @Test
    void aBrokenPackageCostsOnlyItsExercise() throws Exception {
        source("conclab/udp/Server.java", "package conclab.udp; public class Server { int x = ; }");
        source("conclab/udp/Client.java", "package conclab.udp; public class Client {}");
        source("conclab/tcp/Echo.java", "package conclab.tcp; public class Echo { public int port() { return 1; } }");
        CompileOutcome outcome = compile();

        assertEquals(Set.of("tcp"), outcome.compiledExercises());
        assertEquals(Set.of("udp"), outcome.brokenExercises().keySet());
        CompilerMessage message = outcome.brokenExercises().get("udp").get(0);
        assertEquals("conclab/udp/Server.java", message.file());
        assertEquals(1, message.line());
        assertEquals("error", message.kind());
        assertTrue(Files.exists(dir.resolve("classes/conclab/tcp/Echo.class")));
        assertFalse(Files.exists(dir.resolve("classes/conclab/udp/Client.class")),
                "nothing of a broken exercise is kept");
    }

    @Test
    void aSubmissionMayUseJava17sApiAloneWhateverJdkGrades() throws Exception {
        // List.getFirst() arrived in Java 21: on a newer JDK, only --release 17 refuses it
        source("conclab/udp/Newer.java",
                "package conclab.udp; public class Newer { Object first() { return java.util.List.of(1).getFirst(); } }");
        source("conclab/tcp/Older.java",
                "package conclab.tcp; public class Older { Object first() { return java.util.List.of(1).get(0); } }");
        CompileOutcome outcome = compile();

        assertEquals(Set.of("tcp"), outcome.compiledExercises());
        assertTrue(outcome.brokenExercises().get("udp").get(0).message().contains("getFirst"),
                outcome.brokenExercises().toString());
    }

    @Test
    void trustedPackagesAndTestClassNamesAreLeftOutWithAWarning() throws Exception {
        source("conclab/harness/Points.java", "package conclab.harness; public class Points {}");
        source("conclab/udp/UdpEchoServerTest.java", "package conclab.udp; public class UdpEchoServerTest {}");
        source("conclab/udp/Sneaky.java",
                "package conclab.udp; public class Sneaky {} class UdpEchoServerTest2 {}");
        source("conclab/udp/Hidden.java",
                "package conclab.udp; public class Hidden {} class UdpEchoServerTest {}");
        CompileOutcome outcome = compile();

        assertEquals(Set.of("udp"), outcome.compiledExercises());
        assertFalse(Files.exists(dir.resolve("classes/conclab/harness/Points.class")));
        assertFalse(Files.exists(dir.resolve("classes/conclab/udp/UdpEchoServerTest.class")));
        assertTrue(Files.exists(dir.resolve("classes/conclab/udp/UdpEchoServerTest2.class")));
        assertTrue(outcome.warnings().stream().anyMatch(w -> w.contains("conclab/harness/Points.java")), outcome.warnings().toString());
        assertTrue(outcome.warnings().stream().anyMatch(w -> w.contains("name of a test class")), outcome.warnings().toString());
        assertTrue(outcome.warnings().stream().anyMatch(w -> w.contains("class conclab.udp.UdpEchoServerTest was left out")),
                "a second class in a file cannot shadow a test either: " + outcome.warnings());
    }

    @Test
    void aFileOutsideAnyExerciseThatDoesNotCompileIsLeftOut() throws Exception {
        source("Scratch.java", "class Scratch { broken }");
        source("conclab/udp/Ok.java", "package conclab.udp; public class Ok {}");
        CompileOutcome outcome = compile();
        assertEquals(Set.of("udp"), outcome.compiledExercises());
        assertTrue(outcome.brokenExercises().isEmpty());
        assertTrue(outcome.warnings().stream().anyMatch(w -> w.startsWith("Scratch.java was left out")), outcome.warnings().toString());
    }

    @Test
    void linksAndModuleInfoAreLeftOut() throws Exception {
        source("conclab/udp/Ok.java", "package conclab.udp; public class Ok {}");
        source("module-info.java", "module sneaky { requires nothing.at.all; }");
        Path elsewhere = Files.writeString(dir.resolve("Answer.java"), "package conclab.udp; public class Answer {}");
        Files.createSymbolicLink(dir.resolve("sub/src/main/java/conclab/udp/Answer.java"), elsewhere);
        CompileOutcome outcome = compile();

        assertEquals(Set.of("udp"), outcome.compiledExercises());
        assertTrue(outcome.brokenExercises().isEmpty(), outcome.brokenExercises().toString());
        assertFalse(Files.exists(dir.resolve("classes/conclab/udp/Answer.class")), "a link is never followed");
        assertTrue(outcome.warnings().stream().anyMatch(w -> w.contains("Answer.java") && w.contains("links")),
                outcome.warnings().toString());
        assertTrue(outcome.warnings().stream().anyMatch(w -> w.startsWith("module-info.java")), outcome.warnings().toString());
    }

    @Test
    void aFileThatCrashesTheCompilerCostsOnlyItself() throws Exception {
        source("conclab/udp/Ok.java", "package conclab.udp; public class Ok {}");
        source("scratch/Deep.java", "package scratch; class Deep { int x = " + "(".repeat(20_000) + "1"
                + ")".repeat(20_000) + "; }");
        CompileOutcome outcome = compile();

        assertEquals(Set.of("udp"), outcome.compiledExercises());
        assertTrue(outcome.warnings().stream().anyMatch(w -> w.startsWith("scratch/Deep.java was left out")),
                outcome.warnings().toString());
    }

    @Test
    void aBrokenFileOutsideTheExercisesIsLeftOutBeforeAnyExerciseIsBlamed() throws Exception {
        // the exercise's error only follows from the stray file's
        source("helpers/Util.java", "package helpers; public class Util { public static int one() { return 1 } }");
        source("conclab/udp/Ok.java", "package conclab.udp; public class Ok {}");
        CompileOutcome outcome = compile();
        assertEquals(Set.of("udp"), outcome.compiledExercises());
        assertTrue(outcome.brokenExercises().isEmpty());
    }

    @Test
    void locatingRefusesWhatCannotBeGraded() throws IOException {
        assertThrows(Submission.InvalidSubmission.class, () -> Submission.locate(dir.resolve("none")));
        Files.createDirectories(dir.resolve("empty/src/main/java"));
        var e = assertThrows(Submission.InvalidSubmission.class, () -> Submission.locate(dir.resolve("empty")));
        assertTrue(e.getMessage().contains("no Java sources"), e.getMessage());
    }

    @Test
    void theHashFollowsContentAndPaths() throws Exception {
        source("conclab/udp/A.java", "package conclab.udp; class A {}");
        String first = Submission.locate(dir.resolve("sub")).hash();
        assertEquals(first, Submission.locate(dir.resolve("sub")).hash());
        source("conclab/udp/A.java", "package conclab.udp; class A { }");
        assertFalse(first.equals(Submission.locate(dir.resolve("sub")).hash()));
    }
}
