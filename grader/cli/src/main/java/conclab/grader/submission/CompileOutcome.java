package conclab.grader.submission;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What compiling a submission gave.
 *
 * @param compiledExercises exercises with code among the compiled files
 * @param brokenExercises   exercises set aside because their code did not compile, with the
 *                          compiler's messages about them
 * @param warnings          files left out and why (trusted packages, names of test classes,
 *                          files outside any exercise that did not compile)
 */
public record CompileOutcome(Set<String> compiledExercises,
                             Map<String, List<CompilerMessage>> brokenExercises,
                             List<String> warnings) {
}
