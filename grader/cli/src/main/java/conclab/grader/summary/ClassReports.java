package conclab.grader.summary;

import com.fasterxml.jackson.core.JacksonException;
import conclab.grader.report.Report;
import conclab.grader.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The reports of one folder as one class: the reports of several shards copied into one folder
 * merge by being there. Files whose names start with {@code .} (temporary files of an atomic
 * write, editors' files) are not read; a file that is not a report is named in a warning and
 * skipped.
 *
 * <p>Two reports of the same submission (the same student id, or without one the same
 * submission folder name), as when a shard regraded a submission another shard had graded: the
 * one graded last ({@code graded.startedAt}) counts, and a warning names the file left out.
 */
public final class ClassReports {

    private ClassReports() {
    }

    /**
     * @param folder the folder of reports
     * @param warn   told about every file skipped, one line each
     * @return the submissions, ordered by name
     * @throws IllegalArgumentException when the folder does not exist or holds no report
     */
    public static List<Submission> load(Path folder, Consumer<String> warn) throws IOException {
        return load(folder, warn, whole -> { }, left -> { });
    }

    /**
     * As {@link #load(Path, Consumer)}, handing each report, whole, to {@code each} as it is read
     * (before it is slimmed), so that its own pages are written without reading it twice; a
     * submission left out for a later report of the same student is handed to {@code dropped}.
     */
    public static List<Submission> load(Path folder, Consumer<String> warn, Consumer<Submission> each,
                                        Consumer<Submission> leftOut) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder: give the folder that"
                    + " holds the JSON reports (as written by grade --out or grade-all --out)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        Map<String, Submission> byIdentity = new LinkedHashMap<>();
        for (Path file : files) {
            Report report = read(file, warn);
            if (report == null) {
                continue;
            }
            each.accept(new Submission(file.getFileName().toString(), report, null));
            Submission submission = new Submission(file.getFileName().toString(), slim(report), file);
            Submission other = byIdentity.get(submission.identity());
            if (other == null) {
                byIdentity.put(submission.identity(), submission);
                continue;
            }
            boolean newer = submission.startedAt().compareTo(other.startedAt()) > 0;
            Submission kept = newer ? submission : other;
            Submission dropped = newer ? other : submission;
            byIdentity.put(submission.identity(), kept);
            leftOut.accept(dropped);
            warn.accept("warning: " + dropped.file() + " left out: " + kept.file() + " is a later"
                    + " report of the same " + submission.identity());
        }
        if (byIdentity.isEmpty()) {
            throw new IllegalArgumentException(folder + " holds no report: give the folder that"
                    + " holds the JSON reports (as written by grade --out or grade-all --out)");
        }
        List<Submission> submissions = new ArrayList<>(byIdentity.values());
        submissions.sort(Comparator.comparing(Submission::name).thenComparing(Submission::file));
        return submissions;
    }

    private static Report read(Path file, Consumer<String> warn) {
        String name = file.getFileName().toString();
        try {
            Report report = ReportWriter.read(file);
            if (!whole(report)) {
                warn.accept("warning: " + name + " skipped: it is not a conclab report (a status,"
                        + " an exercise's or a test's id or status is missing)");
                return null;
            }
            if (report.schemaVersion() != Report.SCHEMA_VERSION) {
                warn.accept("warning: " + name + " skipped: its schema version is "
                        + report.schemaVersion() + ", this grader reads " + Report.SCHEMA_VERSION);
                return null;
            }
            return report;
        } catch (JacksonException e) {
            warn.accept("warning: " + name + " skipped: it is not a conclab report ("
                    + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            warn.accept("warning: " + name + " skipped: it could not be read (" + e.getMessage() + ")");
        }
        return null;
    }

    /** Whether the report has what the summary reads without looking twice. */
    private static boolean whole(Report report) {
        return report != null && report.status() != null && report.exercises() != null
                && report.exercises().stream().allMatch(e -> e != null && e.id() != null
                && e.status() != null && e.tests() != null
                && e.tests().stream().allMatch(t -> t != null && t.id() != null && t.status() != null));
    }

    /** Characters of a test's message the class view keeps (the submission's page reads the whole report). */
    static final int MESSAGE_KEPT = 600;
    /** Compiler messages per exercise the class view keeps. */
    static final int DIAGNOSTICS_KEPT = 20;

    /**
     * What the class view keeps of a report: everything but the tests' output, hints and
     * measurements, messages cut to {@value #MESSAGE_KEPT} characters. A class of 200 then fits
     * a small heap; each submission's own page reads its report again, whole.
     */
    static Report slim(Report report) {
        List<conclab.grader.report.ExerciseResult> exercises = new ArrayList<>();
        for (conclab.grader.report.ExerciseResult e : report.exercises()) {
            List<conclab.grader.report.TestResult> tests = new ArrayList<>();
            for (conclab.grader.report.TestResult t : e.tests()) {
                String message = t.message() == null || t.message().length() <= MESSAGE_KEPT ? t.message()
                        : t.message().substring(0, MESSAGE_KEPT) + "…";
                tests.add(new conclab.grader.report.TestResult(t.id(), t.name(), t.visibility(), t.points(), t.earned(),
                        t.status(), t.durationMs(), t.attempts(), message == null ? null : message.intern(),
                        t.messageTruncated(), null, "", t.outputBytes(), t.outputTruncated(), Map.of()));
            }
            List<conclab.grader.submission.CompilerMessage> diagnostics = e.diagnostics().size() <= DIAGNOSTICS_KEPT
                    ? e.diagnostics() : e.diagnostics().subList(0, DIAGNOSTICS_KEPT);
            exercises.add(new conclab.grader.report.ExerciseResult(e.id(), e.status(), e.score(), e.maxScore(), e.weight(),
                    List.copyOf(diagnostics), List.copyOf(tests)));
        }
        return new Report(report.schemaVersion(), report.status(), report.message(), report.score(), report.maxScore(),
                report.weightedScore(), report.weightedMaxScore(), report.graded(), exercises,
                report.warnings() == null ? List.of() : report.warnings(),
                report.events() == null ? List.of() : report.events());
    }

    /**
     * What the reports were graded with, where they differ: their totals then do not compare
     * (a states-only report out of 11 beside a udp-only one out of 31). One line per way of
     * grading, with how many reports; empty when every graded report agrees.
     */
    public static List<String> mixedOptions(List<Submission> submissions) {
        Map<String, Integer> ways = new java.util.TreeMap<>();
        for (Submission s : submissions) {
            Report.GradedWith g = s.report().graded();
            if (!s.submitted() || g == null || !"graded".equals(s.report().status())) {
                continue;
            }
            String exercises = s.report().exercises().stream()
                    .map(e -> e.id() + (e.weight() == 1 ? "" : "×" + conclab.grader.report.Points.format(e.weight())))
                    .sorted().collect(java.util.stream.Collectors.joining(", "));
            String way = "exercises " + exercises + (g.course() == null ? "" : ", course " + g.course().course()
                    + (g.course().assignment() == null ? "" : " / " + g.course().assignment()))
                    + ", grader " + g.graderVersion() + ", suite " + (g.suiteHash() == null ? "?" : g.suiteHash().substring(0, Math.min(8, g.suiteHash().length())));
            ways.merge(way, 1, Integer::sum);
        }
        if (ways.size() <= 1) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("warning: the reports were graded in " + ways.size() + " different ways, so their totals do not"
                + " compare; grade them again with the same options (grade-all --force) or summarize each group on its own:");
        ways.forEach((way, count) -> lines.add("  " + count + " report" + (count == 1 ? "" : "s") + " with " + way));
        return lines;
    }

    /**
     * The submissions with a row for every student of {@code roster} who has no report, status
     * {@value Submission#NOT_SUBMITTED}, out of the class's usual weighted maximum. A report
     * matches a student by the id its grading recorded, else by its folder's name.
     */
    public static List<Submission> withRoster(List<Submission> submissions, conclab.grader.batch.Roster roster) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        java.util.Set<String> folders = new java.util.HashSet<>();
        for (Submission s : submissions) {
            if (s.studentId() != null) {
                ids.add(s.studentId());
            }
            folders.add(conclab.grader.batch.Roster.normalized(s.name()));
        }
        double max = usualMax(submissions);
        List<Submission> all = new ArrayList<>(submissions);
        roster.students().forEach((folder, student) -> {
            if (ids.contains(student.id()) || folders.contains(folder)) {
                return;
            }
            Report.GradedWith graded = new Report.GradedWith(null, null, folder, null, null, null, null, 0, 0, null, null,
                    student, null, null, null, null);
            all.add(new Submission(conclab.grader.batch.ReportName.of(folder), new Report(Report.SCHEMA_VERSION,
                    Submission.NOT_SUBMITTED, "no report: the roster names this student, the reports folder has nothing of theirs",
                    0, 0, 0, max, graded, List.of(), List.of(), List.of())));
        });
        all.sort(Comparator.comparing(Submission::name).thenComparing(Submission::file));
        return all;
    }

    /** The weighted maximum most graded reports have: what a student who submitted nothing is out of. */
    static double usualMax(List<Submission> submissions) {
        Map<Double, Integer> counts = new java.util.HashMap<>();
        submissions.stream().filter(s -> "graded".equals(s.report().status()))
                .forEach(s -> counts.merge(s.report().weightedMaxScore(), 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.<Double, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse(0.0);
    }

    /** Every exercise id in the class, sorted. */
    public static List<String> exercises(List<Submission> submissions) {
        TreeSet<String> ids = new TreeSet<>();
        submissions.forEach(s -> s.report().exercises().forEach(e -> ids.add(e.id())));
        return List.copyOf(ids);
    }
}
