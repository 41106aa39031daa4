package conclab.grader.batch;

import conclab.grader.report.Report;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The end of a batch, for the instructor: what became of the submissions, which could not be
 * graded and why, which reports had been changed by hand and were graded again, and how the
 * folders and the roster disagree.
 *
 * @param outcomes    what became of each submission of this shard
 * @param notOnRoster folders graded that the roster does not name (empty without a roster)
 * @param missing     roster folders with no submission folder in the class folder
 * @param seconds     wall time of the batch
 */
public record BatchSummary(List<BatchGrader.Outcome> outcomes, List<String> notOnRoster,
                           List<String> missing, double seconds) {

    /** The summary of a batch over {@code allFolders} (every shard's) with {@code roster}. */
    public static BatchSummary of(List<BatchGrader.Outcome> outcomes, List<String> allFolders,
                                  Roster roster, double seconds) {
        List<String> notOnRoster = new ArrayList<>();
        if (!roster.students().isEmpty()) {
            outcomes.stream().map(BatchGrader.Outcome::folder).filter(f -> roster.student(f) == null)
                    .forEach(notOnRoster::add);
        }
        Set<String> present = new TreeSet<>();
        allFolders.forEach(f -> present.add(Roster.normalized(f)));
        List<String> missing = roster.students().keySet().stream().filter(f -> !present.contains(f)).toList();
        return new BatchSummary(outcomes, notOnRoster, missing, seconds);
    }

    public long count(BatchGrader.Kind kind) {
        return outcomes.stream().filter(o -> o.kind() == kind).count();
    }

    /** Whether the grader itself failed on any submission. */
    public boolean anyErrors() {
        return count(BatchGrader.Kind.ERROR) > 0;
    }

    public void print(PrintWriter out, java.nio.file.Path reports) {
        long graded = count(BatchGrader.Kind.GRADED) + count(BatchGrader.Kind.COMPILE_ERROR);
        out.printf("%d submissions: %d graded (%d with exercises that did not compile), %d invalid,"
                        + " %d errors, %d unchanged and kept; %.1f s%n",
                outcomes.size(), graded, count(BatchGrader.Kind.COMPILE_ERROR), count(BatchGrader.Kind.INVALID),
                count(BatchGrader.Kind.ERROR), count(BatchGrader.Kind.SKIPPED), seconds);
        if (graded > 0) {
            out.printf("  %.1f submissions per minute graded%n", graded * 60 / seconds);
        }
        list(out, "invalid (a report says why)", outcomes.stream().filter(o -> o.kind() == BatchGrader.Kind.INVALID)
                .map(o -> o.folder() + ": " + o.problem()).toList());
        list(out, "errors: the grader failed on", outcomes.stream().filter(o -> o.kind() == BatchGrader.Kind.ERROR)
                .map(o -> o.folder() + ": " + (o.problem() == null ? "" : o.problem().lines().findFirst().orElse(""))).toList());
        list(out, "reports changed on disk since the grader wrote them, or not recorded as its own: graded again",
                outcomes.stream().filter(o -> o.decision() == ResumeDecision.EDITED || o.decision() == ResumeDecision.UNTRUSTED)
                        .map(o -> o.reportName() + " (" + o.decision().description() + ")").toList());
        list(out, "git dates or history to check (a commit's dates are the student's; see the reports' git_dates events)",
                outcomes.stream().filter(o -> o.report() != null && o.report().events() != null
                                && o.report().events().stream().anyMatch(e -> e.type().equals(BatchGrader.GIT_EVENT)))
                        .map(o -> o.folder() + ": " + o.report().events().stream().filter(e -> e.type().equals(BatchGrader.GIT_EVENT))
                                .map(Report.RunEventRecord::detail).findFirst().orElse("")).toList());
        list(out, "graded but not on the roster", notOnRoster);
        list(out, "on the roster but no submission folder (missing)", missing);
        out.println("Reports: " + reports);
        out.flush();
    }

    private static void list(PrintWriter out, String heading, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        out.printf("  %s (%d):%n", heading, items.size());
        items.forEach(item -> out.println("    " + item));
    }
}
