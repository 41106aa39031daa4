package conclab.grader.batch;

import conclab.grader.report.Report;

/**
 * Whether a submission is graded again, given the report already in the reports folder. A report
 * is reused only when the grader wrote it ({@link BatchManifest} still has its SHA-256), it says
 * {@code graded}, and the grader, the suite, the options and the submission's sources (or, at a
 * deadline, its commit) are all the same as now.
 */
public enum ResumeDecision {
    /** No report yet. */
    NEW(true, "new"),
    /** {@code --force}. */
    FORCED(true, "forced"),
    /** The report's bytes differ from what the grader wrote. */
    EDITED(true, "report changed on disk since it was written"),
    /** A report the manifest does not know: not written by grade-all, or killed before recording it. */
    UNTRUSTED(true, "report not recorded in the manifest"),
    /** A report that cannot be read, or whose last grading did not end in {@code graded}. */
    RETRY(true, "last grading did not finish"),
    /**
     * A report whose grading a limit cut short ({@link #CUT_SHORT_EVENTS}): its zeros say
     * nothing of the submission's tests that never ran, so it is never kept.
     */
    CUT_SHORT(true, "last grading was cut short (time limit, or the run stopped)"),
    GRADER_CHANGED(true, "grader changed"),
    SUITE_CHANGED(true, "test suite changed"),
    OPTIONS_CHANGED(true, "options, course or roster changed"),
    SOURCES_CHANGED(true, "sources changed"),
    /** Nothing changed: the report stands. */
    UNCHANGED(false, "unchanged");

    /**
     * Events after which tests were given up without running: the run's time limit, a test JVM
     * that found nothing to run, the grader's files changed under the run.
     */
    static final java.util.Set<String> CUT_SHORT_EVENTS = java.util.Set.of("time_limit", "no_progress", "files_modified");

    private final boolean grade;
    private final String description;

    ResumeDecision(boolean grade, String description) {
        this.grade = grade;
        this.description = description;
    }

    /** Whether the submission is graded. */
    public boolean grade() {
        return grade;
    }

    public String description() {
        return description;
    }

    /**
     * What is on disk for a submission.
     *
     * @param report     the report read back; null when it could not be read
     * @param trust      what the manifest says of its bytes
     * @param requestKey the options it was graded with, as the manifest recorded them; null if unknown
     */
    public record Stored(Report report, BatchManifest.Trust trust, String requestKey) {
    }

    /**
     * What grading it now would use.
     *
     * @param graderVersion this grader's version
     * @param suiteHash     this grader's suite's hash
     * @param requestKey    the options, course, student and deadline, as {@link BatchManifest} records them
     * @param sourcesHash   the sources' SHA-256 ({@code Submission.hash}); null at a deadline
     * @param commit        the commit graded at a deadline; null otherwise
     */
    public record Current(String graderVersion, String suiteHash, String requestKey,
                          String sourcesHash, String commit) {
    }

    /**
     * Whether a limit cut the grading short: one of {@link #CUT_SHORT_EVENTS} happened and tests
     * were left without running. (An event alone is not enough: a grader's file changed under a
     * run whose tests all ran, as the class-data cache shared by the graders of one machine can
     * be, leaves nothing unknown.)
     */
    static boolean cutShort(Report report) {
        return report.events() != null && report.events().stream().anyMatch(e -> CUT_SHORT_EVENTS.contains(e.type()))
                && report.exercises() != null && report.exercises().stream()
                .flatMap(e -> e.tests().stream()).anyMatch(t -> "not_run".equals(t.status()));
    }

    /** Decides; {@code stored} is null when there is no report. */
    public static ResumeDecision decide(boolean force, Stored stored, Current current) {
        if (stored == null) {
            return NEW;
        }
        if (force) {
            return FORCED;
        }
        if (stored.trust() == BatchManifest.Trust.EDITED) {
            return EDITED;
        }
        if (stored.trust() == BatchManifest.Trust.UNKNOWN) {
            return UNTRUSTED;
        }
        Report report = stored.report();
        if (report == null || !"graded".equals(report.status()) || report.graded() == null) {
            return RETRY;
        }
        if (cutShort(report)) {
            return CUT_SHORT;
        }
        Report.GradedWith graded = report.graded();
        if (!current.graderVersion().equals(graded.graderVersion())) {
            return GRADER_CHANGED;
        }
        if (!current.suiteHash().equals(graded.suiteHash())) {
            return SUITE_CHANGED;
        }
        if (!current.requestKey().equals(stored.requestKey())) {
            return OPTIONS_CHANGED;
        }
        boolean same = current.commit() != null ? current.commit().equals(graded.commit())
                : graded.commit() == null && current.sourcesHash().equals(graded.submissionHash());
        return same ? UNCHANGED : SOURCES_CHANGED;
    }
}
