package conclab.grader.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One test of a report.
 *
 * @param id               {@code conclab.udp.UdpEchoServerTest#echoesOneDatagram}
 * @param name             the display name
 * @param visibility       Gradescope's {@code visible}, {@code hidden}, {@code after_due_date}
 *                         or {@code after_published}
 * @param points           what the test is worth
 * @param earned           {@code points} if it passed, else 0
 * @param status           {@code passed}, {@code failed}, {@code error}, {@code timeout},
 *                         {@code skipped} or {@code not_run}
 * @param durationMs       how long it ran
 * @param attempts         how many times it ran
 * @param message          why it did not pass, truncated; null if it passed
 * @param messageTruncated whether {@code message} was cut
 * @param hint             the hint for the student; null if it passed or has none
 * @param output           what it printed, truncated
 * @param outputBytes      how many bytes it printed in all
 * @param outputTruncated  whether {@code output} was cut
 * @param measurements     what the test measured (timing tests explain their verdicts here)
 */
@JsonPropertyOrder({"id", "name", "visibility", "points", "earned", "status", "durationMs",
        "attempts", "message", "messageTruncated", "hint", "output", "outputBytes",
        "outputTruncated", "measurements"})
public record TestResult(String id, String name, String visibility, int points, int earned,
                         String status, long durationMs, int attempts, String message,
                         boolean messageTruncated, String hint, String output, long outputBytes,
                         boolean outputTruncated, Map<String, String> measurements) {
}
