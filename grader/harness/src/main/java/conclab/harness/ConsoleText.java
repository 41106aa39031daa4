package conclab.harness;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Text written to the console in the console's own charset, so that Chinese reaches a Windows
 * console in GBK as Chinese, and never as UTF-8 bytes read as GBK. Where the console cannot show
 * a text at all (an ASCII console), the English version is written instead, and single
 * characters it cannot show become their nearest ASCII (full-width punctuation) or {@code ?}.
 */
public final class ConsoleText {

    // Full-width punctuation of Chinese texts, and what an ASCII console shows instead.
    private static final Map<Character, String> ASCII_FALLBACK = Map.ofEntries(
            Map.entry('，', ", "), Map.entry('：', ": "), Map.entry('；', "; "),
            Map.entry('。', ". "), Map.entry('（', " ("), Map.entry('）', ") "),
            Map.entry('！', "! "), Map.entry('？', "? "), Map.entry('“', "\""),
            Map.entry('”', "\""), Map.entry('‘', "'"), Map.entry('’', "'"),
            Map.entry('、', ", "), Map.entry('—', "-"), Map.entry('…', "..."));

    private ConsoleText() {
    }

    /**
     * The console's charset: {@code stdout.encoding} (set by JDK 19 and later, and by a user
     * who knows better), else the console's (JDK 17 on a terminal), else
     * {@code sun.stdout.encoding} (JDK 17 on a Windows console), else UTF-8.
     */
    public static Charset charset() {
        Charset stdout = named("stdout.encoding");
        if (stdout != null) {
            return stdout;
        }
        if (System.console() != null) {
            return System.console().charset();
        }
        Charset windowsConsole = named("sun.stdout.encoding");
        return windowsConsole != null ? windowsConsole : StandardCharsets.UTF_8;
    }

    private static Charset named(String property) {
        String name = System.getProperty(property, "").trim();
        return !name.isEmpty() && Charset.isSupported(name) ? Charset.forName(name) : null;
    }

    /**
     * The bytes to write for {@code text} in {@code charset}: {@code text} if the charset can
     * encode it, else {@code fallback} (the English text), with what still cannot be encoded
     * replaced character by character.
     */
    public static byte[] encode(String text, String fallback, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String chosen = encoder.canEncode(text) ? text : fallback;
        try {
            ByteBuffer bytes = encoder.reset().encode(CharBuffer.wrap(chosen));
            return toArray(bytes);
        } catch (CharacterCodingException e) {
            return replaced(chosen, charset).getBytes(charset);
        }
    }

    /**
     * Writes {@code text} (or {@code fallback}) to standard output, in the console's charset.
     * Only where standard output is the console (the printer that Maven runs), never in a
     * Surefire fork, whose standard output is its channel to Maven.
     */
    public static void print(String text, String fallback) {
        System.out.flush();
        // The file descriptor, not System.out: System.out encodes with file.encoding, which on
        // a Windows console in GBK (or an old JDK's ASCII default) is not what the console reads.
        @SuppressWarnings("resource") // standard output stays open
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        try {
            out.write(encode(text, fallback, charset()));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String replaced(String text, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder();
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            String s = Character.toString(c);
            if (encoder.canEncode(s)) {
                out.append(s);
            } else {
                String ascii = c <= Character.MAX_VALUE ? ASCII_FALLBACK.get((char) c) : null;
                out.append(ascii != null && encoder.canEncode(ascii) ? ascii : "?");
            }
        });
        return out.toString();
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
