package conclab.grader.cli;

import conclab.grader.io.AtomicFile;
import conclab.grader.summary.ClassReports;
import conclab.grader.summary.Dashboard;
import conclab.grader.summary.Gradebook;
import conclab.grader.summary.StudentPage;
import conclab.grader.summary.Submission;
import conclab.grader.batch.Roster;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code summarize REPORTS/ --out DIR}: the class's gradebook, dashboard, and a page per student. */
@Command(name = "summarize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Reads every JSON report in REPORTS (the reports of several shards may be copied",
                "into one folder) and writes gradebook.csv, dashboard.html (one page that needs no",
                "network), students/NAME.html (each submission's tests, timelines and charts) and",
                "feedback/NAME.html (the page to hand a student: hidden tests counted, never named).", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:bad input (no such folder, no report in it, a bad roster, an unwritable --out)"})
final class SummarizeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REPORTS", description = "The folder of JSON reports.")
    private Path reports;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Where the files go (default: the current folder).")
    private Path out;

    @Option(names = "--roster", paramLabel = "FILE",
            description = "The roster (folder,id,name): every student on it gets a row, submitted or not.")
    private Path rosterFile;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<String> warnings = new ArrayList<>();
        List<Submission> submissions;
        Roster roster;
        try {
            roster = rosterFile == null ? Roster.NONE : Roster.read(rosterFile);
        } catch (Roster.InvalidRoster e) {
            err.println("conclab-grader: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        Path students = out.resolve("students");
        Path feedback = out.resolve("feedback");
        try {
            Files.createDirectories(students);
            Files.createDirectories(feedback);
            AtomicFile.checkWritable(out.resolve("gradebook.csv"));
        } catch (IOException e) {
            err.println("conclab-grader: cannot write to " + out + " (" + e.getMessage()
                    + "): give --out a folder you can write to");
            return Main.BAD_INPUT;
        }
        try {
            // each report's own pages as it is read, whole: a class of hundreds never sits in memory at once
            submissions = ClassReports.load(reports, warning -> {
                warnings.add(warning);
                err.println(warning);
            }, whole -> pages(whole, students, feedback), leftOut -> {
                try {
                    Files.deleteIfExists(students.resolve(leftOut.page()));
                    Files.deleteIfExists(feedback.resolve(leftOut.page()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (IllegalArgumentException e) {
            err.println("conclab-grader: " + e.getMessage());
            return Main.BAD_INPUT;
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        for (String line : ClassReports.mixedOptions(submissions)) {
            warnings.add(line);
            err.println(line);
        }
        if (!roster.students().isEmpty()) {
            int before = submissions.size();
            submissions = ClassReports.withRoster(submissions, roster);
            java.util.Set<String> ids = new java.util.HashSet<>();
            roster.students().values().forEach(st -> ids.add(st.id()));
            List<String> strangers = submissions.stream().filter(Submission::submitted)
                    .filter(s -> (s.studentId() == null || !ids.contains(s.studentId())) && roster.student(s.name()) == null)
                    .map(Submission::name).toList();
            if (!strangers.isEmpty()) {
                String line = "warning: " + strangers.size() + " reports are of no student on the roster: " + String.join(", ", strangers);
                warnings.add(line);
                err.println(line);
            }
            int absent = submissions.size() - before;
            if (absent > 0) {
                warnings.add(absent + " students on the roster have no report: listed as not submitted, 0 points");
            }
        }
        Path gradebook = out.resolve("gradebook.csv");
        Path dashboard = out.resolve("dashboard.html");
        AtomicFile.write(gradebook, Gradebook.bytes(submissions));
        AtomicFile.write(dashboard, Dashboard.html(submissions, warnings).getBytes(StandardCharsets.UTF_8));
        PrintWriter stdout = spec.commandLine().getOut();
        long submitted = submissions.stream().filter(Submission::submitted).count();
        stdout.printf("%d submissions%s: %s, %s, a page per student in %s and %s%n", submitted,
                submitted == submissions.size() ? "" : " (" + (submissions.size() - submitted) + " on the roster without one)",
                gradebook, dashboard, out.resolve("students"), out.resolve("feedback"));
        stdout.flush();
        return Main.GRADED;
    }

    /** A submission's two pages, from its whole report. */
    private static void pages(Submission whole, Path students, Path feedback) {
        try {
            AtomicFile.write(students.resolve(whole.page()),
                    StudentPage.instructors(whole, whole.report(), "../dashboard.html").getBytes(StandardCharsets.UTF_8));
            AtomicFile.write(feedback.resolve(whole.page()),
                    StudentPage.feedback(whole, whole.report()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
