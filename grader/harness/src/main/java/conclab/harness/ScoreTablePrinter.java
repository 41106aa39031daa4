package conclab.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the score table that {@link ScoreTableListener} left in a file, then removes the file,
 * so that a later build without tests shows no stale table. The exercises' build runs it right
 * after Surefire, so that {@code mvn test} ends with the table rather than with Surefire's list.
 */
public final class ScoreTablePrinter {

    private ScoreTablePrinter() {
    }

    /** {@code ScoreTablePrinter FILE} */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ScoreTablePrinter FILE");
        }
        Path file = Path.of(args[0]);
        Path english = englishFile(file);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            ConsoleText.print(text, Files.exists(english) ? Files.readString(english, StandardCharsets.UTF_8) : text);
            Files.delete(file);
        }
        Files.deleteIfExists(english);
    }

    /** Where the listener leaves the English table beside the table in the student's language. */
    static Path englishFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".en");
    }
}
