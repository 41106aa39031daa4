package conclab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** What the maintainers' commands rely on in the root pom. */
class MaintainersBuildTest {

    @Test
    void skipTestsSkipsTheIntegrationTestsToo() throws Exception {
        // Failsafe 3.6.0 stopped reading -DskipTests (SUREFIRE-823): "install -DskipTests", as the
        // README and the scripts write it, would run every *IT for ten minutes
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("../../pom.xml").toFile()); // Surefire runs in the module's folder
        String skip = XPathFactory.newInstance().newXPath().evaluate("/project/build/pluginManagement/plugins"
                + "/plugin[artifactId='maven-failsafe-plugin']/configuration/skipTests", pom);
        assertEquals("${skipTests}", skip.strip());
    }
}
