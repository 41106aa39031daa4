package conclab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import conclab.grader.cli.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The example GitHub Actions matrix and Kubernetes Indexed Job grade every shard exactly once:
 * the indexes they pass cover 0 to N-1 with the same N, and the grade-all command line they run
 * is one the grader accepts.
 */
class ShardExamplesTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("conclab.root", "../..")).resolve("examples");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SHARD = Pattern.compile("--shard\\s+\"?(.+?)/(\\d+)\"?(\\s|$)");

    @Test
    void theGitHubActionsMatrixGradesEveryShardOnce() throws IOException {
        JsonNode job = YAML.readTree(EXAMPLES.resolve("github-actions/grade-class.yml").toFile()).at("/jobs/grade");
        List<Integer> matrix = new ArrayList<>();
        job.at("/strategy/matrix/shard").forEach(value -> matrix.add(value.asInt()));
        String command = gradeAll(job.get("steps"), "run");
        Matcher shard = SHARD.matcher(command);
        assertTrue(shard.find(), command);
        assertEquals("${{ matrix.shard }}", shard.group(1));
        int count = Integer.parseInt(shard.group(2));
        assertCoversEveryIndexOnce(matrix, count);
        for (int index : matrix) {
            assertAccepted(command.replace("${{ matrix.shard }}", String.valueOf(index)));
        }
    }

    @Test
    void theKubernetesIndexedJobGradesEveryShardOnce() throws IOException {
        JsonNode spec = YAML.readTree(EXAMPLES.resolve("kubernetes/grade-class-job.yaml").toFile()).at("/spec");
        assertEquals("Indexed", spec.get("completionMode").asText(), "JOB_COMPLETION_INDEX is set only in an Indexed Job");
        int completions = spec.get("completions").asInt();
        String command = gradeAll(spec.at("/template/spec/containers/0/args"), null);
        Matcher shard = SHARD.matcher(command);
        assertTrue(shard.find(), command);
        assertEquals("$JOB_COMPLETION_INDEX", shard.group(1));
        // an Indexed Job runs each index from 0 to completions - 1 once (and again only on failure)
        assertCoversEveryIndexOnce(IntStream.range(0, completions).boxed().toList(), Integer.parseInt(shard.group(2)));
        for (int index = 0; index < completions; index++) {
            assertAccepted(command.replace("$JOB_COMPLETION_INDEX", String.valueOf(index)));
        }
    }

    private static void assertCoversEveryIndexOnce(List<Integer> indexes, int count) {
        assertEquals(IntStream.range(0, count).boxed().toList(), indexes.stream().sorted().toList(),
                "the shards given are " + indexes + " of " + count + ": each of 0.." + (count - 1) + " must be there once");
        indexes.forEach(index -> assertEquals(new Shard(index, count), Shard.parse(index + "/" + count)));
    }

    /** The text (a step's {@code field}, or a list's items) that runs grade-all. */
    private static String gradeAll(JsonNode nodes, String field) {
        List<String> found = new ArrayList<>();
        nodes.forEach(node -> {
            JsonNode text = field == null ? node : node.get(field);
            if (text != null && text.asText().contains(" grade-all ")) {
                found.add(text.asText());
            }
        });
        assertEquals(1, found.size(), "one grade-all command: " + found);
        return found.get(0);
    }

    /** The grader's own parser accepts the command's arguments (the words after the jar). */
    private static void assertAccepted(String command) {
        String[] words = command.trim().split("\\s+");
        int jar = List.of(words).indexOf("-jar");
        String[] args = List.of(words).subList(jar + 2, words.length).stream()
                .map(w -> w.replace("\"", "")).toArray(String[]::new);
        Main.commandLine().parseArgs(args); // throws on an unknown option or a missing value
    }
}
