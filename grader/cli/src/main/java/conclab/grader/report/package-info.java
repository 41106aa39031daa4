/**
 * The score report: its model (immutable records, JSON with a versioned schema), how it is put
 * together from a run, written (atomically) and summarised on the console.
 */
package conclab.grader.report;
