package conclab.grader.cli;

import conclab.grader.Grader;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar conclab-grader.jar COMMAND ...} */
@Command(name = "conclab-grader", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Grades conclab submissions against the pristine public and hidden tests.",
        subcommands = {GradeCommand.class, GradeAllCommand.class, SnapshotCommand.class, SummarizeCommand.class,
                ExportStarterCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Graded, whatever the score. */
    public static final int GRADED = 0;
    /** The grader itself failed; the report says why. */
    public static final int GRADER_FAILED = 1;
    /** The command line or the submission was not usable. */
    public static final int BAD_INPUT = 2;
    /** Graded, and the score is below {@code --fail-below}. */
    public static final int BELOW_THRESHOLD = 3;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        OptionalInt relaunched = Relaunch.run(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        Relaunch.watchLauncher();
        if (args.length > 0 && args[0].equals("grade")) {
            Grader.beginAhead();
        }
        int status = commandLine().execute(args);
        Relaunch.record(status);
        System.exit(status);
    }

    /** The configured command line, for {@link #main} and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    // a defect of the grader, not of the input: say so in one line
                    commandLine.getErr().println("conclab-grader: internal error: " + e);
                    return GRADER_FAILED;
                })
                .setParameterExceptionHandler((e, args) -> {
                    e.getCommandLine().getErr().println("conclab-grader: " + e.getMessage());
                    e.getCommandLine().getErr().println("Try 'conclab-grader "
                            + (e.getCommandLine().getCommandName().equals("conclab-grader") ? ""
                            : e.getCommandLine().getCommandName() + " ") + "--help'.");
                    return BAD_INPUT;
                });
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is missing, e.g. 'grade'");
    }

    /** The version, from the grader's build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"conclab-grader " + Grader.version(),
                    "JVM: " + System.getProperty("java.vendor") + " " + Runtime.version()};
        }
    }
}
