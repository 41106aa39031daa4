package conclab.grader.batch;

import conclab.grader.io.FileSeal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The report file of a submission folder: {@code NAME.json}, where NAME is the folder's name when
 * it is safe as a file name on every system (letters and digits of any script, {@code . _ -}, not
 * starting with a dot, at most 100 characters); otherwise the safe characters kept, the rest
 * replaced by {@code _}, and 8 hex digits of the SHA-256 of the real name added, so that two
 * folders never share a report and the name depends on nothing but the folder's own.
 */
public final class ReportName {

    private static final int MAX = 100;

    private ReportName() {
    }

    public static String of(String folder) {
        StringBuilder safe = new StringBuilder();
        folder.codePoints().forEach(c -> safe.appendCodePoint(
                Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' ? c : '_'));
        String name = safe.toString();
        if (name.equals(folder) && !name.startsWith(".") && name.length() <= MAX && !name.isEmpty()) {
            return name + ".json";
        }
        if (name.startsWith(".")) {
            name = "_" + name.substring(1);
        }
        if (name.codePointCount(0, name.length()) > MAX) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX));
        }
        String hash = HexFormat.of().formatHex(FileSeal.digest().digest(folder.getBytes(StandardCharsets.UTF_8)));
        return name + "-" + hash.substring(0, 8) + ".json";
    }
}
