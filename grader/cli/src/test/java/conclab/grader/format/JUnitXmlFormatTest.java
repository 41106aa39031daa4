package conclab.grader.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.Report;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Checks the JUnit XML with a real parser and against a schema of what CI viewers read
 * ({@code junit-xml.xsd} beside this test): one suite per exercise, counts that match the cases,
 * the element each status becomes, and text a student's output cannot break.
 */
class JUnitXmlFormatTest {

    private static final Schema SCHEMA = schema();

    private static Schema schema() {
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(JUnitXmlFormatTest.class.getResource("junit-xml.xsd"));
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void validate(byte[] xml) throws Exception {
        SCHEMA.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    private static Document parse(byte[] xml) throws Exception {
        validate(xml);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static int count(Element suite, String verdict) {
        return (int) children(suite, "testcase").stream().filter(c -> !children(c, verdict).isEmpty()).count();
    }

    @Test
    void oneSuitePerExerciseWithCountsThatMatchItsCases() throws Exception {
        Report report = SampleReports.mixed();
        Element root = parse(ReportFormat.JUNIT_XML.render(report, View.INSTRUCTOR)).getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        List<Element> suites = children(root, "testsuite");
        assertEquals(List.of("udp", "tcp"), suites.stream().map(s -> s.getAttribute("name")).toList());
        int tests = 0;
        int failures = 0;
        int errors = 0;
        for (Element suite : suites) {
            int cases = children(suite, "testcase").size();
            assertEquals(cases, Integer.parseInt(suite.getAttribute("tests")));
            assertEquals(count(suite, "failure"), Integer.parseInt(suite.getAttribute("failures")));
            assertEquals(count(suite, "error"), Integer.parseInt(suite.getAttribute("errors")));
            assertEquals(count(suite, "skipped"), Integer.parseInt(suite.getAttribute("skipped")));
            tests += cases;
            failures += count(suite, "failure");
            errors += count(suite, "error");
        }
        assertEquals(12, tests, "11 tests and tcp's compilation");
        assertEquals(tests, Integer.parseInt(root.getAttribute("tests")));
        assertEquals(failures, Integer.parseInt(root.getAttribute("failures")));
        assertEquals(errors, Integer.parseInt(root.getAttribute("errors")));
        assertEquals("4.321", root.getAttribute("time"));
    }

    @Test
    void eachStatusBecomesTheElementViewersShow() throws Exception {
        Element udp = children(parse(ReportFormat.JUNIT_XML.render(SampleReports.mixed(), View.INSTRUCTOR))
                .getDocumentElement(), "testsuite").get(0);
        List<Element> cases = children(udp, "testcase");
        List<String> verdicts = cases.stream().map(c -> children(c, "failure").isEmpty()
                ? children(c, "error").isEmpty() ? children(c, "skipped").isEmpty() ? "pass" : "skipped" : "error"
                : "failure").toList();
        assertEquals(List.of("pass", "failure", "error", "error", "error", "skipped", "failure", "pass", "failure"), verdicts);
        Element failed = cases.get(1);
        assertEquals("servesInterleavedClients()", failed.getAttribute("name"));
        assertEquals("conclab.udp.UdpEchoServerTest", failed.getAttribute("classname"));
        assertEquals("0.120", failed.getAttribute("time"));
        Element failure = children(failed, "failure").get(0);
        assertEquals("expected 5 replies, got 2", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("Hint: Serve each datagram as it comes."));
        assertEquals("timeout", children(cases.get(3), "error").get(0).getAttribute("type"));
        assertEquals("server up on 127.0.0.1:40000\n", children(cases.get(0), "system-out").get(0).getTextContent());
        Element properties = children(udp, "properties").get(0);
        assertEquals("2", children(properties, "property").stream()
                .filter(p -> p.getAttribute("name").equals("weight")).findFirst().orElseThrow().getAttribute("value"));
    }

    @Test
    void outputThatXmlCannotHoldIsReplacedNotFatal() throws Exception {
        Element udp = children(parse(ReportFormat.JUNIT_XML.render(SampleReports.mixed(), View.INSTRUCTOR))
                .getDocumentElement(), "testsuite").get(0);
        String out = children(children(udp, "testcase").get(2), "system-out").get(0).getTextContent();
        assertEquals("bell\uFFFD nul\uFFFD escape\uFFFD[31m < & > ]]> 你好\n", out);
        // the same text written as it is makes a file no parser accepts
        byte[] raw = ("<testsuites tests=\"0\" failures=\"0\" errors=\"0\"><testsuite name=\"x\" tests=\"0\""
                + " failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\"><system-out>nul\u0000</system-out>"
                + "</testsuite></testsuites>").getBytes(StandardCharsets.UTF_8);
        assertThrows(SAXException.class, () -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(raw)));
    }

    @Test
    void theSchemaRejectsWhatViewersCannotRead() {
        byte[] noName = ("<testsuites tests=\"1\" failures=\"0\" errors=\"0\"><testsuite name=\"udp\" tests=\"1\""
                + " failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\"><testcase classname=\"c\" time=\"0\"/>"
                + "</testsuite></testsuites>").getBytes(StandardCharsets.UTF_8);
        assertThrows(SAXException.class, () -> validate(noName));
        byte[] twoVerdicts = ("<testsuites tests=\"1\" failures=\"1\" errors=\"1\"><testsuite name=\"udp\" tests=\"1\""
                + " failures=\"1\" errors=\"1\" skipped=\"0\" time=\"0\"><testcase name=\"t\" classname=\"c\" time=\"0\">"
                + "<failure/><error/></testcase></testsuite></testsuites>").getBytes(StandardCharsets.UTF_8);
        assertThrows(SAXException.class, () -> validate(twoVerdicts));
    }

    @Test
    void anExerciseThatDidNotCompileCarriesTheCompilersMessages() throws Exception {
        byte[] xml = ReportFormat.JUNIT_XML.render(SampleReports.mixed(), View.STUDENT);
        validate(xml);
        List<Element> suites = children(parse(xml).getDocumentElement(), "testsuite");
        Element compilation = children(suites.get(1), "testcase").get(0);
        assertEquals("compilation", compilation.getAttribute("name"));
        Element error = children(compilation, "error").get(0);
        assertEquals("compile_error", error.getAttribute("type"));
        assertTrue(error.getTextContent().contains("conclab/tcp/TcpEchoServer.java:12:5: ERROR: ';' expected"),
                error.getTextContent());
        assertTrue(children(suites.get(0), "testcase").stream().noneMatch(c -> c.getAttribute("name").equals("compilation")),
                "udp compiled: no such case");
    }

    @Test
    void anUngradedSubmissionIsOneErrorThatSaysWhy() throws Exception {
        Element root = parse(ReportFormat.JUNIT_XML.render(SampleReports.invalid(), View.STUDENT)).getDocumentElement();
        assertEquals("1", root.getAttribute("tests"));
        assertEquals("1", root.getAttribute("errors"));
        Element error = children(children(children(root, "testsuite").get(0), "testcase").get(0), "error").get(0);
        assertEquals("invalid_submission", error.getAttribute("type"));
        assertTrue(error.getAttribute("message").contains("no Java sources"));
    }
}
