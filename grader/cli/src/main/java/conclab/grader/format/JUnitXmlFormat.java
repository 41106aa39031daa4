package conclab.grader.format;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as CI test viewers read it (Jenkins, GitLab, GitHub test reporters, all following
 * Ant's and Surefire's files): {@code <testsuites>} with one {@code <testsuite>} per exercise, one
 * {@code <testcase>} per test, and in it {@code <failure>} (a failed assertion), {@code <error>}
 * (an error, a timeout, a test that could not run) or {@code <skipped>}, then {@code <system-out>}.
 * Points have no place in the format: they go in each suite's {@code <properties>}.
 */
final class JUnitXmlFormat {

    private JUnitXmlFormat() {
    }

    static byte[] render(Report report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "conclab");
            // an ungraded report has one suite of one error that says why
            int ungraded = report.status().equals("graded") ? 0 : 1;
            int compilations = (int) report.exercises().stream().filter(e -> !e.diagnostics().isEmpty()).count();
            xml.writeAttribute("tests", String.valueOf(
                    report.exercises().stream().mapToInt(e -> e.tests().size()).sum() + ungraded + compilations));
            xml.writeAttribute("failures", String.valueOf(count(report, "failure")));
            xml.writeAttribute("errors", String.valueOf(count(report, "error") + ungraded + compilations));
            xml.writeAttribute("time", seconds(report.graded() == null ? 0 : report.graded().durationMs()));
            if (ungraded == 1) {
                xml.writeStartElement("testsuite");
                suiteAttributes(xml, "grading", 1, 0, 1, 0, 0);
                xml.writeStartElement("testcase");
                xml.writeAttribute("name", "grading");
                xml.writeAttribute("classname", "conclab");
                xml.writeAttribute("time", "0");
                xml.writeStartElement("error");
                xml.writeAttribute("type", report.status());
                xml.writeAttribute("message", clean(firstLine(report.message())));
                xml.writeCharacters(clean(report.message()));
                xml.writeEndElement();
                xml.writeEndElement();
                xml.writeEndElement();
            }
            for (ExerciseResult exercise : report.exercises()) {
                suite(xml, exercise);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JUnit XML could not be written", e);
        }
        return bytes.toByteArray();
    }

    private static void suite(XMLStreamWriter xml, ExerciseResult exercise) throws XMLStreamException {
        xml.writeStartElement("testsuite");
        // the compiler's messages are one more case, an error, where viewers show them
        int compilation = exercise.diagnostics().isEmpty() ? 0 : 1;
        suiteAttributes(xml, exercise.id(), exercise.tests().size() + compilation, count(exercise, "failure"),
                count(exercise, "error") + compilation, count(exercise, "skipped"),
                exercise.tests().stream().mapToLong(TestResult::durationMs).sum());
        xml.writeStartElement("properties");
        property(xml, "status", exercise.status());
        property(xml, "score", String.valueOf(exercise.score()));
        property(xml, "maxScore", String.valueOf(exercise.maxScore()));
        property(xml, "weight", Feedback.number(exercise.weight()));
        property(xml, "weightedScore", conclab.grader.report.Points.format(conclab.grader.report.Points.weighted(exercise)));
        property(xml, "weightedMaxScore", conclab.grader.report.Points.format(conclab.grader.report.Points.weightedMax(exercise)));
        xml.writeEndElement();
        if (compilation == 1) {
            xml.writeStartElement("testcase");
            xml.writeAttribute("name", "compilation");
            xml.writeAttribute("classname", "conclab." + clean(exercise.id()));
            xml.writeAttribute("time", "0");
            xml.writeStartElement("error");
            xml.writeAttribute("type", "compile_error");
            String diagnostics = Feedback.diagnostics(exercise);
            xml.writeAttribute("message", clean(exercise.id() + " did not compile: " + firstLine(diagnostics)));
            xml.writeCharacters(clean(diagnostics));
            xml.writeEndElement();
            xml.writeEndElement();
        }
        for (TestResult test : exercise.tests()) {
            xml.writeStartElement("testcase");
            String className = className(exercise.id(), test.id());
            xml.writeAttribute("name", clean(caseName(className, test.name())));
            xml.writeAttribute("classname", clean(className));
            xml.writeAttribute("time", seconds(test.durationMs()));
            String element = element(test.status());
            if (element != null) {
                xml.writeStartElement(element);
                xml.writeAttribute("type", test.status());
                xml.writeAttribute("message", clean(firstLine(test.message())));
                xml.writeCharacters(clean(Feedback.verdict(test)));
                xml.writeEndElement();
            }
            if (test.output() != null && !test.output().isEmpty()) {
                xml.writeStartElement("system-out");
                xml.writeCharacters(clean(test.output()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void suiteAttributes(XMLStreamWriter xml, String name, int tests, int failures,
                                        int errors, int skipped, long millis) throws XMLStreamException {
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", String.valueOf(tests));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", String.valueOf(errors));
        xml.writeAttribute("skipped", String.valueOf(skipped));
        xml.writeAttribute("time", seconds(millis));
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    /** The element a test's status becomes; null for a pass. */
    static String element(String status) {
        return switch (status) {
            case "passed" -> null;
            case "failed" -> "failure";
            case "skipped" -> "skipped";
            // error, timeout, not_run: the test did not come to a verdict
            default -> "error";
        };
    }

    private static int count(ExerciseResult exercise, String element) {
        return (int) exercise.tests().stream().filter(t -> element.equals(element(t.status()))).count();
    }

    private static int count(Report report, String element) {
        return report.exercises().stream().mapToInt(e -> count(e, element)).sum();
    }

    /** The test class ({@code conclab.udp.UdpEchoServerTest}), or the exercise for a withheld group. */
    private static String className(String exercise, String id) {
        int hash = id.indexOf('#');
        return hash > 0 ? id.substring(0, hash) : "conclab." + exercise;
    }

    /** {@code UdpTest > echoes()} is {@code echoes()}: viewers show the class beside it already. */
    private static String caseName(String className, String name) {
        String prefix = className.substring(className.lastIndexOf('.') + 1) + " > ";
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    /**
     * Replaces what XML 1.0 cannot hold (most control characters, lone surrogates), which a
     * student's output may well contain, so that every viewer can parse the file.
     */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            out.appendCodePoint(allowed ? c : 0xFFFD);
            i += Character.charCount(c);
        }
        return out.toString();
    }
}
