package conclab.grader.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conclab.grader.report.Report;
import conclab.grader.report.ReportWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code grade-all} run as instructors run it, on small classes graded on the states exercise
 * (seconds each): broken submissions, a roster, resuming, edited reports, git repositories at a
 * deadline, a batch killed midway, shards, and bad input.
 */
@Timeout(300)
class GradeAllIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path reference(String name) {
        Path submission = dir.resolve("class").resolve(name);
        GraderProcess.copyTree(GraderProcess.ROOT.resolve("solutions/src/main/java"), submission.resolve("src/main/java"));
        return submission;
    }

    private GraderProcess.Result gradeAll(String... options) {
        List<String> args = new ArrayList<>(List.of("grade-all", dir.resolve("class").toString(),
                "--out", dir.resolve("reports").toString()));
        args.addAll(List.of(options));
        return GraderProcess.run(dir.resolve("reports"), args.toArray(String[]::new));
    }

    private Report report(String name) {
        try {
            return ReportWriter.read(dir.resolve("reports").resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String output(GraderProcess.Result result) {
        return "\nstdout:\n" + result.stdout() + "\nstderr:\n" + result.stderr();
    }

    @Test
    void aClassIsGradedWhateverItsSubmissionsDoAndResumedWithoutTrustingEditedReports() throws IOException {
        reference("alice");
        Path bob = reference("bob");
        Files.writeString(bob.resolve("src/main/java/conclab/states/ProcessState.java"), "package conclab.states; enum ProcessState { NEW,");
        Files.createDirectories(dir.resolve("class/stranger/src/main/java"));
        Path roster = Files.writeString(dir.resolve("roster.csv"),
                "folder,id,name\nalice,2026001,张三\nbob,2026002,Bob Li\nghost,2026004,王五\n", StandardCharsets.UTF_8);

        GraderProcess.Result first = gradeAll("--exercises", "states", "--roster", roster.toString(), "--jobs", "2");
        assertEquals(0, first.exitCode(), output(first));
        assertEquals("graded", report("alice").status());
        assertEquals(report("alice").maxScore(), report("alice").score(), output(first));
        assertEquals(new Report.StudentRef("2026001", "张三"), report("alice").graded().student());
        assertEquals("compile_error", GraderProcess.exercise(report("bob"), "states").status(), "a broken submission is graded");
        assertEquals("invalid_submission", report("stranger").status(), "a folder with no sources gets its report");
        assertNull(report("stranger").graded().student());
        assertTrue(first.stdout().contains("[3/3]"), "plain progress lines when not on a terminal" + output(first));
        assertTrue(first.stdout().contains("3 submissions: 2 graded (1 with exercises that did not compile), 1 invalid, 0 errors, 0 unchanged"), output(first));
        assertTrue(first.stdout().matches("(?s).*graded but not on the roster \\(1\\):\\s+stranger\\n.*"), output(first));
        assertTrue(first.stdout().matches("(?s).*no submission folder \\(missing\\) \\(1\\):\\s+ghost\\n.*"), output(first));

        GraderProcess.Result second = gradeAll("--exercises", "states", "--roster", roster.toString());
        assertEquals(0, second.exitCode(), output(second));
        assertTrue(second.stdout().contains("0 graded (0 with exercises that did not compile), 1 invalid, 0 errors, 2 unchanged and kept"), output(second));

        Path alice = dir.resolve("reports/alice.json");
        Files.writeString(alice, Files.readString(alice).replaceFirst("\"score\" : \\d+", "\"score\" : 0"));
        GraderProcess.Result third = gradeAll("--exercises", "states", "--roster", roster.toString());
        assertEquals(0, third.exitCode(), output(third));
        assertTrue(third.stdout().contains("1 graded (0 with exercises that did not compile), 1 invalid, 0 errors, 1 unchanged"), output(third));
        assertTrue(third.stdout().matches("(?s).*changed on disk.*\\n\\s+alice.json \\(report changed on disk since it was written\\).*"), output(third));
        assertEquals(report("alice").maxScore(), report("alice").score(), "the edited report was replaced by a grading");
    }

    @Test
    void gitRepositoriesAreGradedAtTheCourseDeadline() throws Exception {
        Path onTime = reference("ontime");
        git(onTime, null, "init", "-q");
        git(onTime, null, "add", "-A");
        git(onTime, "2026-12-01T20:00:00+08:00", "commit", "-q", "-m", "done");
        String graded = git(onTime, null, "rev-parse", "HEAD");
        Files.writeString(onTime.resolve("src/main/java/conclab/states/ProcessState.java"), "broken after the deadline");
        git(onTime, null, "add", "-A");
        git(onTime, "2026-12-02T09:00:00+08:00", "commit", "-q", "-m", "late change");
        Path late = reference("late");
        git(late, null, "init", "-q");
        git(late, null, "add", "-A");
        git(late, "2026-12-03T09:00:00+08:00", "commit", "-q", "-m", "too late");
        Path course = Files.writeString(dir.resolve("course.json"), """
                {"course": "Concurrency 2026", "assignment": "week 1", "exercises": {"states": 2},
                 "deadline": "2026-12-01T23:59:00+08:00"}""");

        GraderProcess.Result result = gradeAll("--course", course.toString());
        assertEquals(0, result.exitCode(), output(result));
        Report report = report("ontime");
        assertEquals(graded, report.graded().commit());
        assertEquals(report.maxScore(), report.score(), "the commit before the deadline, not the broken one after" + output(result));
        assertEquals(List.of("states"), report.exercises().stream().map(e -> e.id()).toList(), "the course's exercises");
        assertEquals(2.0 * report.maxScore(), report.weightedMaxScore(), "the course's weights");
        assertEquals("week 1", report.graded().course().assignment());
        assertEquals(onTime.toAbsolutePath().normalize().toString(), report.graded().submission());
        assertEquals("invalid_submission", report("late").status());
        assertTrue(report("late").message().contains("no commit before the deadline"), report("late").message());
        assertEquals("broken after the deadline", Files.readString(onTime.resolve("src/main/java/conclab/states/ProcessState.java")),
                "the student's working tree is untouched");

        GraderProcess.Result again = gradeAll("--course", course.toString());
        assertTrue(again.stdout().contains("1 unchanged and kept"), "the same commit is not graded again" + output(again));
    }

    @Test
    void aBackdatedCommitOnALateFixIsPassedOverAndASnapshotTakenAtTheDeadlineIsGradedAsTaken() throws Exception {
        // the repository: the bug on 11-28, the fix on 12-03, a commit dated 11-30 on top
        Path mallory = reference("mallory");
        GraderProcess.copyTree(GraderProcess.FIXTURES.resolve("states-blocked-runs/src/main/java"), mallory.resolve("src/main/java"));
        git(mallory, null, "init", "-q");
        git(mallory, null, "add", "-A");
        git(mallory, "2026-11-28T10:00:00+08:00", "commit", "-q", "-m", "bug");
        String bug = git(mallory, null, "rev-parse", "HEAD");
        GraderProcess.copyTree(GraderProcess.ROOT.resolve("solutions/src/main/java"), mallory.resolve("src/main/java"));
        git(mallory, null, "add", "-A");
        git(mallory, "2026-12-03T10:00:00+08:00", "commit", "-q", "-m", "fix, after the deadline");
        Files.writeString(mallory.resolve("NOTES.md"), "backdated");
        git(mallory, null, "add", "-A");
        git(mallory, "2026-11-30T10:00:00+08:00", "commit", "-q", "-m", "backdated");
        String head = git(mallory, null, "rev-parse", "HEAD");

        GraderProcess.Result atDeadline = gradeAll("--exercises", "states", "--deadline", "2026-12-01T23:59:00+08:00");
        assertEquals(0, atDeadline.exitCode(), output(atDeadline));
        Report graded = report("mallory");
        assertEquals(bug, graded.graded().commit(), "not the backdated HEAD, which holds the fix" + output(atDeadline));
        assertTrue(graded.score() < graded.maxScore(), "the bug's score" + output(atDeadline));
        assertTrue(graded.events().stream().anyMatch(e -> e.type().equals("git_dates") && e.detail().contains("before its parent")),
                graded.events()::toString);
        assertTrue(atDeadline.stdout().contains("git dates or history to check"), output(atDeadline));

        // a snapshot taken at the deadline, when HEAD was the backdated commit: graded as taken
        GraderProcess.Result snapshot = GraderProcess.run(dir.resolve("snapshot/snapshot.json"), "snapshot",
                dir.resolve("class").toString(), "--out", dir.resolve("snapshot").toString());
        assertEquals(0, snapshot.exitCode(), output(snapshot));
        GraderProcess.Result fromSnapshot = gradeAll("--exercises", "states", "--snapshot", dir.resolve("snapshot").toString());
        assertEquals(0, fromSnapshot.exitCode(), output(fromSnapshot));
        assertEquals(head, report("mallory").graded().commit());
        assertEquals(report("mallory").maxScore(), report("mallory").score(), output(fromSnapshot));
    }

    @Test
    void aBatchKilledMidwayLosesNoFinishedReportLeavesNoHalfOneAndResumes() throws Exception {
        for (String name : List.of("s1", "s2", "s3")) {
            reference(name);
        }
        Path reports = dir.resolve("reports");
        Path manifest = reports.resolve(".conclab-batch.json");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                GraderProcess.JAR.toString(), "grade-all", dir.resolve("class").toString(), "--out", reports.toString(),
                "--exercises", "states", "--jobs", "1");
        Process batch = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.txt").toFile()).start();
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> recorded(manifest).size() >= 1);
        } finally {
            List<ProcessHandle> descendants = batch.descendants().toList();
            batch.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            descendants.forEach(ProcessHandle::destroyForcibly);
            assertTrue(batch.waitFor(30, TimeUnit.SECONDS));
        }
        Set<String> finished = recorded(manifest);
        assertTrue(finished.size() < 3, "killed while grading, not after: " + finished);
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JSON.readTree(file.toFile()); // every report and the manifest is whole JSON
            }
        }
        for (String name : finished) {
            assertEquals("graded", ReportWriter.read(reports.resolve(name)).status(), name);
        }

        GraderProcess.Result resumed = gradeAll("--exercises", "states");
        assertEquals(0, resumed.exitCode(), output(resumed));
        assertTrue(resumed.stdout().contains((3 - finished.size()) + " graded"), output(resumed));
        assertTrue(resumed.stdout().contains(finished.size() + " unchanged and kept"),
                finished + " were finished before the kill" + output(resumed));
        assertEquals(Set.of("s1.json", "s2.json", "s3.json"), recorded(manifest));
        try (Stream<Path> files = Files.list(reports)) {
            // the lock stays: a file another batch may hold open, and deleting it would let two lock apart
            assertEquals(Set.of(".conclab-batch.json", ".conclab-batch.lock", "s1.json", "s2.json", "s3.json"),
                    files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()), "no temporary file left");
        }
    }

    /** The reports the manifest vouches for; none while it does not exist. */
    private static Set<String> recorded(Path manifest) throws IOException {
        if (!Files.exists(manifest)) {
            return Set.of();
        }
        JsonNode reports = JSON.readTree(manifest.toFile()).get("reports");
        Set<String> names = new TreeSet<>();
        reports.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void shardsSplitTheClassAndTheirReportsMergeIntoOneFolder() throws IOException {
        // submissions with nothing to grade: sharding is decided before any test JVM
        for (String name : List.of("a", "b", "c", "d", "e")) {
            Files.createDirectories(dir.resolve("class").resolve(name));
        }
        for (int i = 0; i < 2; i++) {
            GraderProcess.Result shard = gradeAll("--shard", i + "/2");
            assertEquals(0, shard.exitCode(), output(shard));
            assertTrue(shard.stdout().contains("grading " + (i == 0 ? 3 : 2) + " submissions"), output(shard));
        }
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            assertEquals(Set.of(".conclab-batch-0-of-2.json", ".conclab-batch-1-of-2.json",
                            ".conclab-batch-0-of-2.lock", ".conclab-batch-1-of-2.lock",
                            "a.json", "b.json", "c.json", "d.json", "e.json"),
                    files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void badInputIsRefusedWithOneLineAndExitCode2() throws IOException {
        Files.createDirectories(dir.resolve("class/a"));
        Path badRoster = Files.writeString(dir.resolve("roster.csv"), "folder,id,name\na,1,Ann\nb,2\n");
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        Map<List<String>, String> cases = Map.of(
                List.of("grade-all", dir.resolve("nowhere").toString(), "--out", dir.resolve("r").toString()),
                "class folder " + dir.resolve("nowhere") + " does not exist",
                List.of("grade-all", dir.resolve("class").toString(), "--out", dir.resolve("r").toString(), "--roster", badRoster.toString()),
                "line 3: has 2 fields, expected 3",
                List.of("grade-all", dir.resolve("class").toString(), "--out", dir.resolve("r").toString(), "--shard", "2/2"),
                "--shard 2/2: the index counts from 0",
                List.of("grade-all", dir.resolve("class").toString(), "--out", dir.resolve("r").toString(), "--deadline", "tomorrow"),
                "--deadline 'tomorrow' is not an ISO-8601 time",
                List.of("grade-all", dir.resolve("class").toString(), "--out", file.toString()),
                "is a file: give a folder for the reports",
                List.of("grade-all", dir.resolve("class").toString(), "--out", dir.resolve("r").toString(), "--exercises", "nope"),
                "unknown exercise nope",
                List.of("grade-all", dir.resolve("class").toString()),
                "Missing required option: '--out=REPORTS'");
        cases.forEach((args, phrase) -> {
            GraderProcess.Result result = GraderProcess.run(dir.resolve("r"), args.toArray(String[]::new));
            assertEquals(2, result.exitCode(), args + output(result));
            assertTrue(result.stderr().startsWith("conclab-grader: ") && result.stderr().contains(phrase), args + output(result));
        });
    }

    @Test
    void eachReportGetsItsFormattedCopyGradedOrKeptInTheLanguageAsked() throws Exception {
        reference("alice");
        Path carol = reference("carol");
        GraderProcess.copyTree(GraderProcess.FIXTURES.resolve("states-blocked-runs/src/main/java"),
                carol.resolve("src/main/java"));
        Files.createDirectories(dir.resolve("class/stranger/src/main/java"));
        List<String> names = List.of("alice", "carol", "stranger");

        GraderProcess.Result gradescope = gradeAll("--exercises", "states", "--format", "gradescope");
        assertEquals(0, gradescope.exitCode(), output(gradescope));
        assertTrue(gradescope.stdout().contains("Also: " + dir.resolve("reports/gradescope")
                + " (gradescope, instructor view, one per report)"), output(gradescope));
        for (String name : names) {
            Report report = report(name);
            JsonNode results = JSON.readTree(dir.resolve("reports/gradescope/" + name + ".json").toFile());
            assertEquals(report.weightedScore(), results.get("score").asDouble(), name);
            assertEquals(GraderProcess.tests(report).size(), results.get("tests").size(), name + ": one entry per test");
            assertEquals(report.weightedScore(), sum(results.get("tests"), "score"), 1e-9, name);
            assertEquals(report.weightedMaxScore(), sum(results.get("tests"), "max_score"), 1e-9, name);
        }
        assertTrue(report("carol").score() < report("carol").maxScore(), "the fixture loses points");
        assertTrue(JSON.readTree(dir.resolve("reports/gradescope/stranger.json").toFile()).get("output").asText()
                .contains("no Java sources"), "an invalid submission's copy says why");

        // nothing graded again, since the copies are views: the kept reports get theirs
        GraderProcess.Result junit = gradeAll("--exercises", "states", "--format", "junit-xml");
        assertEquals(0, junit.exitCode(), output(junit));
        assertTrue(junit.stdout().contains("2 unchanged and kept"), () -> output(junit) + "\nevents: " + report("alice").events());
        for (String name : names) {
            Report report = report(name);
            Element suites = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(dir.resolve("reports/junit-xml/" + name + ".xml").toFile()).getDocumentElement();
            int failing = Integer.parseInt(suites.getAttribute("failures")) + Integer.parseInt(suites.getAttribute("errors"));
            boolean allPassed = report.status().equals("graded") && GraderProcess.notPassed(report).isEmpty();
            assertEquals(allPassed, failing == 0, name + ": failures and errors as the report's tests");
            for (Element property : elements(suites, "property")) {
                if (property.getAttribute("name").equals("score")) {
                    assertEquals(report.score(), Integer.parseInt(property.getAttribute("value")), name);
                }
            }
            assertEquals(report.status().equals("graded"), !elements(suites, "property").isEmpty(), name);
        }

        // another language: graded again, the hints in Chinese, the GitHub Classroom copies
        GraderProcess.Result chinese = gradeAll("--exercises", "states", "--format", "github", "--locale", "zh_CN");
        assertEquals(0, chinese.exitCode(), output(chinese));
        assertTrue(chinese.stdout().contains("2 graded"), "a report in another language is graded again" + output(chinese));
        String hints = GraderProcess.tests(report("carol")).stream().map(t -> String.valueOf(t.hint()))
                .collect(Collectors.joining("\n"));
        assertTrue(hints.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), hints);
        for (String name : List.of("alice", "carol")) {
            Report report = report(name);
            JsonNode result = JSON.readTree(dir.resolve("reports/github/" + name + ".json").toFile());
            assertEquals(report.weightedMaxScore(), result.get("max_score").asDouble(), name);
            assertEquals(report.weightedScore(), sum(result.get("tests"), "score"), 1e-9, name);
            assertEquals(name.equals("alice") ? "pass" : "fail", result.get("status").asText(), name);
        }
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            assertEquals(Set.of(".conclab-batch.json", ".conclab-batch.lock", "alice.json", "carol.json", "stranger.json",
                    "gradescope", "junit-xml", "github"), files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void aBadFormatViewOrLocaleIsRefusedWithExitCode2() throws IOException {
        Files.createDirectories(dir.resolve("class/a"));
        Map<List<String>, String> cases = Map.of(
                List.of("--format", "xml"), "'xml' is not a report format: use one of json, gradescope, github, junit-xml",
                List.of("--view", "student"), "--view chooses for whom --format writes: give --format too",
                List.of("--format", "json", "--view", "teacher"), "'teacher' is not a view: use instructor or student",
                List.of("--locale", "chinese!"), "--locale 'chinese!' is not a locale: write it as en or zh_CN");
        cases.forEach((options, phrase) -> {
            GraderProcess.Result result = gradeAll(options.toArray(String[]::new));
            assertEquals(2, result.exitCode(), options + output(result));
            assertTrue(result.stderr().startsWith("conclab-grader: ") && result.stderr().contains(phrase), options + output(result));
        });
        assertFalse(Files.exists(dir.resolve("reports/a.json")), "nothing graded");
    }

    private static double sum(JsonNode tests, String field) {
        double sum = 0;
        for (JsonNode test : tests) {
            sum += test.get(field).asDouble();
        }
        return sum;
    }

    private static List<Element> elements(Element root, String tag) {
        NodeList nodes = root.getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** Runs git in {@code repo}, with {@code date} as the commit's dates when given. */
    private static String git(Path repo, String date, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=Student",
                "-c", "user.email=student@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        if (date != null) {
            builder.environment().putAll(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date));
        }
        Process git = builder.start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(git.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, git.exitValue(), () -> "git " + String.join(" ", args) + ": " + out);
        return out.trim();
    }
}
