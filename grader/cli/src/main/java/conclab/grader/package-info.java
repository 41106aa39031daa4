/**
 * The grader: a submission goes in, a JSON score report comes out.
 *
 * <p>{@link conclab.grader.Grader} ties the steps together: locate and compile the submission
 * ({@code submission}), unpack the pristine test suite bundled in the grader ({@code suite}),
 * run it in forked JVMs that stream their events back ({@code fork}), and assemble and write the
 * report ({@code report}). The command line is in {@code cli}.
 */
package conclab.grader;
