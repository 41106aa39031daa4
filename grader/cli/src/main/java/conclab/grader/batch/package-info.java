/**
 * Grading a whole class: {@link conclab.grader.batch.BatchGrader} grades every submission folder
 * of a folder into one report each, resumably ({@link conclab.grader.batch.BatchManifest},
 * {@link conclab.grader.batch.ResumeDecision}), with a {@link conclab.grader.batch.Roster} naming
 * the students, git repositories graded at a deadline ({@link conclab.grader.batch.GitDeadline}),
 * and a {@link conclab.grader.batch.Shard} of the class per machine.
 */
package conclab.grader.batch;
