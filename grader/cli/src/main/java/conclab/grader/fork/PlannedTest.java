package conclab.grader.fork;

/**
 * A test as the fork discovered it: enough to select it again in a fresh fork, to watch its
 * deadline, and to score it.
 *
 * @param id         {@code conclab.udp.UdpEchoServerTest#echoesOneDatagram}: stable, readable
 * @param uniqueId   the JUnit unique id, used to select the test in a resumed fork
 * @param name       the display name
 * @param exercise   the exercise id the test counts for
 * @param points     what the test is worth
 * @param hint       the hint text shown when it fails; null if none
 * @param visibility Gradescope's visibility value
 * @param timeoutMs  the test's own timeout; the parent allows a grace period beyond it
 */
public record PlannedTest(String id, String uniqueId, String name, String exercise, int points,
                          String hint, String visibility, long timeoutMs) {
}
