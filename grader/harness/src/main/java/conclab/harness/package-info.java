/**
 * The small test-side library that the exercises' tests are written with.
 *
 * <ul>
 *   <li>{@link conclab.harness.Points}, {@link conclab.harness.Exercise} and
 *       {@link conclab.harness.Visibility} say what a test is worth, where it counts and who sees it;
 *       {@link conclab.harness.GradedTest} reads them back, for the score table and the grader alike.</li>
 *   <li>{@link conclab.harness.Hint} attaches a hint from a message bundle to a test's failure.</li>
 *   <li>{@link conclab.harness.Timing} scales timing bounds to the machine the tests run on.</li>
 *   <li>{@link conclab.harness.MeasurementLog} publishes what a test kit measured after each test,
 *       passed or failed; {@link conclab.harness.Intervals} notes children's lives on the
 *       parent's clock, for the instructors' dashboard to draw.</li>
 *   <li>{@link conclab.harness.ScoreTableListener} prints the students' score table at the end of
 *       {@code mvn test}.</li>
 *   <li>{@link conclab.harness.CodeUnderTest} is how a test observes the JVM that runs the code
 *       under test (its process and children, its threads, its static fields), and
 *       {@link conclab.harness.RunsWithSubmission} marks the test classes that run beside the
 *       submission (tasks, child programs).</li>
 * </ul>
 *
 * <h2>Tests that hold in the grader too</h2>
 * In the grader the tests run in a trusted JVM and the submission in a sandboxed JVM of its own;
 * every call from a test to an exercise's class crosses between the two. So a test:
 * <ul>
 *   <li>uses an exercise's classes only through their API: no reflection, no fields but
 *       constants (a mutable static field through {@code CodeUnderTest.readStatic/writeStatic});</li>
 *   <li>asks {@link conclab.harness.CodeUnderTest}, never {@code ProcessHandle.current()},
 *       {@code Thread.getAllStackTraces()} or a thread's state, when it means the code under test;
 *       and kills only what {@code CodeUnderTest.descendant(pid)} returns;</li>
 *   <li>hands the submission only objects of the API's interfaces or of the JDK's
 *       ({@code Runnable}, {@code Consumer}, {@code InputStream}, {@code OutputStream},
 *       {@code SeekableByteChannel}), and classes to run in children only from the public tests,
 *       marked {@link conclab.harness.RunsWithSubmission};</li>
 *   <li>starts a child JVM only with {@code conclab.lab.ChildJvm}, so the grader can start it in
 *       the sandbox, and never runs a hidden test's code in one.</li>
 * </ul>
 *
 * Every text a student reads comes from the {@code conclab/harness/messages} bundle
 * ({@link conclab.harness.Messages}), or from the bundle next to a test class for its hints.
 */
package conclab.harness;
