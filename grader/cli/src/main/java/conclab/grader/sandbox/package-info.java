/**
 * The operating system's wall around a grading: {@link conclab.grader.sandbox.Sandbox} puts the
 * test JVM and the submission's JVM each in a bubblewrap sandbox of its own (Linux namespaces),
 * sharing only a loopback network and a work folder, as an unprivileged user.
 */
package conclab.grader.sandbox;
