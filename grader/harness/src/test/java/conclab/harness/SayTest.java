package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import conclab.harness.samples.said.SaySample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.AssertionFailedError;

/** Texts from a test class's bundle in the student's language, and hints tied to what failed. */
class SayTest {

    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();

    @AfterEach
    void backToTheDefaults() {
        System.clearProperty(Messages.LOCALE_PROPERTY);
        System.clearProperty(Messages.CONSOLE_PROPERTY);
    }

    private void runSample() {
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(SaySample.class))
                    .configurationParameter("junit.platform.execution.listeners.deactivate", "*")
                    .forExecution()
                    .listeners(new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            id.getSource().filter(MethodSource.class::isInstance)
                                    .map(s -> ((MethodSource) s).getMethodName())
                                    .ifPresent(name -> result.getThrowable().ifPresent(t -> failures.put(name, t)));
                        }
                    })
                    .build());
        }
    }

    @Test
    void aFailedStepCarriesItsOwnHintInsteadOfTheTestsAndStaysTheSameFailure() {
        runSample();
        Throwable step = failures.get("failsAtAStepWithAHintOfItsOwn");
        AssertionFailedError assertion = assertInstanceOf(AssertionFailedError.class, step,
                "the failure is the assertion itself: an IDE can still show the difference");
        assertEquals("the sum of 9 and 0: it's wrong ==> expected: <10> but was: <9>", assertion.getMessage());
        assertEquals(Optional.of("Carry the one."), FailureHint.of(step));
        assertEquals(1, step.getSuppressed().length, "one hint, not the test's as well");
        assertEquals(Optional.of("Add the numbers again."), FailureHint.of(failures.get("failsOutsideAnyStep")),
                "outside a step, the test's hint");
        assertEquals(Optional.of("Carry the one."), FailureHint.of(failures.get("theInnerStepWins")));
    }

    @Test
    void aStubsTodoCarriesNoHint() {
        runSample();
        Throwable todo = failures.get("aStubInsideAStepCarriesNoHint");
        assertInstanceOf(UnsupportedOperationException.class, todo);
        assertEquals(Optional.empty(), FailureHint.of(todo));
        assertTrue(StubTodo.in(todo).isPresent());
        // nor does an assertion that expected something else and met the TODO
        AssertionFailedError expectedNpe = new AssertionFailedError("expected NPE", new UnsupportedOperationException("TODO: x"));
        assertEquals(Optional.empty(), FailureHint.of(FailureHint.attach(expectedNpe, "a hint")));
        assertEquals(Optional.of("a hint"), FailureHint.of(FailureHint.attach(new AssertionFailedError("x"), "a hint")));
    }

    @Test
    void theTextsAndHintsSpeakChineseWhenAskedAndAQuoteIsJustAQuote() {
        System.setProperty(Messages.LOCALE_PROPERTY, "zh_CN");
        runSample();
        assertTrue(failures.get("failsAtAStepWithAHintOfItsOwn").getMessage().startsWith("9 与 0 的和：不对"));
        assertEquals(Optional.of("记得进位。"), FailureHint.of(failures.get("failsAtAStepWithAHintOfItsOwn")));
        assertEquals("提示：记得进位。", failures.get("failsAtAStepWithAHintOfItsOwn").getSuppressed()[0].toString(),
                "how a stack trace shows it");
    }

    @Test
    void aMissingKeyIsTheSuitesDefectNotTheStudents() {
        runSample();
        assertTrue(failures.get("aMissingKeyIsShownAsTheSuitesDefect").getMessage()
                .startsWith("(no text for key 'no.such.key' in conclab.harness.samples.said.SaySample.properties"));
    }

    @Test
    void aConsoleThatCannotShowChineseIsSpokenToInEnglish(@TempDir Path dir) throws Exception {
        System.setProperty(Messages.LOCALE_PROPERTY, "zh_CN");
        assertEquals(Locale.forLanguageTag("zh-CN"), Messages.locale());
        Path console = Files.writeString(dir.resolve("console"), "US-ASCII");
        System.setProperty(Messages.CONSOLE_PROPERTY, console.toString());
        assertEquals(Locale.ROOT, Messages.locale());
        assertEquals("the sum of 1 and 2: it's wrong", Say.of(SaySample.class).text("sum", 1, 2));
        Path gbk = Files.writeString(dir.resolve("gbk"), "GBK");
        System.setProperty(Messages.CONSOLE_PROPERTY, gbk.toString());
        assertEquals("1 与 2 的和：不对", Say.of(SaySample.class).text("sum", 1, 2), "GBK shows Chinese");
    }

    @Test
    void placeholdersAreReplacedAndNothingElse() {
        assertEquals("it's 1024 of {x} and {1}", Messages.format("it's {0} of {x} and {1}", 1024));
        assertEquals("$1 \\ ok", Messages.format("{0} ok", "$1 \\"));
        assertEquals(List.of("a"), List.of(Messages.format("a")));
    }
}
