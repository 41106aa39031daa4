package conclab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeDecisionTest {

    private static final String KEY = "exercises=[udp]";

    static Report report(String status, String graderVersion, String suiteHash, String sourcesHash, String commit) {
        Report.GradedWith graded = new Report.GradedWith(graderVersion, suiteHash, "/class/alice", sourcesHash,
                "jdk", "os", "2026-11-27T00:00:00Z", 1, 1, null, null, null, commit, null, "none", null);
        return status.equals("graded") ? Report.graded(graded, List.of(), List.of(), List.of())
                : Report.ungraded(status, "why", graded);
    }

    private static ResumeDecision.Stored trusted(Report report) {
        return new ResumeDecision.Stored(report, BatchManifest.Trust.TRUSTED, KEY);
    }

    private static final ResumeDecision.Current NOW = new ResumeDecision.Current("1.0", "suite", KEY, "src", null);

    @Test
    void aTrustedReportOfTheSameSourcesGraderSuiteAndOptionsStands() {
        ResumeDecision decision = ResumeDecision.decide(false, trusted(report("graded", "1.0", "suite", "src", null)), NOW);
        assertEquals(ResumeDecision.UNCHANGED, decision);
        assertFalse(decision.grade());
    }

    @Test
    void anythingChangedGradesAgain() {
        assertEquals(ResumeDecision.NEW, ResumeDecision.decide(false, null, NOW));
        assertEquals(ResumeDecision.FORCED, ResumeDecision.decide(true, trusted(report("graded", "1.0", "suite", "src", null)), NOW));
        assertEquals(ResumeDecision.SOURCES_CHANGED, ResumeDecision.decide(false, trusted(report("graded", "1.0", "suite", "other", null)), NOW));
        assertEquals(ResumeDecision.GRADER_CHANGED, ResumeDecision.decide(false, trusted(report("graded", "0.9", "suite", "src", null)), NOW));
        assertEquals(ResumeDecision.SUITE_CHANGED, ResumeDecision.decide(false, trusted(report("graded", "1.0", "erratum", "src", null)), NOW));
        assertEquals(ResumeDecision.OPTIONS_CHANGED, ResumeDecision.decide(false,
                new ResumeDecision.Stored(report("graded", "1.0", "suite", "src", null), BatchManifest.Trust.TRUSTED, "exercises=[tcp]"), NOW));
        assertEquals(ResumeDecision.RETRY, ResumeDecision.decide(false, trusted(report("error", "1.0", "suite", "src", null)), NOW));
        assertEquals(ResumeDecision.RETRY, ResumeDecision.decide(false, trusted(null), NOW));
        assertTrue(List.of(ResumeDecision.values()).stream().filter(d -> d != ResumeDecision.UNCHANGED).allMatch(ResumeDecision::grade));
    }

    @Test
    void aReportTheManifestDoesNotVouchForIsNotTrusted() {
        Report same = report("graded", "1.0", "suite", "src", null);
        assertEquals(ResumeDecision.EDITED, ResumeDecision.decide(false,
                new ResumeDecision.Stored(same, BatchManifest.Trust.EDITED, null), NOW));
        assertEquals(ResumeDecision.UNTRUSTED, ResumeDecision.decide(false,
                new ResumeDecision.Stored(same, BatchManifest.Trust.UNKNOWN, null), NOW));
    }

    @Test
    void atADeadlineTheCommitDecides() {
        ResumeDecision.Current atCommit = new ResumeDecision.Current("1.0", "suite", KEY, null, "abc");
        assertEquals(ResumeDecision.UNCHANGED, ResumeDecision.decide(false, trusted(report("graded", "1.0", "suite", "x", "abc")), atCommit));
        assertEquals(ResumeDecision.SOURCES_CHANGED, ResumeDecision.decide(false, trusted(report("graded", "1.0", "suite", "x", "def")), atCommit));
        assertEquals(ResumeDecision.SOURCES_CHANGED, ResumeDecision.decide(false, trusted(report("graded", "1.0", "suite", "src", "abc")), NOW),
                "a report of a commit does not stand for the working tree");
    }
}
