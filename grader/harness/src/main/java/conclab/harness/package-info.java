/**
 * The small test-side library that the exercises' tests are written with.
 *
 * <ul>
 *   <li>{@link conclab.harness.Points}, {@link conclab.harness.Exercise} and
 *       {@link conclab.harness.Visibility} say what a test is worth, where it counts and who sees it;
 *       {@link conclab.harness.GradedTest} reads them back, for the score table and the grader alike.</li>
 *   <li>{@link conclab.harness.Hint} attaches a hint from a message bundle to a test's failure;
 *       {@link conclab.harness.Say} gives a test class its texts in the student's language and
 *       a step its own hint ({@link conclab.harness.FailureHint}).</li>
 *   <li>{@link conclab.harness.Timing} scales timing bounds to the machine the tests run on.</li>
 *   <li>{@link conclab.harness.MeasurementLog} publishes what a test kit measured after each test,
 *       passed or failed; {@link conclab.harness.Intervals} notes children's lives on the
 *       parent's clock, for the instructors' dashboard to draw.</li>
 *   <li>{@link conclab.harness.ScoreTableListener} collects how each test ended and
 *       {@link conclab.harness.ScoreTablePrinter} prints the students' summary at the end of
 *       {@code mvn test}: each failure once, the tests that stop at a stub's TODO counted, the
 *       exercises that did not compile ({@link conclab.harness.ExerciseCompiler}), the score
 *       table last.</li>
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
 * <h2>What students read: messages and hints, in English and Chinese</h2>
 * Every text a student reads comes from a bundle in both languages: the harness's own from
 * {@code conclab/harness/messages} ({@link conclab.harness.Messages}), a test class's failure
 * messages and hints from the bundle named after it, {@code conclab/udp/UdpEchoServerTest.properties}
 * and {@code UdpEchoServerTest_zh_CN.properties} (a kit shared by several test classes has its
 * own). One source of truth per text; the grader's {@code TranslationsTest} checks that each
 * bundle has its twin with the same keys and placeholders, Chinese in every Chinese text, and no
 * key written twice (a message and a hint share the bundle: give them different keys).
 * <pre>{@code
 * private static final Say SAY = Say.of(UdpEchoServerTest.class);
 *
 * @Test @Hint("echo")                                   // the test's hint, as before
 * void echoesArbitraryBytesUnchanged() {
 *     byte[] reply = ...;
 *     assertEquals(5, reply.length, SAY.text("echo.length", reply.length));   // a message
 *     SAY.hinting("echo.wholeBuffer", () ->                                    // a step's hint
 *             assertArrayEquals(request, reply, SAY.text("echo.bytes")));
 * }
 * }</pre>
 * with, in the bundle, {@code echo.length=the reply has {0} bytes}, {@code echo=...} and
 * {@code echo.wholeBuffer=Send only packet.getLength() bytes, not the whole buffer.}
 * Placeholders are {@code {0}}, {@code {1}}, ... and nothing else: a quote is a quote, a number
 * is printed as it is ({@link conclab.harness.Messages#format}).
 * <ul>
 *   <li><b>A message</b>: {@code SAY.text(key, args...)}, wherever a test builds a string for a
 *       student (an assertion's message, a {@code fail(...)}, a kit's description of a broken
 *       rule). The student's language is decided once per run: {@code -Dconclab.locale}, else the
 *       JVM's, and English where the student's console cannot show it.</li>
 *   <li><b>A hint tied to what failed</b>: {@code SAY.hinting(hintKey, () -> step)} runs a step;
 *       if it fails, the failure carries that hint ({@link conclab.harness.FailureHint}, a
 *       suppressed exception: the failure keeps its type and message), and the student reads it
 *       instead of the test's {@link conclab.harness.Hint}, which stays the hint of every failure
 *       outside a step. Wrap each check that can fail in its own way (the reply is longer: "send
 *       only getLength() bytes"; the reply never comes: "reply to the sender's address"). An inner
 *       step's hint wins over an outer one's. The grader reports the same hint.</li>
 *   <li><b>A stub's TODO</b> ({@code UnsupportedOperationException("TODO...")}, in the failure or
 *       its causes: {@link conclab.harness.StubTodo}) gets no hint, and the summary only counts
 *       such tests per exercise: a hint read before the first try gives the answer away. A test
 *       that catches an exception to fail with a message of its own keeps it as the cause
 *       ({@code new AssertionFailedError(message, thrown)}), or the TODO is taken for a wrong
 *       answer.</li>
 * </ul>
 */
package conclab.harness;
