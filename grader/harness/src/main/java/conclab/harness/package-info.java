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
 * </ul>
 *
 * Every text a student reads comes from the {@code conclab/harness/messages} bundle
 * ({@link conclab.harness.Messages}), or from the bundle next to a test class for its hints.
 */
package conclab.harness;
