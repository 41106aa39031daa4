package conclab.grader.cli;

import conclab.grader.format.ReportFormat;
import conclab.grader.format.View;
import conclab.grader.io.AtomicFile;
import conclab.grader.report.Report;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --format}, {@code --format-out} and {@code --view}: a second file beside the native
 * report, in another format and for a chosen reader. The native report ({@code --out}) is always
 * written whole, since the batch tools read it back. {@code grade-all}, which writes a file per
 * submission where it chooses, has a {@code --format} and {@code --view} of its own with the
 * same converters.
 */
final class FormatOptions {

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "Also write the report as FORMAT: json, gradescope, github or junit-xml.")
    private ReportFormat format;

    @Option(names = "--format-out", paramLabel = "FILE",
            description = "Where the --format file goes (default: beside --out, named results.json for gradescope,"
                    + " github-result.json, TEST-conclab.xml, report-VIEW.json for json).")
    private Path formatOut;

    @Option(names = "--view", paramLabel = "VIEW", converter = ViewConverter.class,
            description = "Who the --format file is for: instructor (everything) or student (hidden tests"
                    + " counted, never named). Default: student for github and junit-xml, instructor otherwise.")
    private View view;

    /** A problem with these options and --out, in one line; null when there is none. */
    String check(Path out) {
        if (format == null) {
            return formatOut != null || view != null
                    ? "--format-out and --view choose where and for whom --format writes: give --format too, e.g. --format gradescope"
                    : null;
        }
        if (target(out).toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            return "--format-out " + target(out) + " is the file of --out, which always gets the native report:"
                    + " give --format-out another file";
        }
        try {
            AtomicFile.checkWritable(target(out));
            return null;
        } catch (IOException e) {
            return "cannot write the " + format.cliName() + " report to " + target(out) + " (" + e.getMessage()
                    + "): give --format-out a file in a folder that exists and that you may write to";
        }
    }

    /** Writes the --format file for {@code report}, if one was asked for; returns its description. */
    String write(Report report, Path out) throws IOException {
        if (format == null) {
            return null;
        }
        View shown = view();
        AtomicFile.write(target(out), format.render(report, shown));
        return target(out) + " (" + format.cliName() + ", " + shown.cliName() + " view)";
    }

    /** The view asked for, or the format's own default. */
    View view() {
        return view != null ? view : format.defaultView();
    }

    private Path target(Path out) {
        if (formatOut != null) {
            return formatOut;
        }
        Path folder = out.toAbsolutePath().getParent();
        return folder.resolve(format.defaultFile(view()));
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.named(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ViewConverter implements CommandLine.ITypeConverter<View> {
        @Override
        public View convert(String value) {
            try {
                return View.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a view: use instructor or student");
            }
        }
    }
}
