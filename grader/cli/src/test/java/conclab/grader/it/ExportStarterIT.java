package conclab.grader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export-starter} writes a repository that students can use as it is, with real Maven,
 * and that holds nothing they must not see.
 */
class ExportStarterIT {

    // a row of the score table: exercise, passed/tests, earned/possible, then its status
    private static final Pattern ROW = Pattern.compile("(?m)^\\s+(\\S+)\\s+(\\d+)/(\\d+)\\s+(\\d+)/(\\d+)(?:\\s+\\S.*)?$");

    @TempDir
    Path dir;

    private GraderProcess.Result export(Path target, String... options) {
        List<String> args = new ArrayList<>(List.of("export-starter", target.toString()));
        args.addAll(List.of(options));
        return GraderProcess.run(dir.resolve("unused.json"), args.toArray(String[]::new));
    }

    private Path exported(String... options) {
        Path repo = dir.resolve("starter");
        GraderProcess.Result result = export(repo, options);
        assertEquals(0, result.exitCode(), () -> result.stdout() + result.stderr());
        return repo;
    }

    @Test
    void theWholeRepositoryHoldsNoReferenceSolutionHiddenTestOrGraderCode() throws IOException {
        Path repo = exported();
        assertEquals(List.of(), new StarterLeaks(GraderProcess.ROOT).find(repo));
        // and it is complete: every stub, public test and hint of the project, and the rest
        Path exercises = GraderProcess.ROOT.resolve("exercises/src");
        try (Stream<Path> walk = Files.walk(exercises)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path copy = repo.resolve("exercises/src").resolve(exercises.relativize(file).toString());
                assertTrue(Files.exists(copy), () -> "missing " + copy);
            }
        }
        for (String file : List.of("pom.xml", "lab/pom.xml", "harness/pom.xml", "exercises/pom.xml",
                "mvnw", "mvnw.cmd", ".mvn/wrapper/maven-wrapper.properties", ".mvn/jvm.config", "README.md", "README.zh-CN.md",
                ".gitignore", "harness/src/main/java/conclab/harness/ScoreTablePrinter.java",
                "lab/src/main/java/conclab/lab/ChildJvm.java")) {
            assertTrue(Files.isRegularFile(repo.resolve(file)), () -> "missing " + file);
        }
        assertTrue(Files.isExecutable(repo.resolve("mvnw")));
        String workflow = Files.readString(repo.resolve(".github/workflows/test.yml"));
        assertTrue(workflow.contains("on: push") && workflow.contains("actions/setup-java")
                && workflow.contains("java-version: '17'") && workflow.contains("cache: maven")
                && workflow.contains("mvnw -B test"), workflow);
        assertTrue(Files.readString(repo.resolve("README.zh-CN.md")).contains("1. `udp`："));
        assertTrue(Files.readString(repo.resolve(".mvn/jvm.config")).contains("org.apache.maven.plugin.surefire=off"),
                "Surefire's console output is left to the summary");
        assertTrue(workflow.contains("-Dconclab.fail=written"), workflow);
        assertFalse(Files.readString(repo.resolve("README.md")).contains("%EXERCISES%"));
        assertEquals(List.of(), Files.list(dir).filter(p -> p.getFileName().toString().startsWith("."))
                .toList(), "the temporary folder is gone");
    }

    @Test
    void theScanFindsAPlantedReferenceSolutionAndHiddenTest() throws IOException {
        Path repo = exported("--exercises", "states");
        Path solution = GraderProcess.ROOT.resolve("solutions/src/main/java/conclab/states/ProcessStateMachine.java");
        Files.copy(solution, repo.resolve("exercises/src/main/java/conclab/states/ProcessStateMachine.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(GraderProcess.ROOT.resolve("solutions/src/test/java/conclab/states/ProcessStateMachineHiddenTest.java"),
                repo.resolve("exercises/src/test/java/conclab/states/Renamed.java"));
        List<String> problems = new StarterLeaks(GraderProcess.ROOT).find(repo);
        assertTrue(problems.stream().anyMatch(p -> p.contains("identical to the reference solution conclab/states/ProcessStateMachine.java")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("not the stub")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("exercises/src/test/java/conclab/states/Renamed.java: names the hidden test class ProcessStateMachineHiddenTest")), problems::toString);
    }

    @Test
    void onlyTheChosenExercisesAndTheirHiddenPoints() throws IOException {
        Path course = Files.writeString(dir.resolve("course.json"),
                "{\"course\": \"c\", \"exercises\": {\"states\": 1, \"udp\": 2, \"tcp\": 1}}");
        Path repo = exported("--course", course.toString(), "--exercises", "states,udp");
        Set<String> packages = new TreeSet<>();
        for (String tree : List.of("exercises/src/main/java/conclab", "exercises/src/test/java/conclab",
                "exercises/src/test/resources/conclab")) {
            try (Stream<Path> list = Files.list(repo.resolve(tree))) {
                list.forEach(p -> packages.add(p.getFileName().toString()));
            }
        }
        assertEquals(Set.of("states", "udp"), packages);
        Map<String, String> hidden = new TreeMap<>();
        Files.readAllLines(repo.resolve("exercises/src/test/resources/conclab-hidden-points.properties")).stream()
                .filter(l -> !l.startsWith("#")).forEach(l -> hidden.put(l.split("=")[0], l.split("=")[1]));
        assertEquals(Set.of("states", "udp"), hidden.keySet());
        // the README lists them in the lecture's order (udp before states), and no other
        String readme = Files.readString(repo.resolve("README.md"));
        assertTrue(readme.indexOf("1. `udp`") > 0 && readme.indexOf("1. `udp`") < readme.indexOf("1. `states`"), readme);
        assertFalse(readme.contains("1. `tcp`") || readme.contains("<!-- exercises"), readme);
    }

    @Test
    void badTargetsAndExercisesAreRefusedAndLeaveNothing() throws IOException {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "mine");
        GraderProcess.Result notEmpty = export(full);
        assertEquals(2, notEmpty.exitCode(), notEmpty.stderr());
        assertTrue(notEmpty.stderr().startsWith("conclab-grader: ") && notEmpty.stderr().contains("is not empty"), notEmpty.stderr());
        assertEquals(List.of(full.resolve("notes.txt")), Files.list(full).toList());

        Path fresh = dir.resolve("fresh");
        GraderProcess.Result unknown = export(fresh, "--exercises", "udp,nosuch");
        assertEquals(2, unknown.exitCode(), unknown.stderr());
        assertTrue(unknown.stderr().contains("unknown exercise 'nosuch'") && unknown.stderr().contains("udp"), unknown.stderr());

        Path course = Files.writeString(dir.resolve("course.json"), "{\"course\": \"c\", \"exercises\": {\"udp\": 1}}");
        GraderProcess.Result outside = export(fresh, "--course", course.toString(), "--exercises", "tcp");
        assertEquals(2, outside.exitCode(), outside.stderr());
        assertTrue(outside.stderr().contains("does not include"), outside.stderr());
        assertFalse(Files.exists(fresh));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList());
        }
        // an empty folder is fine
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(0, export(empty, "--exercises", "states").exitCode());
        assertTrue(Files.exists(empty.resolve("exercises/src/main/java/conclab/states")));
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aStudentsDayWithRealMavenInTheExportedRepository() throws Exception {
        Path repo = exported("--exercises", "states,udp,scheduling");
        Path summary = dir.resolve("step-summary.md");
        Map<String, String> github = Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString());

        // 1. the stubs, in Chinese, as the starter's CI runs them: every test stops at a TODO,
        //    which the check does not count; a screen or two of output, and the table last
        Maven stubs = maven(repo, github, "test", "-Dconclab.locale=zh_CN", "-Dconclab.fail=written");
        assertEquals(0, stubs.exit(), stubs.output());
        String table = stubs.output().substring(stubs.output().lastIndexOf("conclab 得分"));
        Map<String, int[]> rows = rows(table);
        assertEquals(Set.of("scheduling", "states", "udp", "合计"), rows.keySet(), table);
        rows.values().forEach(row -> assertEquals(0, row[2], table));
        assertTrue(rows.get("states")[3] > 0 && rows.get("udp")[3] > 0, table);
        assertTrue(table.contains("还没开始") && table.contains("隐藏测试"), table);
        String before = stubs.output().substring(0, stubs.output().lastIndexOf("conclab 得分"));
        assertTrue(before.lines().count() <= 120, before.lines().count() + " lines before the table:\n" + before);
        assertFalse(before.contains("\tat ") || before.contains("Caused by") || before.contains("[ERROR]"),
                "no stack trace, no Surefire report: " + before);
        for (String exercise : List.of("states", "udp", "scheduling")) {
            assertEquals(1, count(before, exercise + "："), exercise + " once, for its TODOs:\n" + before);
        }
        assertTrue(before.contains("states：7 个测试停在你还没写的桩代码 TODO 处：ProcessStateMachine."), before);
        assertFalse(stubs.output().contains("::error"), "nothing the student wrote fails: " + stubs.output());
        assertTrue(Files.readString(summary).contains("| `states` | 0/7 |"), Files.readString(summary));

        // 2. half-written udp and a states refusal that lists the whole table: udp costs only
        //    itself, the failure is shown once with the hint for that mistake, and the check fails
        Path udp = repo.resolve("exercises/src/main/java/conclab/udp/UdpClient.java");
        String udpStub = Files.readString(udp);
        Files.writeString(udp, udpStub.replaceFirst("public final class UdpClient \\{", "public final class UdpClient {\n    int half = 1\n"));
        Path states = repo.resolve("exercises/src/main/java/conclab/states");
        String stateStub = Files.readString(states.resolve("ProcessStateMachine.java"));
        GraderProcess.copyTree(GraderProcess.FIXTURES.resolve("states-refusal-lists-the-table/src/main/java/conclab/states"), states);
        Files.delete(summary);
        Maven broken = maven(repo, github, "test", "-Dgroups=states,udp", "-Dconclab.locale=zh_CN", "-Dconclab.fail=written");
        assertEquals(1, broken.exit(), broken.output());
        String out = broken.output();
        assertTrue(out.contains("udp 编译不通过，它的测试不会运行；其他练习照常进行："), out);
        assertTrue(out.contains("udp 编译不通过，它的测试没有运行：UdpClient.java:"), out);
        String name = "states：ProcessStateMachineTest#aRefusalSaysWhereTheProcessIsAndWhatItMayDo 未通过";
        assertEquals(1, count(out, name), out);
        List<String> lines = out.lines().toList();
        int at = lines.indexOf(name);
        String hint = "  提示：只写进程所处的那个状态：把整张表列出来的消息写了每个状态，反而看不出进程在哪里。";
        int hintAt = lines.indexOf(hint);
        assertTrue(hintAt > at && hintAt - at <= 8, "the failure in a few lines, ending with the hint that fits it:\n" + out);
        String console = out.substring(0, out.lastIndexOf("conclab 得分"));
        assertEquals(1, count(console, "只写进程所处的那个状态"), "the hint once (and once in its annotation): " + out);
        assertFalse(out.contains("拒绝的消息是学生了解出错原因的地方"), "not the test's general hint: " + out);
        String after = out.substring(out.lastIndexOf("conclab 得分"));
        assertTrue(after.lines().anyMatch(l -> l.matches("  states +6/7 +\\d+/10   1 个未通过")), after);
        assertTrue(after.lines().anyMatch(l -> l.matches("  udp +- +-   编译不通过")), after);
        assertEquals(2, count(out, "::error title="), "an annotation for udp and one for the failed test: " + out);
        assertTrue(Files.readString(summary).contains("| `udp` | - | - | 编译不通过 |"), Files.readString(summary));
        String report = Files.readString(repo.resolve("exercises/target/surefire-reports/conclab.states.ProcessStateMachineTest.txt"),
                StandardCharsets.UTF_8);
        assertTrue(report.contains("提示：只写进程所处的那个状态"), "a Chinese hint reaches Surefire's report intact: " + report);

        // 3. one test class, the reference for states, in English, failing on any failure: it
        //    passes, the table holds states alone, and Surefire's reports of the earlier runs are gone
        Files.writeString(udp, udpStub);
        GraderProcess.copyTree(GraderProcess.ROOT.resolve("solutions/src/main/java/conclab/states"), states);
        Maven oneClass = maven(repo, Map.of(), "test", "-Dtest=ProcessStateMachineTest", "-Dconclab.locale=en",
                "-Dmaven.test.failure.ignore=false");
        assertEquals(0, oneClass.exit(), oneClass.output());
        String english = oneClass.output().substring(oneClass.output().lastIndexOf("conclab score"));
        Map<String, int[]> done = rows(english);
        assertEquals(Set.of("states", "total"), done.keySet(), english);
        assertTrue(done.get("states")[0] == done.get("states")[1] && done.get("states")[2] == rows.get("states")[3], english);
        try (Stream<Path> reports = Files.list(repo.resolve("exercises/target/surefire-reports"))) {
            assertEquals(Set.of("TEST-conclab.states.ProcessStateMachineTest.xml", "conclab.states.ProcessStateMachineTest.txt"),
                    reports.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
        }

        // 4. one test method that fails, with -Dmaven.test.failure.ignore=false: the table, then the
        //    failure; Chinese asked for on a console that cannot show it: all of it in English
        GraderProcess.copyTree(GraderProcess.FIXTURES.resolve("states-terminated-readmitted/src/main/java/conclab/states"), states);
        Maven oneTest = maven(repo, Map.of("MAVEN_OPTS", "-Dstdout.encoding=US-ASCII"), "test",
                "-Dtest=ProcessStateMachineTest#nothingLeavesTerminated", "-Dconclab.locale=zh_CN",
                "-Dmaven.test.failure.ignore=false");
        assertEquals(1, oneTest.exit(), oneTest.output());
        String failed = oneTest.output();
        String shown = failed.substring(failed.indexOf("score-table"), failed.lastIndexOf("BUILD FAILURE"));
        assertTrue(shown.chars().allMatch(c -> c < 128) && !shown.contains("??"), "English, never ????: " + shown);
        assertTrue(failed.contains("states: ProcessStateMachineTest#nothingLeavesTerminated failed"), failed);
        assertTrue(failed.lastIndexOf("conclab score") < failed.indexOf("BUILD FAILURE"), failed);
        assertTrue(rows(failed.substring(failed.lastIndexOf("conclab score"))).get("states")[1] == 1, failed);
        assertTrue(failed.contains("Not every test passed (-Dmaven.test.failure.ignore=false)"), failed);

        // 5. mains by hand, as java would run them: the scheduler, and a student's own program that
        //    uses Jackson and starts a child JVM with conclab.lab.ChildJvm
        GraderProcess.copyTree(GraderProcess.ROOT.resolve("solutions/src/main/java/conclab/scheduling"),
                repo.resolve("exercises/src/main/java/conclab/scheduling"));
        Files.writeString(repo.resolve("exercises/src/main/java/conclab/udp/JsonProbe.java"), """
                package conclab.udp;

                import com.fasterxml.jackson.databind.ObjectMapper;

                public class JsonProbe {
                    public static void main(String[] args) throws Exception {
                        ObjectMapper json = new ObjectMapper();
                        if (args[0].equals("child")) {
                            System.out.println("child " + json.writeValueAsString(java.util.Map.of("k", 1)));
                            return;
                        }
                        System.out.println("parent " + json.writeValueAsString(java.util.List.of(args)));
                        Process child = conclab.lab.ChildJvm.processBuilder(JsonProbe.class, "child").inheritIO().start();
                        System.exit(child.waitFor());
                    }
                }
                """);
        Maven scheduler = maven(repo, Map.of(), "-q", "compile", "exec:java",
                "-Dexec.mainClass=conclab.scheduling.Scheduler", "-Dexec.args=A:0:5 B:1:3");
        assertEquals(0, scheduler.exit(), scheduler.output());
        assertTrue(scheduler.output().contains("== SRTF") && scheduler.output().contains("cpu0 |A|B"), scheduler.output());
        Maven probe = maven(repo, Map.of(), "-q", "compile", "exec:java", "-Dexec.mainClass=conclab.udp.JsonProbe",
                "-Dexec.args=hello world");
        assertEquals(0, probe.exit(), probe.output());
        assertTrue(probe.output().contains("parent [\"hello\",\"world\"]") && probe.output().contains("child {\"k\":1}"),
                probe.output());

        // 6. as an IDE runs a test class: the JUnit Platform on the modules' class path, no Maven;
        //    the harness's listener closes the run with the table
        String ide = launch(repo, "conclab.states.ProcessStateMachineTest");
        Map<String, int[]> ideRows = rows(ide.substring(ide.lastIndexOf("conclab score")));
        assertEquals(Set.of("states", "total"), ideRows.keySet(), ide);
        // the fixture of step 4 loses three of the seven public tests
        assertTrue(ideRows.get("states")[1] == 7 && ideRows.get("states")[0] == 4, ide);
        List<String> ideLines = ide.strip().lines().toList();
        assertTrue(ideLines.get(ideLines.size() - 1).contains("hidden tests hold"), "the run ends with the table: " + ide);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    /**
     * Runs a test class the way an IDE does: the JUnit Platform Launcher in a JVM of its own, on
     * the class path of the exercises module (its classes, the harness's and the lab helper's,
     * and the libraries, here taken from this JVM's class path), with no Maven at all.
     */
    private String launch(Path repo, String testClass) throws IOException, InterruptedException {
        Path launcher = Files.writeString(dir.resolve("Launch.java"), """
                import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
                import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
                import org.junit.platform.launcher.core.LauncherFactory;

                public class Launch {
                    public static void main(String[] args) {
                        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(args[0])).build());
                    }
                }
                """);
        List<String> classpath = new ArrayList<>(List.of(
                repo.resolve("exercises/target/test-classes").toString(), repo.resolve("exercises/target/classes").toString(),
                repo.resolve("harness/target/classes").toString(), repo.resolve("lab/target/classes").toString()));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String file = Path.of(entry).getFileName().toString();
            if (file.endsWith(".jar") && !file.startsWith("conclab-") && !file.startsWith("surefire")) {
                classpath.add(entry);
            }
        }
        Path log = dir.resolve("launch.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(java.io.File.pathSeparator, classpath), launcher.toString(), testClass)
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the launcher did not finish: " + Files.readString(log));
        }
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Exercise (or total) to passed, tests, earned, possible. */
    private static Map<String, int[]> rows(String table) {
        Map<String, int[]> rows = new TreeMap<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) {
            rows.put(m.group(1), new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))});
        }
        return rows;
    }

    /** What a Maven run printed, and its exit status. */
    private record Maven(int exit, String output) {
    }

    /** {@code ./mvnw -B -o ARGS} in {@code repo}, with the Maven repository of this build. */
    private Maven maven(Path repo, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(repo.resolve("mvnw").toString(), "-B", "-o",
                "-Dmaven.repo.local=" + System.getProperty("conclab.maven.repo")));
        command.addAll(List.of(args));
        Path log = dir.resolve("maven-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // the Maven running this test must not steer the one under test
        builder.environment().keySet().removeIf(name -> name.startsWith("MAVEN_") && !name.equals("MAVEN_USER_HOME")
                || name.startsWith("GITHUB_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("Maven did not finish within 5 minutes: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Maven(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
