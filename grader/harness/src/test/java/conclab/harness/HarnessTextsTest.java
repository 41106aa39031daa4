package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sentences the harness builds around what a test passes it (a call that did not return, a
 * duration past its bound, an attempt tried again, a main run by hand) speak the student's
 * language; their English is what it always was (tests and fixtures compare it).
 */
@Timeout(10)
class HarnessTextsTest {

    @AfterEach
    void backToTheDefault() {
        System.clearProperty(Messages.LOCALE_PROPERTY);
    }

    private static CallDidNotReturn aCallThatDoesNotReturn(String what, String advice) {
        CountDownLatch never = new CountDownLatch(1);
        return assertThrows(CallDidNotReturn.class, () -> BoundedWait.within(Duration.ofMillis(50), what,
                advice, () -> never.await(1, TimeUnit.MINUTES)));
    }

    private static TimingBoundExceeded aDurationPastItsBound(String what, String advice) {
        return assertThrows(TimingBoundExceeded.class, () -> Timing.assertWithin(Duration.ofMillis(701),
                Duration.ofMillis(700), what, advice));
    }

    @Test
    void inEnglishTheSentencesAreAsTheyWere() {
        System.setProperty(Messages.LOCALE_PROPERTY, "en");
        assertEquals("server.close() did not return within 50 ms. close() must close the socket.",
                aCallThatDoesNotReturn("server.close()", "close() must close the socket.").getMessage());
        assertEquals("join(200 ms) took 701 ms; expected at most 700 ms. Give up after the timeout.",
                aDurationPastItsBound("join(200 ms)", "Give up after the timeout.").getMessage());
        assertEquals("attempt 1 of 3", Messages.get("timing.attempt", 1, 3));
        assertEquals("attempt 1 of 3 went past a time bound; trying again: x",
                Messages.get("timing.again", 1, 3, "x"));
        assertEquals("timing", Messages.get("timing.once"));
        assertEquals("conclab.x.Main exited with status 2", Messages.get("run.exited", "conclab.x.Main", 2));
    }

    @Test
    void inChineseTheWholeSentenceIsChineseAroundWhatTheTestPassed() {
        System.setProperty(Messages.LOCALE_PROPERTY, "zh_CN");
        assertEquals("server.close() 在 50 毫秒内没有返回。close() 必须关闭套接字。",
                aCallThatDoesNotReturn("server.close()", "close() 必须关闭套接字。").getMessage());
        assertEquals("join(200 ms) 用了 701 毫秒；最多应为 700 毫秒。超时后就放弃。",
                aDurationPastItsBound("join(200 ms)", "超时后就放弃。").getMessage());
        assertEquals("第 2 次尝试（共 3 次）", Messages.get("timing.attempt", 2, 3));
        assertEquals("第 1 次尝试（共 3 次）超出了时限；再试一次：慢了",
                Messages.get("timing.again", 1, 3, "慢了"));
        assertEquals("conclab.x.Main 以退出状态 2 结束", Messages.get("run.exited", "conclab.x.Main", 2));
    }

    @Test
    void aMainRunByHandWithoutAClassIsToldTheCommandInTheStudentsLanguage() {
        System.setProperty(Messages.LOCALE_PROPERTY, "zh_CN");
        String previous = System.getProperty("exec.mainClass");
        System.clearProperty("exec.mainClass");
        try {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> RunMain.main(new String[0]));
            assertEquals(Messages.get("run.noClass"), refused.getMessage());
            assertEquals(true, refused.getMessage().startsWith("请指定要运行的类："), refused.getMessage());
        } finally {
            if (previous != null) {
                System.setProperty("exec.mainClass", previous);
            }
        }
    }
}
