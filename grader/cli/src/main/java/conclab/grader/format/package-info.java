/**
 * Views of one report in the formats other tools read: the native JSON, Gradescope's
 * {@code results.json}, the result GitHub Classroom's autograding reporter reads, and JUnit XML.
 * Each format is a class that turns a {@link conclab.grader.report.Report} into bytes;
 * {@link conclab.grader.format.ReportFormat} names them, and {@link conclab.grader.format.View}
 * chooses who the bytes are for: instructors see everything, students see the hidden tests only
 * as counts and points ({@link conclab.grader.format.StudentView}).
 */
package conclab.grader.format;
