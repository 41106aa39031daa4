/**
 * End-to-end tests of the built grader: each runs {@code java -jar conclab-grader.jar} as a user
 * would, on the reference, the stubs and wrong-implementation fixtures, and reads the report.
 */
package conclab.grader.it;
