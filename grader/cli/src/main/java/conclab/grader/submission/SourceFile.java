package conclab.grader.submission;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code .java} file of a submission, with the package it declares (which is what the
 * compiler uses, whatever folder the file sits in) and the exercise that package belongs to.
 *
 * @param path         the file
 * @param relativePath its path below {@code src/main/java}, with forward slashes
 * @param packageName  the declared package; empty for the unnamed package
 * @param typeName     the file's name without {@code .java}: its public type, if any
 */
public record SourceFile(Path path, String relativePath, String packageName, String typeName) {

    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
    private static final Pattern PACKAGE = Pattern.compile(
            "^\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*package\\s+([\\w.\\s]+?)\\s*;", Pattern.MULTILINE);

    /** Reads the package declaration of {@code path}. */
    public static SourceFile read(Path root, Path path) throws IOException {
        String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        Matcher matcher = PACKAGE.matcher(COMMENTS.matcher(text).replaceAll(" "));
        String pkg = matcher.find() ? matcher.group(1).replaceAll("\\s+", "") : "";
        String name = path.getFileName().toString();
        return new SourceFile(path, root.relativize(path).toString().replace('\\', '/'), pkg,
                name.substring(0, name.length() - ".java".length()));
    }

    /** The fully qualified name of the file's public type. */
    public String qualifiedName() {
        return packageName.isEmpty() ? typeName : packageName + "." + typeName;
    }

    /**
     * The exercise this file belongs to: the package segment after {@code conclab}
     * ({@code conclab.udp.internal} is {@code udp}); empty outside {@code conclab.*}.
     */
    public Optional<String> exercise() {
        if (!packageName.startsWith("conclab.")) {
            return Optional.empty();
        }
        String rest = packageName.substring("conclab.".length());
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }
}
