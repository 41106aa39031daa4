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
        if (Files.exists(file)) {
            System.out.print(Files.readString(file, StandardCharsets.UTF_8));
            System.out.flush();
            Files.delete(file);
        }
    }
}
