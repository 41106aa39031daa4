package conclab.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of the <em>public</em> tests that runs where the submission runs: a task or a
 * subclass the tests hand to the submission for its child processes to run
 * ({@code JvmProcess.target(Report.class)}, {@code new Greeter("x")}), or a program a test starts
 * in a child JVM beside the submission's classes ({@code ChildJvm.command(IpcChild.class, ...)}).
 *
 * <p>In the grader the tests run in a trusted JVM and the submission in a sandbox; a class with
 * this mark, and the classes nested in it, are the only test classes copied into the sandbox.
 * They must hold nothing a student may not see, and no verdict may rest on what they report
 * unless the trusted side can check it. Hidden tests never carry it: nothing of theirs enters the
 * sandbox.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RunsWithSubmission {
}
