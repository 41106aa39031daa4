package conclab.grader.fork;

import org.junit.jupiter.api.Test;

/**
 * Discovered, never run, while the submission compiles: loading Jupiter's discovery machinery
 * then takes it off the path from compiled code to the first test.
 */
class DiscoveryWarmUp {

    @Test
    void nothing() {
    }
}
