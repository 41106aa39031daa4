package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compile error costs only its own exercise, as in the grader. */
class ExerciseCompilerTest {

    @TempDir
    Path dir;

    private Path write(String path, String code) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, code);
    }

    @Test
    void anExerciseThatDoesNotCompileIsSetAsideAndTheOthersCompile() throws IOException {
        write("main/conclab/udp/Echo.java", "package conclab.udp; public class Echo { public static int twice(int x) { return 2 * x; } }");
        write("main/conclab/tcp/Server.java", "package conclab.tcp;\npublic class Server {\n    int port = 1\n}\n");
        write("main/conclab/tcp/Client.java", "package conclab.tcp; public class Client { Server s; }");
        write("main/conclab/states/Machine.java", "package conclab.states; public class Machine { public void apply() { } }");
        Files.writeString(dir.resolve("main/conclab/states/Machine.zh-CN.md"), "# 不是代码");
        Path classes = dir.resolve("classes");
        write("classes/conclab/tcp/Stale.class", "from an earlier build");

        ExerciseCompiler.Outcome main = new ExerciseCompiler(Locale.ROOT)
                .compile(dir.resolve("main"), classes, List.of(), Set.of(), false);
        assertEquals(Set.of("states", "udp"), main.compiled());
        assertEquals(Set.of("tcp"), main.broken().keySet());
        assertEquals("Server.java:3: ';' expected", main.broken().get("tcp"));
        assertTrue(Files.exists(classes.resolve("conclab/udp/Echo.class")));
        assertFalse(Files.exists(classes.resolve("conclab/tcp/Stale.class")), "no stale class of a broken exercise");
        assertFalse(Files.exists(classes.resolve("conclab/tcp/Client.class")), "none of a broken exercise's classes");
        String said = main.said();
        assertTrue(said.contains("tcp does not compile, so its tests will not run; the other exercises go on:"), said);
        assertTrue(said.contains("Server.java:3: ';' expected"), said);
        assertTrue(said.contains("        int port = 1\n                    ^".replace("\n", System.lineSeparator())), said);

        // the tests: tcp's are left out, states' call a method the student renamed
        write("test/conclab/udp/EchoTest.java", "package conclab.udp; class EchoTest { int t = Echo.twice(2); }");
        write("test/conclab/tcp/ServerTest.java", "package conclab.tcp; class ServerTest { Server s; }");
        write("test/conclab/states/MachineTest.java", "package conclab.states; class MachineTest { void t() { new Machine().move(); } }");
        ExerciseCompiler.Outcome tests = new ExerciseCompiler(Locale.ROOT)
                .compile(dir.resolve("test"), dir.resolve("test-classes"), List.of(classes), main.broken().keySet(), true);
        assertEquals(Set.of("udp"), tests.compiled());
        assertEquals(Set.of("states"), tests.broken().keySet());
        assertTrue(tests.said().contains("The tests of states do not compile against your code"), tests.said());
        assertTrue(Files.exists(dir.resolve("test-classes/conclab/udp/EchoTest.class")));
    }

    @Test
    void theCompilersMessagesComeInChinese() throws IOException {
        write("main/conclab/tcp/Server.java", "package conclab.tcp;\npublic class Server {\n    int port = 1\n}\n");
        ExerciseCompiler.Outcome main = new ExerciseCompiler(Locale.forLanguageTag("zh-CN"))
                .compile(dir.resolve("main"), dir.resolve("classes"), List.of(), Set.of(), false);
        assertTrue(main.said().contains("tcp 编译不通过"), main.said());
        assertTrue(main.broken().get("tcp").codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                "javac's own message in Chinese: " + main.broken());
    }

    @Test
    void filesOutsideTheExercisesAreLeftOutAndSaidSo() throws IOException {
        write("main/Loose.java", "public class Loose { }");
        write("main/conclab/lab/ChildJvm.java", "package conclab.lab; public class ChildJvm { }");
        write("main/conclab/udp/Echo.java", "package conclab.udp; public class Echo { }");
        ExerciseCompiler.Outcome main = new ExerciseCompiler(Locale.ROOT)
                .compile(dir.resolve("main"), dir.resolve("classes"), List.of(), Set.of(), false);
        assertEquals(Set.of("udp"), main.compiled());
        assertTrue(main.said().contains("Loose.java was left out"), main.said());
        assertTrue(main.said().contains("ChildJvm.java was left out"), main.said());
    }
}
