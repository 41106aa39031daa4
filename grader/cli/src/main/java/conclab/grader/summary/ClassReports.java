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
            Submission submission = new Submission(file.getFileName().toString(), report);
            Submission other = byIdentity.get(submission.identity());
            if (other == null) {
                byIdentity.put(submission.identity(), submission);
                continue;
            }
            boolean newer = submission.startedAt().compareTo(other.startedAt()) > 0;
            Submission kept = newer ? submission : other;
            Submission dropped = newer ? other : submission;
            byIdentity.put(submission.identity(), kept);
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

    /** Every exercise id in the class, sorted. */
    public static List<String> exercises(List<Submission> submissions) {
        TreeSet<String> ids = new TreeSet<>();
        submissions.forEach(s -> s.report().exercises().forEach(e -> ids.add(e.id())));
        return List.copyOf(ids);
    }
}
