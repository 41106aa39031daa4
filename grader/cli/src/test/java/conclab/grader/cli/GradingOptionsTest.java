package conclab.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import conclab.grader.fork.RunLimits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GradingOptionsTest {

    private static GradingOptions parsed(String... args) {
        GradingOptions options = new GradingOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void oneGradingRunsTheDefaultTestJvmsAndABatchSharesThem() {
        GradingOptions options = parsed();

        assertNull(options.problem());
        assertEquals(RunLimits.DEFAULT_TEST_JVMS, options.request(null, 1).limits().testJvms());
        assertEquals(Math.max(1, RunLimits.DEFAULT_TEST_JVMS / 2), options.request(null, 2).limits().testJvms());
        assertEquals(1, options.request(null, 64).limits().testJvms());
    }

    @Test
    void testJvmsAskedForAreTakenAsTheyAreAndOutOfRangeIsRefused() {
        assertEquals(2, parsed("--test-jvms", "2").request(null, 4).limits().testJvms());
        assertEquals("--test-jvms must be between 1 and 16, not 0", parsed("--test-jvms", "0").problem());
        assertEquals("--test-jvms must be between 1 and 16, not 17", parsed("--test-jvms", "17").problem());
    }
}
