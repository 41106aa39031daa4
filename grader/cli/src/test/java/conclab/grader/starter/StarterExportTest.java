package conclab.grader.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The export's choices and its all-or-nothing writing, on a small bundle. */
class StarterExportTest {

    @TempDir
    Path dir;

    private static Map<String, byte[]> bundle(String... pathsAndContents) {
        Map<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    private static final Map<String, byte[]> SMALL = bundle(
            "exercises/src/main/java/conclab/udp/UdpClient.java", "udp stub",
            "exercises/src/main/java/conclab/tcp/TcpEchoClient.java", "tcp stub",
            "exercises/src/test/resources/conclab/tcp/TcpEchoClientTest_zh_CN.properties", "k=提示",
            StarterExport.HIDDEN_POINTS, "# maintainers: keep in step with solutions/src/test\nudp=13\ntcp = 7\n",
            "README.md", "Exercises:\n%EXERCISES%\n",
            "gitignore", "target/\n",
            "mvnw", "#!/bin/sh\n");

    @Test
    void writesTheChosenExercisesOnly() throws Exception {
        Path repo = dir.resolve("repo");
        new StarterExport(SMALL).write(repo, List.of("udp"));
        assertTrue(Files.exists(repo.resolve("exercises/src/main/java/conclab/udp/UdpClient.java")));
        assertFalse(Files.exists(repo.resolve("exercises/src/main/java/conclab/tcp")));
        assertFalse(Files.exists(repo.resolve("exercises/src/test/resources/conclab/tcp")));
        assertEquals("# Points held by the hidden tests, per exercise (shown under the score table).\nudp=13\n",
                Files.readString(repo.resolve(StarterExport.HIDDEN_POINTS)));
        assertEquals("Exercises:\n- `udp`\n", Files.readString(repo.resolve("README.md")));
        assertTrue(Files.exists(repo.resolve(".gitignore")));
        assertTrue(Files.isExecutable(repo.resolve("mvnw")));
    }

    @Test
    void allExercisesWhenNoneIsChosen() throws Exception {
        new StarterExport(SMALL).write(dir.resolve("repo"), List.of());
        assertTrue(Files.readString(dir.resolve("repo").resolve(StarterExport.HIDDEN_POINTS)).contains("tcp = 7"));
        assertEquals(Set.of("tcp", "udp"), new StarterExport(SMALL).exercises());
    }

    @Test
    void theStudentsPomIsTheMaintainersWithTheStartersParentAndWithoutWhatOnlyTheyNeed() throws Exception {
        String maintainers = new String(StarterBundle.read().get(StarterExport.EXERCISES_POM), StandardCharsets.UTF_8);
        Path repo = dir.resolve("repo");
        new StarterExport(bundle(StarterExport.EXERCISES_POM, maintainers, "mvnw", "#!/bin/sh\n")).write(repo, List.of());
        String students = Files.readString(repo.resolve(StarterExport.EXERCISES_POM));

        Element pom = parse(students);
        Element parent = (Element) pom.getElementsByTagName("parent").item(0);
        assertEquals("conclab-starter", text(parent, "artifactId"));
        assertEquals(text((Element) parse(maintainers).getElementsByTagName("parent").item(0), "version"),
                text(parent, "version"), "the same version: the starter's root is built from the same project");
        assertEquals("conclab-exercises", pom.getElementsByTagName("artifactId").item(1).getTextContent());
        for (String gone : List.of("skipStubTests", "maven-jar-plugin", "test-jar", "maintainers", "StarterPom")) {
            assertTrue(maintainers.contains(gone), gone + " is in the maintainers' pom");
            assertFalse(students.contains(gone), gone + " is left out of the students' pom:\n" + students);
        }
        for (String kept : List.of("maven.test.failure.ignore", "maven-surefire-plugin", "forkedProcessTimeoutInSeconds",
                "conclab.harness.ScoreTablePrinter", "conclab-lab", "jackson-databind", "conclab-harness")) {
            assertTrue(students.contains(kept), kept + " is kept");
        }
        // nothing else differs: the students' lines are the maintainers', in order, but the parent's
        List<String> left = new ArrayList<>(maintainers.lines().toList());
        for (String line : students.lines().toList()) {
            String wanted = line.contains("conclab-starter") ? line.replace("conclab-starter", "conclab-parent") : line;
            int at = left.indexOf(wanted);
            assertTrue(at >= 0, "a line the maintainers' pom does not have, there: " + line);
            left = left.subList(at + 1, left.size());
        }
    }

    @Test
    void maintainersMarksThatDoNotPairUpStopTheExport() {
        String parent = "<project><parent><artifactId>conclab-parent</artifactId></parent>\n";
        assertEquals("<project><parent><artifactId>conclab-starter</artifactId></parent>\n<a/>\n</project>",
                StarterPom.of(parent + "<!-- maintainers only: begin -->\n<x/>\n<!-- maintainers only: end -->\n"
                        + "<a/>\n<y/> <!-- maintainers only -->\n</project>"));
        for (String broken : List.of(parent + "<!-- maintainers only: begin -->\n</project>",
                parent + "<!-- maintainers only: end -->\n</project>",
                parent + "<!-- maintainers only: begin -->\n<!-- maintainers only: begin -->\n</project>",
                "<project><artifactId>conclab-parent</artifactId></project>")) {
            assertThrows(IllegalStateException.class, () -> StarterPom.of(broken), broken);
        }
    }

    private static Element parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    private static String text(Element element, String child) {
        return element.getElementsByTagName(child).item(0).getTextContent();
    }

    @Test
    void theReadmesListOfExercisesIsCutToTheChosenOnesInItsOrder() {
        String readme = "Order:\n\n<!-- exercises: begin -->\n1. `tcp`: streams\n1. `udp`: datagrams\n"
                + "1. `states`: states\n<!-- exercises: end -->\n\nRun it.\n";
        assertEquals("Order:\n\n1. `udp`: datagrams\n1. `states`: states\n\nRun it.\n",
                StarterExport.exerciseList(readme, new java.util.LinkedHashSet<>(List.of("states", "udp"))));
        // one the list does not name is never left out
        assertEquals("Order:\n\n1. `tcp`: streams\n1. `new`\n\nRun it.\n",
                StarterExport.exerciseList(readme, new java.util.TreeSet<>(Set.of("tcp", "new"))));
        assertEquals("no list", StarterExport.exerciseList("no list", Set.of("udp")));
    }

    @Test
    void aFailureHalfWayLeavesNothing() throws IOException {
        // "mvnw" is a file, so "mvnw/x" cannot be written: the export fails after some files
        Map<String, byte[]> broken = new TreeMap<>(SMALL);
        broken.put("mvnw/x", new byte[0]);
        Path repo = dir.resolve("repo");
        assertThrows(IOException.class, () -> new StarterExport(broken).write(repo, List.of()));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void refusesAFolderThatIsNotEmptyAndAnUnknownExercise() throws IOException {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("mine.txt"), "mine");
        StarterExport export = new StarterExport(SMALL);
        StarterExport.InvalidExport notEmpty = assertThrows(StarterExport.InvalidExport.class,
                () -> export.write(full, List.of()));
        assertTrue(notEmpty.getMessage().contains("is not empty"), notEmpty.getMessage());
        StarterExport.InvalidExport unknown = assertThrows(StarterExport.InvalidExport.class,
                () -> export.write(dir.resolve("new"), List.of("ipc")));
        assertEquals("unknown exercise 'ipc': the exercises are tcp, udp", unknown.getMessage());
        assertFalse(Files.exists(dir.resolve("new")));
    }
}
