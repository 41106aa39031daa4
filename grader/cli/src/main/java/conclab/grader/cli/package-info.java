/**
 * The grader's command line, declared with picocli: {@code conclab-grader grade SUBMISSION}.
 * Exit codes: 0 graded, 1 the grader failed (a report still says why), 2 bad input, 3 graded
 * below the {@code --fail-below} threshold.
 */
package conclab.grader.cli;
