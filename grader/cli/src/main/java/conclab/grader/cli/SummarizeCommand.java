package conclab.grader.cli;

import conclab.grader.io.AtomicFile;
import conclab.grader.summary.ClassReports;
import conclab.grader.summary.Dashboard;
import conclab.grader.summary.Gradebook;
import conclab.grader.summary.Submission;
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

/** {@code summarize REPORTS/ --out DIR}: the class's gradebook and dashboard. */
@Command(name = "summarize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Reads every JSON report in REPORTS (the reports of several shards may be copied",
                "into one folder) and writes gradebook.csv and dashboard.html, a single page that",
                "needs no network.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:bad input (no such folder, no report in it, an unwritable --out)"})
final class SummarizeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REPORTS", description = "The folder of JSON reports.")
    private Path reports;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Where gradebook.csv and dashboard.html go (default: the current folder).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<String> warnings = new ArrayList<>();
        List<Submission> submissions;
        try {
            submissions = ClassReports.load(reports, warning -> {
                warnings.add(warning);
                err.println(warning);
            });
        } catch (IllegalArgumentException e) {
            err.println("conclab-grader: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        Path gradebook = out.resolve("gradebook.csv");
        Path dashboard = out.resolve("dashboard.html");
        try {
            Files.createDirectories(out);
            AtomicFile.checkWritable(gradebook);
        } catch (IOException e) {
            err.println("conclab-grader: cannot write to " + out + " (" + e.getMessage()
                    + "): give --out a folder you can write to");
            return Main.BAD_INPUT;
        }
        AtomicFile.write(gradebook, Gradebook.bytes(submissions));
        AtomicFile.write(dashboard, Dashboard.html(submissions, warnings).getBytes(StandardCharsets.UTF_8));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%d submissions: %s, %s%n", submissions.size(), gradebook, dashboard);
        stdout.flush();
        return Main.GRADED;
    }
}
