/**
 * A submission's sources: where they are, which of them may be compiled, and compiling them.
 *
 * <p>Only the submission's own code is compiled. Files in trusted packages and classes named like
 * the pristine tests are left out with a warning, and a package that does not compile costs only
 * its own exercise: its files are set aside and the rest is compiled again.
 */
package conclab.grader.submission;
