package conclab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.GradeRequest;
import conclab.grader.format.ReportFormat;
import conclab.grader.format.View;
import conclab.grader.report.Report;
import conclab.grader.report.ReportWriter;
import conclab.grader.submission.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch loop on real folders and files, with a stand-in for the grading of one submission
 * (the real grader's batches are run by GradeAllIT): what is graded, skipped, trusted and written.
 */
@Timeout(60)
class BatchGraderTest {

    private static final GradeRequest REQUEST = new GradeRequest(Set.of("states"), Duration.ofSeconds(10),
            Duration.ofMinutes(10), 1, "512m", 16384, null, conclab.grader.fork.RunLimits.DEFAULTS, 3,
            conclab.grader.sandbox.SandboxMode.AUTO);

    @TempDir
    Path dir;

    private final AtomicInteger gradings = new AtomicInteger();
    private final List<BatchGrader.Outcome> heard = new ArrayList<>();
    private FormattedCopies copies = FormattedCopies.NONE;
    private Path keyFile;
    /** Events the stand-in grading adds to a report, e.g. a time limit's. */
    private List<Report.RunEventRecord> events = List.of();

    /** Grades by counting the sources' lines; fails on a folder named "crash", as a grader defect would. */
    private Report grade(Submission submission, GradeRequest request) throws IOException {
        gradings.incrementAndGet();
        if (submission.folder().getFileName().toString().equals("crash")) {
            throw new IllegalStateException("grader defect");
        }
        return Report.graded(new Report.GradedWith("1.0", "suite", submission.folder().toString(), submission.hash(),
                "jdk", "os", "now", 1, 1, null, null, null, null, null, "none", null), events.isEmpty() ? List.of()
                : List.of(new conclab.grader.report.ExerciseResult("states", "failed", 0, 11, 1, List.of(), List.of(
                        new conclab.grader.report.TestResult("conclab.states.T#a", "a()", "visible", 11, 0, "not_run", 0, 0,
                                "Not run: the grading run's time limit was reached before this test.", false, null, "", 0,
                                false, Map.of())))), List.of(), events);
    }

    private Path submission(String name) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("class").resolve(name).resolve("src/main/java/conclab/states"));
        Files.writeString(sources.resolve("A.java"), "class A {} // " + name);
        return sources.getParent().getParent().getParent().getParent();
    }

    private java.time.OffsetDateTime deadline;
    private Snapshot snapshot;

    private Map<String, BatchGrader.Outcome> run(boolean force, int jobs, Roster roster) throws Exception {
        BatchGrader.Settings settings = new BatchGrader.Settings(dir.resolve("class"), dir.resolve("reports"),
                REQUEST, roster, deadline, jobs, Shard.ALL, force, "1.0", "suite", copies,
                BatchKey.at(keyFile != null ? keyFile : (keyFile = dir.resolve("config/conclab/batch.key"))),
                snapshot, dir.resolve("snapshot"));
        BatchGrader batch = new BatchGrader(this::grade, settings, new BatchGrader.Listener() {
            @Override
            public void planned(int submissions) {
            }

            @Override
            public void finished(BatchGrader.Outcome outcome) {
                heard.add(outcome);
            }
        });
        gradings.set(0);
        heard.clear();
        List<BatchGrader.Outcome> outcomes = batch.run(BatchGrader.submissionFolders(dir.resolve("class")));
        assertEquals(Set.copyOf(outcomes), Set.copyOf(heard), "the listener hears of every submission");
        return outcomes.stream().collect(Collectors.toMap(BatchGrader.Outcome::folder, o -> o));
    }

    private Report report(String name) throws IOException {
        return ReportWriter.read(dir.resolve("reports").resolve(ReportName.of(name)));
    }

    @Test
    void aSubmissionTheGraderFailsOnGetsAnErrorReportAndTheBatchGoesOn() throws Exception {
        submission("alice");
        submission("crash");
        Files.createDirectories(dir.resolve("class/empty"));
        submission("zoe");
        Map<String, BatchGrader.Outcome> outcomes = run(false, 1, Roster.NONE);
        assertEquals(BatchGrader.Kind.GRADED, outcomes.get("alice").kind());
        assertEquals(BatchGrader.Kind.ERROR, outcomes.get("crash").kind());
        assertEquals(BatchGrader.Kind.INVALID, outcomes.get("empty").kind());
        assertEquals(BatchGrader.Kind.GRADED, outcomes.get("zoe").kind());
        assertEquals("error", report("crash").status());
        assertTrue(report("crash").message().contains("grader defect"), report("crash").message());
        assertEquals("invalid_submission", report("empty").status());
        assertEquals("graded", report("zoe").status());
    }

    @Test
    void aSecondRunKeepsTheReportsThatStandAndGradesWhatChanged() throws Exception {
        submission("alice");
        submission("bob");
        submission("carol");
        run(false, 2, Roster.NONE);
        Map<String, BatchGrader.Outcome> again = run(false, 2, Roster.NONE);
        assertEquals(0, gradings.get());
        assertTrue(again.values().stream().allMatch(o -> o.kind() == BatchGrader.Kind.SKIPPED), again::toString);

        Files.writeString(dir.resolve("class/alice/src/main/java/conclab/states/A.java"), "class A { int changed; }");
        Path bobReport = dir.resolve("reports/bob.json");
        Files.writeString(bobReport, Files.readString(bobReport).replace("\"score\" : 0", "\"score\" : 99"));
        Files.copy(dir.resolve("reports/carol.json"), dir.resolve("reports/dave.json"));
        submission("dave");
        Map<String, BatchGrader.Outcome> third = run(false, 2, Roster.NONE);
        assertEquals(ResumeDecision.SOURCES_CHANGED, third.get("alice").decision());
        assertEquals(ResumeDecision.EDITED, third.get("bob").decision());
        assertEquals(0, report("bob").score(), "the edited report was replaced");
        assertEquals(BatchGrader.Kind.SKIPPED, third.get("carol").kind());
        assertEquals(ResumeDecision.UNTRUSTED, third.get("dave").decision(), "a report the batch did not write");
        assertEquals(3, gradings.get());

        assertEquals(4, run(true, 2, Roster.NONE).values().stream().filter(o -> o.decision() == ResumeDecision.FORCED).count());
    }

    @Test
    void theRosterNamesTheStudentAndAChangedRosterGradesAgain() throws Exception {
        submission("zhang");
        submission("stranger");
        Roster roster = Roster.parse(dir, "folder,id,name\nzhang,2026002,张三\n");
        run(false, 1, roster);
        assertEquals(new Report.StudentRef("2026002", "张三"), report("zhang").graded().student());
        assertNull(report("stranger").graded().student());
        Map<String, BatchGrader.Outcome> renamed = run(false, 1, Roster.parse(dir, "folder,id,name\nzhang,2026002,张三丰\n"));
        assertEquals(ResumeDecision.OPTIONS_CHANGED, renamed.get("zhang").decision());
        assertEquals(BatchGrader.Kind.SKIPPED, renamed.get("stranger").kind());
    }

    @Test
    void leftoversOfAKilledWriteAreRemovedAndEveryReportIsRecordedWithManyJobs() throws Exception {
        for (int i = 0; i < 12; i++) {
            submission("s" + i);
        }
        Path leftover = Files.createDirectories(dir.resolve("reports")).resolve(".s1.json.123456.tmp");
        Files.writeString(leftover, "{\"half");
        Path othersInProgress = dir.resolve("reports/.somebody-else.json.654321.tmp");
        Files.writeString(othersInProgress, "{\"being written by another shard");
        run(false, 4, Roster.NONE);
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(othersInProgress), "another shard's report being written is left alone");
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            assertEquals(14, files.count(), "12 reports, the manifest and the other shard's file");
        }
        assertEquals(12, run(false, 4, Roster.NONE).values().stream().filter(o -> o.kind() == BatchGrader.Kind.SKIPPED).count(),
                "every report written by one of 4 threads is in the manifest");
    }

    @Test
    void everyReportGetsItsCopyInTheOtherFormatKeptReportsTooWhenItIsMissingOrStale() throws Exception {
        submission("alice");
        submission("bob");
        Files.createDirectories(dir.resolve("class/empty"));
        copies = new FormattedCopies(ReportFormat.JUNIT_XML, View.STUDENT);
        Path leftover = Files.createDirectories(dir.resolve("reports/junit-xml")).resolve(".alice.xml.123.tmp");
        Files.writeString(leftover, "<half");
        run(false, 2, Roster.NONE);
        Path alice = dir.resolve("reports/junit-xml/alice.xml");
        Path bob = dir.resolve("reports/junit-xml/bob.xml");
        for (String name : List.of("alice", "bob", "empty")) {
            Path copy = dir.resolve("reports/junit-xml/" + name + ".xml");
            assertArrayEquals(ReportFormat.JUNIT_XML.render(report(name), View.STUDENT), Files.readAllBytes(copy), name);
        }
        assertFalse(Files.exists(leftover), "a killed write's leftover is removed");
        assertFalse(Files.exists(dir.resolve("reports/alice.xml")), "copies stay out of the reports' own folder");

        Files.delete(alice);
        Files.writeString(bob, "edited by hand");
        Map<String, BatchGrader.Outcome> kept = run(false, 2, Roster.NONE);
        assertEquals(0, gradings.get());
        assertEquals(BatchGrader.Kind.SKIPPED, kept.get("alice").kind());
        assertEquals(BatchGrader.Kind.SKIPPED, kept.get("bob").kind());
        assertArrayEquals(ReportFormat.JUNIT_XML.render(report("alice"), View.STUDENT), Files.readAllBytes(alice),
                "a kept report's missing copy is written");
        assertArrayEquals(ReportFormat.JUNIT_XML.render(report("bob"), View.STUDENT), Files.readAllBytes(bob),
                "a kept report's stale copy is written again");

        FileTime longAgo = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(bob, longAgo);
        run(false, 2, Roster.NONE);
        assertEquals(longAgo, Files.getLastModifiedTime(bob), "a copy up to date is left alone");

        Files.writeString(dir.resolve("class/alice/src/main/java/conclab/states/A.java"), "class A { int changed; }");
        Files.writeString(alice, "stale");
        run(false, 2, Roster.NONE);
        assertEquals(1, gradings.get());
        assertArrayEquals(ReportFormat.JUNIT_XML.render(report("alice"), View.STUDENT), Files.readAllBytes(alice),
                "a report graded again gets its copy again");
    }

    @Test
    void aReportAndManifestRewrittenTogetherWithAPlainDigestAreGradedAgain() throws Exception {
        submission("mallory");
        submission("bob");
        run(false, 1, Roster.NONE);
        // what a submission that reached the reports folder could do: raise its score and vouch
        // for it in the manifest with the digest anybody can compute
        Path report = dir.resolve("reports/mallory.json");
        String forged = Files.readString(report).replace("\"score\" : 0", "\"score\" : 99");
        Files.writeString(report, forged);
        Path manifest = dir.resolve("reports/.conclab-batch.json");
        com.fasterxml.jackson.databind.node.ObjectNode content = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        com.fasterxml.jackson.databind.node.ObjectNode entry = (com.fasterxml.jackson.databind.node.ObjectNode)
                content.get("reports").get("mallory.json");
        entry.put("hmac", sha);
        Files.writeString(manifest, content.toPrettyString());
        // and as the unkeyed manifest of old
        Files.writeString(dir.resolve("reports/.conclab-batch-0-of-1.json"), "{\"version\": 1, \"reports\": {\"mallory.json\": "
                + "{\"sha256\": \"" + sha + "\", \"requestKey\": \"" + entry.get("requestKey").asText().replace("\"", "\\\"") + "\"}}}");

        Map<String, BatchGrader.Outcome> next = run(false, 1, Roster.NONE);
        assertEquals(ResumeDecision.EDITED, next.get("mallory").decision());
        assertEquals(0, report("mallory").score(), "the forged report was replaced");
        assertEquals(BatchGrader.Kind.SKIPPED, next.get("bob").kind(), "an untouched report stands");
        assertEquals(1, gradings.get());
    }

    @Test
    void withoutItsKeyNoManifestIsTrustedAndEverythingIsGradedAgain() throws Exception {
        submission("alice");
        submission("bob");
        run(false, 1, Roster.NONE);
        assertEquals(0, run(false, 1, Roster.NONE).values().stream().filter(o -> o.decision().grade()).count());
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(keyFile)), "the key is its owner's alone");
        }
        Files.delete(keyFile);
        Map<String, BatchGrader.Outcome> again = run(false, 1, Roster.NONE);
        assertEquals(2, gradings.get());
        assertTrue(again.values().stream().allMatch(o -> o.decision() == ResumeDecision.EDITED), again::toString);
        assertTrue(Files.exists(keyFile), "a new key was made");
        assertEquals(0, run(false, 1, Roster.NONE).values().stream().filter(o -> o.decision().grade()).count(),
                "and the new key vouches for what it recorded");
    }

    @Test
    void aGradingCutShortByTheTimeLimitIsNeverKept() throws Exception {
        submission("slow");
        events = List.of(new Report.RunEventRecord("time_limit", "the run's time limit of 1 s was reached; 11 tests did not run"));
        run(false, 1, Roster.NONE);
        Map<String, BatchGrader.Outcome> again = run(false, 1, Roster.NONE);
        assertEquals(ResumeDecision.CUT_SHORT, again.get("slow").decision());
        assertEquals(1, gradings.get());
        events = List.of();
        run(false, 1, Roster.NONE);
        assertEquals(BatchGrader.Kind.SKIPPED, run(false, 1, Roster.NONE).get("slow").kind(),
                "a grading that ran to its end is kept");
    }

    @Test
    void aChangedFileEventAfterWhichEveryTestRanIsKept() throws Exception {
        Report ranThrough = Report.graded(null, List.of(new conclab.grader.report.ExerciseResult("states", "passed", 2, 2, 1,
                List.of(), List.of(new conclab.grader.report.TestResult("conclab.states.T#a", "a()", "visible", 2, 2, "passed",
                        1, 1, null, false, null, "", 0, false, Map.of())))), List.of(),
                List.of(new Report.RunEventRecord("files_modified", "the class-data archive in the shared cache")));
        assertFalse(ResumeDecision.cutShort(ranThrough));
    }

    @Test
    void aSecondBatchOnTheSameFolderAndShardIsRefused() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        try (BatchLock first = BatchLock.take(reports, Shard.ALL)) {
            BatchLock.Busy busy = org.junit.jupiter.api.Assertions.assertThrows(BatchLock.Busy.class,
                    () -> BatchLock.take(reports, Shard.ALL));
            assertTrue(busy.getMessage().contains("pid " + ProcessHandle.current().pid()), busy.getMessage());
            try (BatchLock otherShard = BatchLock.take(reports, Shard.parse("1/2"))) {
                assertTrue(otherShard != null, "another shard of the class takes its own");
            }
        }
        try (BatchLock again = BatchLock.take(reports, Shard.ALL)) {
            assertTrue(again != null, "free once the first batch ended");
        }
    }

    @Test
    void aFolderNamedInNfdMatchesTheRostersNfcSpelling() throws Exception {
        String nfd = java.text.Normalizer.normalize("josé", java.text.Normalizer.Form.NFD);
        assertTrue(!nfd.equals("josé"));
        submission(nfd);
        Roster roster = Roster.parse(dir, "folder,id,name\njosé,2026009,José Núñez\n");
        Map<String, BatchGrader.Outcome> outcomes = run(false, 1, roster);
        assertEquals(new Report.StudentRef("2026009", "José Núñez"), outcomes.get(nfd).report().graded().student());
        BatchSummary summary = BatchSummary.of(List.copyOf(outcomes.values()), List.of(nfd), roster, 1);
        assertEquals(List.of(), summary.notOnRoster());
        assertEquals(List.of(), summary.missing());
    }

    @Test
    void atADeadlineABackdatedHeadIsPassedOverAndTheReportSaysWhyAndASnapshotIsGradedAsTaken() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("class/mallory"));
        GitDeadlineTest.git(repo, null, "init", "-q");
        String bug = GitDeadlineTest.commit(repo, "2026-11-28T10:00:00+08:00", "src/main/java/conclab/states/A.java", "class A { int bug; }");
        GitDeadlineTest.commit(repo, "2026-12-03T10:00:00+08:00", "src/main/java/conclab/states/A.java", "class A { int fix; }");
        String head = GitDeadlineTest.commit(repo, "2026-11-30T10:00:00+08:00", "src/main/java/conclab/states/B.java", "class B {}");
        deadline = java.time.OffsetDateTime.parse("2026-12-01T23:59:00+08:00");
        Report graded = run(false, 1, Roster.NONE).get("mallory").report();
        assertEquals(bug, graded.graded().commit());
        assertTrue(graded.events().stream().anyMatch(e -> e.type().equals(BatchGrader.GIT_EVENT)
                && e.detail().contains("before its parent")), graded.events()::toString);

        // a snapshot taken when HEAD was the backdated commit grades that commit, as taken
        snapshot = Snapshot.take(dir.resolve("class"), List.of("mallory"), dir.resolve("snapshot"), null, line -> { });
        deadline = null;
        Report fromSnapshot = run(false, 1, Roster.NONE).get("mallory").report();
        assertEquals(head, fromSnapshot.graded().commit());
        assertEquals(1, gradings.get());
        assertEquals(BatchGrader.Kind.SKIPPED, run(false, 1, Roster.NONE).get("mallory").kind(), "and keeps it on resume");
    }
}
