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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export-starter} writes a repository that students can use as it is, with real Maven,
 * and that holds nothing they must not see.
 */
class ExportStarterIT {

    private static final Pattern ROW = Pattern.compile("(?m)^\\s+(\\S+)\\s+(\\d+)/(\\d+)\\s+(\\d+)/(\\d+)\\s*$");

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
                "mvnw", "mvnw.cmd", ".mvn/wrapper/maven-wrapper.properties", "README.md", "README.zh-CN.md",
                ".gitignore", "harness/src/main/java/conclab/harness/ScoreTablePrinter.java",
                "lab/src/main/java/conclab/lab/ChildJvm.java")) {
            assertTrue(Files.isRegularFile(repo.resolve(file)), () -> "missing " + file);
        }
        assertTrue(Files.isExecutable(repo.resolve("mvnw")));
        String workflow = Files.readString(repo.resolve(".github/workflows/test.yml"));
        assertTrue(workflow.contains("on: push") && workflow.contains("actions/setup-java")
                && workflow.contains("java-version: '17'") && workflow.contains("cache: maven")
                && workflow.contains("mvnw -B test"), workflow);
        assertTrue(Files.readString(repo.resolve("README.zh-CN.md")).contains("- `udp`"));
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
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void realMavenInTheExportedRepositoryEndsWithTheScoreTable() throws IOException {
        Path repo = exported("--exercises", "states,udp");

        // the stubs, in Chinese: every test fails, the build does not, the table says 0 points
        String stubs = maven(repo, "-Dconclab.locale=zh_CN");
        assertTrue(stubs.contains("BUILD SUCCESS"), stubs);
        String table = stubs.substring(stubs.lastIndexOf("conclab 得分"));
        assertTrue(table.contains("合计") && table.contains("隐藏测试"), table);
        Map<String, int[]> rows = rows(table);
        assertEquals(Set.of("states", "udp", "合计"), rows.keySet(), table);
        rows.values().forEach(row -> assertEquals(0, row[2], table));
        assertTrue(rows.get("states")[3] > 0 && rows.get("udp")[3] > 0, table);
        // a Chinese hint reaches Surefire's report intact
        String report = Files.readString(repo.resolve(
                "exercises/target/surefire-reports/conclab.states.ProcessStateMachineTest.txt"), StandardCharsets.UTF_8);
        assertTrue(report.contains("提示："), report);

        // the reference for states, in English: states earns its public points, udp none
        Path solution = GraderProcess.ROOT.resolve("solutions/src/main/java/conclab/states");
        GraderProcess.copyTree(solution, repo.resolve("exercises/src/main/java/conclab/states"));
        String states = maven(repo, "-Dconclab.locale=en");
        String english = states.substring(states.lastIndexOf("conclab score"));
        Map<String, int[]> after = rows(english);
        int[] done = after.get("states");
        assertTrue(done[0] == done[1] && done[2] == done[3] && done[3] == rows.get("states")[3], english);
        assertEquals(0, after.get("udp")[2], english);
        assertEquals(done[2], after.get("total")[2], english);
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

    /** {@code ./mvnw -B -o test} in {@code repo}, with the Maven repository of this build. */
    private String maven(Path repo, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(repo.resolve("mvnw").toString(), "-B", "-o",
                "-Dmaven.repo.local=" + System.getProperty("conclab.maven.repo"), "test"));
        command.addAll(List.of(options));
        Path log = dir.resolve("maven-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // the Maven running this test must not steer the one under test
        builder.environment().keySet().removeIf(name -> name.startsWith("MAVEN_") && !name.equals("MAVEN_USER_HOME"));
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
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
