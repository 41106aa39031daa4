package conclab.grader.submission;

/**
 * One message of the compiler about a submission's file.
 *
 * @param file    the file's path below {@code src/main/java}
 * @param line    1-based; 0 when the message is about the file as a whole
 * @param column  1-based; 0 when unknown
 * @param kind    {@code error} or {@code warning}
 * @param message the compiler's text
 */
public record CompilerMessage(String file, long line, long column, String kind, String message) {
}
