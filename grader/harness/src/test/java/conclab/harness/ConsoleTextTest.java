package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The score table reaches consoles that are not UTF-8 as text they can show. */
class ConsoleTextTest {

    private static final Locale CHINESE = Locale.forLanguageTag("zh-CN");

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aGbkConsoleReadsTheChineseTable() throws Exception {
        byte[] out = printInChildJvm("GBK");
        String text = new String(out, Charset.forName("GBK"));
        assertTrue(text.contains("合计") && text.contains("练习") && text.contains("3/5"), text);
        assertTrue(text.contains("提示：只发送 getLength() 个字节"), text);
        // the same bytes read as UTF-8 would be mojibake: the child really wrote GBK
        assertFalse(new String(out, StandardCharsets.UTF_8).contains("合计"));
    }

    @Test
    @Timeout(60)
    void anAsciiConsoleReadsTheEnglishTable() throws Exception {
        byte[] out = printInChildJvm("US-ASCII");
        String text = new String(out, StandardCharsets.US_ASCII);
        assertTrue(text.contains("total") && text.contains("exercise") && text.contains("3/5"), text);
        assertTrue(text.contains("Hint: send getLength() bytes"), text);
        assertFalse(text.contains("?"), text);
        for (byte b : out) {
            assertTrue(b >= 0, "only ASCII bytes: " + text);
        }
    }

    @Test
    void whatNoVersionCanShowIsReplacedCharacterByCharacter() {
        String ascii = new String(ConsoleText.encode("提示：看（这里）", "提示：看（这里）", StandardCharsets.US_ASCII),
                StandardCharsets.US_ASCII);
        assertEquals("??: ? (??) ", ascii);
    }

    @Test
    void aConsoleThatShowsTheTextGetsItUnchanged() {
        String text = "得分 3/5";
        assertEquals(text, new String(ConsoleText.encode(text, "points 3/5", StandardCharsets.UTF_8),
                StandardCharsets.UTF_8));
    }

    @Test
    void chineseColumnsLineUpByWidthOnScreen() {
        ScoreTable table = new ScoreTable();
        table.add("udp", 3, true);
        List<String> lines = table.render(CHINESE, "t", Map.of()).lines().toList();
        // header "练习 通过 得分" and row "udp 1/1 3/3" end in the same column
        assertEquals(ScoreTable.width(lines.get(2)), ScoreTable.width(lines.get(3).replace("   全部通过", "")),
                String.join("\n", lines));
    }

    /**
     * Runs the summary's printer as {@code mvn test} does, in a JVM whose console is
     * {@code charset}, on the results a test JVM left in Chinese (a GBK console) or English (an
     * ASCII one, for which the test JVM was told to speak English).
     */
    private byte[] printInChildJvm(String charset) throws IOException, InterruptedException {
        boolean chinese = !charset.equals("US-ASCII");
        new RunResults(List.of(TestOutcome.passed("udp", "conclab.udp.T", "T#a", 3),
                new TestOutcome("udp", "conclab.udp.T", "T#b", 2, TestOutcome.Status.FAILED,
                        chinese ? "回复太长" : "the reply is too long", chinese ? "只发送 getLength() 个字节" : "send getLength() bytes", "")),
                Map.of("udp", 4), false).write(dir.resolve(ScoreTablePrinter.RESULTS));
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstdout.encoding=" + charset, "-Dfile.encoding=" + charset, "-Dconclab.locale=zh_CN",
                "-cp", System.getProperty("java.class.path"),
                ScoreTablePrinter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = child.getInputStream().readAllBytes();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the printer did not end");
        assertEquals(0, child.exitValue());
        assertFalse(Files.exists(dir.resolve(ScoreTablePrinter.RESULTS)), "the printer removes the results it printed");
        return out;
    }
}
