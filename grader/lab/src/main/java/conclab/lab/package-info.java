/**
 * The given helper that students' code may call, shipped with the exercises and never graded.
 *
 * <p>{@link conclab.lab.ParentWatch} makes a child JVM end when its parent does, so that a killed
 * test or grading run leaves no child behind.
 */
package conclab.lab;
