/**
 * A course file: which exercises an assignment includes and how much each weighs, read at grading
 * time so that an instructor changes an assignment without rebuilding the grader.
 */
package conclab.grader.course;
