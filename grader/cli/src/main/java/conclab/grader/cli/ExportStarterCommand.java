package conclab.grader.cli;

import conclab.grader.course.Course;
import conclab.grader.starter.StarterBundle;
import conclab.grader.starter.StarterExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code export-starter DIR}: writes the students' repository. */
@Command(name = "export-starter", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Writes the students' starter repository into DIR: the stubs and public tests,",
                "the harness and lab helper as sources, a pom.xml with the Maven wrapper",
                "(./mvnw test ends with the score table), READMEs in English and Chinese,",
                "a .gitignore and a GitHub Actions workflow. Never a reference solution or a",
                "hidden test.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the export failed (nothing is left behind)",
                "2:bad input (DIR not empty, an unknown exercise, a bad course file)"})
final class ExportStarterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A new or empty folder.")
    private Path dir;

    @Option(names = "--course", paramLabel = "FILE",
            description = "A course file (JSON): export only the exercises it includes; --exercises narrows it further.")
    private Path courseFile;

    @Option(names = "--exercises", paramLabel = "ID", split = ",",
            description = "Export only these exercises, e.g. udp,tcp (default: all, or the course file's).")
    private List<String> exercises = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> chosen = exercises;
        if (courseFile != null) {
            try {
                chosen = Course.read(courseFile).narrowed(exercises);
            } catch (Course.OutsideCourse e) {
                err.println("conclab-grader: course file " + courseFile + ": " + e.getMessage());
                return Main.BAD_INPUT;
            } catch (Course.InvalidCourse e) {
                err.println("conclab-grader: " + e.getMessage());
                return Main.BAD_INPUT;
            }
        }
        try {
            StarterExport export = new StarterExport(StarterBundle.read());
            export.write(dir, chosen);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Starter repository written to " + dir + " ("
                    + (chosen.isEmpty() ? String.join(", ", export.exercises()) : String.join(", ", chosen))
                    + "): students run ./mvnw test there.");
            out.flush();
            return 0;
        } catch (StarterExport.InvalidExport e) {
            err.println("conclab-grader: " + e.getMessage());
            return Main.BAD_INPUT;
        } catch (IOException e) {
            err.println("conclab-grader: could not write the starter repository to " + dir + ": " + e);
            return Main.GRADER_FAILED;
        }
    }
}
