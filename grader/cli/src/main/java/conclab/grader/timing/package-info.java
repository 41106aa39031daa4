/**
 * How busy the machine is before a grading run: a child JVM's start-up and the timer's
 * overshoot, measured in the grader's process, give the scale applied to the upper bounds of
 * timing tests; the report records both.
 */
package conclab.grader.timing;
