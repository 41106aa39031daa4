package conclab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import conclab.grader.cli.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example scheduled workflow takes its snapshot at the deadline it names (the cron, in UTC,
 * and --deadline are the same minute), with a command line the grader accepts, and the grading
 * workflow grades from that snapshot.
 */
class SnapshotExampleTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("conclab.root", "../..")).resolve("examples");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theSnapshotRunsAtTheDeadlineItRecords() throws IOException {
        JsonNode workflow = YAML.readTree(EXAMPLES.resolve("github-actions/snapshot-at-deadline.yml").toFile());
        String cron = workflow.at("/on/schedule/0/cron").asText();
        String command = command(workflow.at("/jobs/snapshot/steps"), " snapshot ");
        Matcher deadline = Pattern.compile("--deadline\\s+(\\S+)").matcher(command);
        assertTrue(deadline.find(), command);
        OffsetDateTime due = OffsetDateTime.parse(deadline.group(1)).withOffsetSameInstant(ZoneOffset.UTC);
        // minute hour day-of-month month day-of-week, in UTC
        assertEquals(due.getMinute() + " " + due.getHour() + " " + due.getDayOfMonth() + " " + due.getMonthValue() + " *",
                cron, "the cron fires at the deadline, in UTC");
        assertAccepted(command);
        assertTrue(command.contains("--out snapshot"), command);
    }

    @Test
    void theGradingWorkflowGradesFromTheSnapshot() throws IOException {
        JsonNode job = YAML.readTree(EXAMPLES.resolve("github-actions/grade-class.yml").toFile()).at("/jobs/grade");
        String command = command(job.get("steps"), " grade-all ");
        assertTrue(command.contains("--snapshot snapshot"), command);
        boolean downloads = false;
        for (JsonNode step : job.get("steps")) {
            downloads |= step.path("uses").asText().startsWith("actions/download-artifact")
                    && step.at("/with/name").asText().equals("snapshot") && step.at("/with/path").asText().equals("snapshot");
        }
        assertTrue(downloads, "a step downloads the snapshot artifact into snapshot/");
        assertAccepted(command.replace("${{ matrix.shard }}", "0"));
    }

    private static String command(JsonNode steps, String word) {
        List<String> found = new ArrayList<>();
        steps.forEach(step -> {
            String run = step.path("run").asText();
            if (run.contains(word)) {
                found.add(run);
            }
        });
        assertEquals(1, found.size(), () -> "one command with" + word + ": " + found);
        return found.get(0);
    }

    private static void assertAccepted(String command) {
        String[] words = command.trim().split("\\s+");
        int jar = List.of(words).indexOf("-jar");
        Main.commandLine().parseArgs(List.of(words).subList(jar + 2, words.length).toArray(String[]::new));
    }
}
