/**
 * The given helper that students' code may call, shipped with the exercises and never graded.
 *
 * <p>{@link conclab.lab.ChildJvm} builds the command line of a child JVM that runs a main class of
 * the same program; the child starts through {@link conclab.lab.ChildMain}, whose
 * {@link conclab.lab.ParentWatch} ends it when its parent ends, so that a killed test or grading
 * run leaves no child behind.
 */
package conclab.lab;
