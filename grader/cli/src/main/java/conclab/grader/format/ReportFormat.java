package conclab.grader.format;

import conclab.grader.report.Report;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The formats a report can be written in, each with the view it gets unless told otherwise and
 * the file name it goes to by default.
 */
public enum ReportFormat {
    /** The native report, as {@code ReportWriter} writes and reads it. */
    JSON("json", View.INSTRUCTOR, null, NativeJsonFormat::render),
    /** Gradescope's {@code results.json}; Gradescope applies each test's visibility itself. */
    GRADESCOPE("gradescope", View.INSTRUCTOR, "results.json", r -> GradescopeFormat.render(r, View.INSTRUCTOR)),
    /** The result GitHub Classroom's autograding reporter reads; its log is read by students. */
    GITHUB("github", View.STUDENT, "github-result.json", GitHubClassroomFormat::render),
    /** JUnit XML for CI test viewers, which students often see too. */
    JUNIT_XML("junit-xml", View.STUDENT, "TEST-conclab.xml", JUnitXmlFormat::render);

    private final String cliName;
    private final View defaultView;
    private final String defaultFile;
    private final Function<Report, byte[]> renderer;

    ReportFormat(String cliName, View defaultView, String defaultFile, Function<Report, byte[]> renderer) {
        this.cliName = cliName;
        this.defaultView = defaultView;
        this.defaultFile = defaultFile;
        this.renderer = renderer;
    }

    /** The report in this format, as {@code view} shows it. */
    public byte[] render(Report report, View view) {
        if (this == GRADESCOPE) {
            return GradescopeFormat.render(view.apply(report), view);
        }
        return renderer.apply(view.apply(report));
    }

    /** The name on the command line, e.g. {@code junit-xml}. */
    public String cliName() {
        return cliName;
    }

    /** The view used when none is asked for. */
    public View defaultView() {
        return defaultView;
    }

    /** The file written when none is named; for the native JSON it says the view. */
    public String defaultFile(View view) {
        return this == JSON ? "report-" + view.cliName() + ".json" : defaultFile;
    }

    /** The format of that command-line name. */
    public static ReportFormat named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.cliName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a report format: use one of "
                        + Arrays.stream(values()).map(ReportFormat::cliName).collect(Collectors.joining(", "))));
    }
}
