/**
 * The pristine test suite bundled in the grader at build time: the public tests (compiled from
 * {@code exercises}), the hidden tests (from {@code solutions}; never the reference code), the
 * stubs (standing in for an exercise a submission lacks or breaks), and the libraries a
 * submission compiles against.
 */
package conclab.grader.suite;
