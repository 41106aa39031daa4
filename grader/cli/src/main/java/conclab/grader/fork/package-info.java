/**
 * Running the tests in a forked JVM, and surviving whatever happens there.
 *
 * <p>The fork ({@link conclab.grader.fork.ForkMain}) discovers and runs the pristine tests
 * through the JUnit Platform Launcher and streams {@link conclab.grader.fork.ForkEvent}s to the
 * parent over a loopback socket that only it knows, never over its standard output, which
 * submission code can write to. The parent ({@link conclab.grader.fork.ForkedRun}) keeps the
 * plan, watches each test's deadline and the whole run's, kills a fork that overruns (with every
 * process it started) and resumes with the tests not yet run in a fresh fork.
 */
package conclab.grader.fork;
