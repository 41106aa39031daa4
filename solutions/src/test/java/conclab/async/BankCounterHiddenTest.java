package conclab.async;

import static conclab.async.AsyncTestKit.STOPPED;
import static conclab.async.AsyncTestKit.assertNeverWaitsBetweenPieces;
import static conclab.async.AsyncTestKit.awaitBlocked;
import static conclab.async.AsyncTestKit.awaitThat;
import static conclab.async.AsyncTestKit.publishLongestWait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.async.AsyncTestKit.Bank;
import conclab.async.AsyncTestKit.Customer;
import conclab.async.AsyncTestKit.HeldService;
import conclab.async.AsyncTestKit.OtherWork;
import conclab.async.AsyncTestKit.Phone;
import conclab.harness.CodeUnderTest;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/** Hidden: the four quadrants side by side, closing, failures, slips read late, many callbacks. */
@Tag("async")
@Timeout(10)
class BankCounterHiddenTest {

    /** The texts this class hands to the kit, in the student's language. */
    private static final Say SAY = Say.of(BankCounterHiddenTest.class);

    @Test
    @Points(4)
    @Hint("quadrants")
    void theFourQuadrantsAreToldApartWhileTheServiceIsHeld(TestReporter reporter)
            throws Exception {
        try (Bank bank = new Bank()) {
            BankCounter counter = bank.counter;
            Customer<String> inLine = Customer.start("in-line",
                    () -> counter.standInLine("A"));
            bank.service.awaitStarted("A", SAY.text("handOver", "standInLine"), inLine);

            OtherWork chatting = new OtherWork();
            Customer<String> checking = Customer.start("checking",
                    () -> counter.checkWhileWorking("B", chatting));
            // B is in line once it starts its other work: only then may C come (in order)
            awaitThat(() -> chatting.pieces() >= 1, SAY.text("otherWork.none"), checking);
            Slip slip = Customer.start("taking-a-slip", () -> counter.takeSlip("C"))
                    .result(SAY.text("atOnce.busy", "takeSlip(\"C\")"));
            Customer<String> withSlip = Customer.start("with-a-slip", slip::awaitCall);
            Phone phone = new Phone(() -> bank.service.hasFinished("D"));
            Customer.start("leaving-a-number", () -> {
                counter.leaveNumber("D", phone);
                return null;
            }).result(SAY.text("atOnce.busy", "leaveNumber(\"D\", ...)"));

            // The clerk is still on "A": look at everybody.
            awaitBlocked(inLine, SAY.text("blocked.noCpu", "standInLine"));
            awaitThat(() -> chatting.pieces() >= 5, SAY.text("otherWork.few", chatting.pieces()),
                    checking);
            assertNeverWaitsBetweenPieces(checking, chatting, 10);
            awaitBlocked(withSlip, SAY.text("blocked.noCpu", "slip.awaitCall()"));
            assertFalse(inLine.returned(), "standInLine returned before being served");
            assertFalse(checking.returned(), "checkWhileWorking returned before being served");
            assertFalse(withSlip.returned(), "awaitCall returned before being called");
            assertTrue(phone.calls().isEmpty(), "the number left for D was called before D was"
                    + " served");
            assertEquals(List.of("A"), bank.service.started(), "while A is served, nobody else"
                    + " is");

            bank.service.releaseAll();
            assertEquals(HeldService.result("A"), inLine.result("standInLine(\"A\")"));
            assertEquals(HeldService.result("B"), checking.result("checkWhileWorking(\"B\")"));
            assertEquals(HeldService.result("C"), withSlip.result(SAY.text("awaitCallFor", "C")));
            awaitThat(() -> !phone.calls().isEmpty(), SAY.text("neverCalledBack", "D"));
            counter.close();
            assertEquals(List.of("A", "B", "C", "D"), bank.service.started(), "served in order"
                    + " of arrival");
            assertEquals(1, phone.calls().size(), "D must be called exactly once: "
                    + phone.calls());
            assertEquals(List.of(checking.thread()), chatting.threads(), "otherWork must run"
                    + " only on the checking customer's thread");
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(2)
    @Hint("close")
    void closeServesEveryoneInLineThenRefusesNewCustomers(TestReporter reporter)
            throws Exception {
        try (Bank bank = new Bank()) {
            BankCounter counter = bank.counter;
            List<Phone> phones = new ArrayList<>();
            for (String request : List.of("x", "y", "z")) {
                Phone phone = new Phone(() -> bank.service.hasFinished(request));
                phones.add(phone);
                Customer.start("leaving-" + request, () -> {
                    counter.leaveNumber(request, phone);
                    return null;
                }).result(SAY.text("atOnce", "leaveNumber(\"" + request + "\", ...)"));
            }
            bank.service.awaitStarted("x", SAY.text("handOver", "leaveNumber"));
            Customer<Object> closing = Customer.start("closing", () -> {
                counter.close();
                return null;
            });
            awaitThat(() -> closing.returned() || STOPPED.contains(closing.state()),
                    SAY.text("close.neither"), closing);
            assertFalse(closing.returned(), "close() returned while \"x\" was being served and"
                    + " \"y\", \"z\" were in line: it returns once they have all been served");
            bank.service.releaseAll();
            closing.result(SAY.text("close.afterRelease"));
            // the order of service is another test's: here only who was served
            assertEquals(Set.of("x", "y", "z"), Set.copyOf(bank.service.finished()), "close()"
                    + " must let the counter serve everyone already in line before it ends");
            for (Phone phone : phones) {
                assertEquals(1, phone.calls().size(), "when close() returns, every customer in"
                        + " line has been served and called back, once: " + phone.calls());
            }

            refused("standInLine", () -> counter.standInLine("late"));
            refused("checkWhileWorking", () -> counter.checkWhileWorking("late", () -> { }));
            refused("takeSlip", () -> counter.takeSlip("late"));
            refused("leaveNumber", () -> {
                counter.leaveNumber("late", result -> { });
                return null;
            });
            assertFalse(bank.service.started().contains("late"), "a closed counter serves nobody");
            Customer.start("closing-again", () -> {
                counter.close();
                return null;
            }).result(SAY.text("close.second"));
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(1)
    @Hint("closeInterrupted")
    void closeWaitsForTheLineEvenWhenItsCallerIsInterrupted(TestReporter reporter)
            throws Exception {
        try (Bank bank = new Bank()) {
            Phone phone = new Phone(() -> bank.service.hasFinished("last one"));
            Customer.start("leaving-a-number", () -> {
                bank.counter.leaveNumber("last one", phone);
                return null;
            }).result(SAY.text("atOnce", "leaveNumber"));
            bank.service.awaitStarted("last one", SAY.text("handOver", "leaveNumber"));
            Customer<Boolean> closing = Customer.start("closing-interrupted", () -> {
                bank.counter.close();
                return Thread.currentThread().isInterrupted();
            });
            awaitThat(() -> closing.returned() || STOPPED.contains(closing.state()),
                    SAY.text("close.neither"), closing);
            long cpuBefore = CodeUnderTest.cpuTimeNanos(closing.thread());
            closing.thread().interrupt();
            // it wakes up (it runs: its CPU time grows), notes the interrupt, and waits again
            awaitThat(() -> closing.returned() || (STOPPED.contains(closing.state())
                    && CodeUnderTest.cpuTimeNanos(closing.thread()) != cpuBefore),
                    SAY.text("close.interrupted"),
                    closing);
            assertFalse(closing.returned(), "close() returned when its caller was interrupted,"
                    + " while \"last one\" was still being served: it must still wait until the"
                    + " counter's thread has ended");
            bank.service.releaseAll();
            assertTrue(closing.result(SAY.text("close.afterOneRelease")),
                    "close() was interrupted while it waited; it returned with the interrupt"
                    + " status cleared: restore it (Thread.currentThread().interrupt()) before"
                    + " returning");
            assertEquals(1, phone.calls().size(), "when close() returns, \"last one\" has been"
                    + " called back: " + phone.calls());
        }
        publishLongestWait(reporter);
    }

    private static void refused(String method, Callable<?> call) throws Exception {
        Customer<?> late = Customer.start("late-" + method, call);
        try {
            Object result = late.result(SAY.text("afterClose", method));
            fail(method + "(...) after close() returned " + result + "; it must throw"
                    + " IllegalStateException (a closed counter takes no customers)");
        } catch (IllegalStateException expected) {
            // as documented
        }
    }

    @Test
    @Points(2)
    @Hint("failure")
    void aFailedServiceReachesItsCustomerAndTheCounterGoesOn(TestReporter reporter)
            throws Exception {
        try (Bank bank = new Bank(new HeldService("lost"))) {
            BankCounter counter = bank.counter;
            bank.service.releaseAll();
            expectFailure("standInLine", () -> counter.standInLine("lost"));
            assertEquals(HeldService.result("next"), Customer.start("after-a-failure",
                    () -> counter.standInLine("next")).result(SAY.text("next.afterFailure")));
            expectFailure("checkWhileWorking", () -> counter.checkWhileWorking("lost", () -> { }));
            Slip slip = Customer.start("slip-for-lost", () -> counter.takeSlip("lost"))
                    .result(SAY.text("atOnce", "takeSlip"));
            expectFailure("slip.awaitCall", slip::awaitCall);

            Phone phone = new Phone(() -> true);
            try {
                Customer.start("number-for-lost", () -> {
                    counter.leaveNumber("lost", phone);
                    return null;
                }).result(SAY.text("atOnce.failing"));
            } catch (Exception e) {
                fail("leaveNumber(\"lost\", ...) threw " + e + ". It must return at once,"
                        + " before the service runs, so it cannot know that the service will"
                        + " fail; the failure only means that nobody is called back.", e);
            }
            assertEquals(HeldService.result("last"), Customer.start("last-customer",
                    () -> counter.standInLine("last")).result(SAY.text("goesOn")));
            counter.close();
            assertTrue(phone.calls().isEmpty(), "a failed service calls nobody back, but callMe"
                    + " got " + phone.calls());
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(1)
    @Hint("failure")
    void aServiceThatThrowsInterruptedExceptionIsAFailureLikeAnyOther(TestReporter reporter)
            throws Exception {
        try (Bank bank = new Bank(new HeldService(Set.of(), Set.of("lost")))) {
            bank.service.releaseAll();
            Customer<String> customer = Customer.start("customer-of-an-interrupted-service",
                    () -> bank.counter.standInLine("lost"));
            try {
                String result = customer.result(SAY.text("interruptedService.notReturned"));
                fail("standInLine returned " + result + " although the service threw"
                        + " InterruptedException; it must throw IllegalStateException");
            } catch (IllegalStateException expected) {
                assertTrue(expected.getCause() instanceof InterruptedException, "the service"
                        + " threw InterruptedException; standInLine threw " + expected + " with"
                        + " the cause " + expected.getCause() + ": the cause must be the"
                        + " service's own exception");
            } catch (InterruptedException e) {
                fail("the service threw InterruptedException, and standInLine threw it on as"
                        + " if its own customer had been interrupted: a failed service is an"
                        + " IllegalStateException with the service's exception as its cause", e);
            }
            assertEquals(HeldService.result("next"), Customer.start("next-customer",
                    () -> bank.counter.standInLine("next")).result(SAY.text("goesOn.afterInterruptedService")));
        }
        publishLongestWait(reporter);
    }

    private static void expectFailure(String method, Callable<?> call) throws Exception {
        Customer<?> customer = Customer.start("customer-of-" + method, call);
        try {
            Object result = customer.result(SAY.text("failing.notReturned", method));
            fail(method + " returned " + result + " although the service threw; it must throw"
                    + " IllegalStateException with the service's exception as its cause");
        } catch (IllegalStateException expected) {
            Throwable cause = expected.getCause();
            assertTrue(cause instanceof IllegalStateException
                    && HeldService.failure("lost").equals(cause.getMessage()), method + " threw "
                    + expected + " with cause " + cause + "; the cause must be the service's own"
                    + " exception, not what wraps it");
        }
    }

    @Test
    @Points(1)
    @Hint("interrupted")
    void aCustomerInterruptedWhileWaitingGetsInterruptedException(TestReporter reporter)
            throws Exception {
        try (Bank bank = new Bank()) {
            Customer<String> inLine = Customer.start("interrupted-in-line",
                    () -> bank.counter.standInLine("slow"));
            bank.service.awaitStarted("slow", SAY.text("handOver", "standInLine"), inLine);
            awaitBlocked(inLine, SAY.text("blocked", "standInLine"));
            Slip slip = Customer.start("taking", () -> bank.counter.takeSlip("slower"))
                    .result(SAY.text("atOnce", "takeSlip"));
            Customer<String> withSlip = Customer.start("interrupted-with-a-slip", slip::awaitCall);
            awaitBlocked(withSlip, SAY.text("blocked", "slip.awaitCall()"));
            for (Customer<String> customer : List.of(inLine, withSlip)) {
                customer.thread().interrupt();
                try {
                    String result = customer.result(SAY.text("interrupted.stops"));
                    fail(customer.thread().getName() + ": interrupted while waiting, but the call"
                            + " returned " + result);
                } catch (InterruptedException expected) {
                    // as documented
                } catch (Exception e) {
                    fail(customer.thread().getName() + ": interrupted while waiting, the call"
                            + " threw " + e + "; it must throw InterruptedException (do not turn"
                            + " it into another exception)", e);
                }
            }
            bank.service.releaseAll();
            assertEquals(HeldService.result("next"), Customer.start("next", () -> bank.counter
                    .standInLine("next")).result(SAY.text("goesOn.afterLeaving")));
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(1)
    @Hint("slipLate")
    void aSlipReadAfterTheCallReturnsAtOnce(TestReporter reporter) throws Exception {
        try (Bank bank = new Bank()) {
            Slip slip = Customer.start("taking", () -> bank.counter.takeSlip("early"))
                    .result(SAY.text("atOnce", "takeSlip"));
            bank.service.release(1);
            awaitThat(() -> bank.service.hasFinished("early"), SAY.text("slip.neverServed"));
            for (int i = 0; i < 3; i++) {
                assertEquals(HeldService.result("early"), Customer.start("reading-" + i,
                        slip::awaitCall).result(SAY.text("slip.late")), "awaitCall's result");
            }
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(2)
    @Hint("manyCallbacks")
    void tenNumbersAreEachCalledOnceInOrderOnTheCountersThread(TestReporter reporter)
            throws Exception {
        List<Phone.Call> everyCall = new ArrayList<>();
        try (Bank bank = new Bank()) {
            List<Phone> phones = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String request = "customer " + i;
                Phone phone = new Phone(() -> bank.service.hasFinished(request)) {
                    @Override
                    public void accept(String result) {
                        super.accept(result);
                        synchronized (everyCall) {
                            everyCall.add(calls().get(calls().size() - 1));
                        }
                    }
                };
                phones.add(phone);
                Customer.start("leaving-" + i, () -> {
                    bank.counter.leaveNumber(request, phone);
                    return null;
                }).result(SAY.text("atOnce", "leaveNumber(\"" + request + "\", ...)"));
            }
            bank.service.releaseAll();
            // every number is called before the counter closes: what close() does with a line
            // is judged by the close tests, and must not decide this one by a race
            awaitThat(() -> phones.stream().allMatch(p -> !p.calls().isEmpty()),
                    SAY.text("ten.notCalledBack"));
            Customer.start("closing", () -> {
                bank.counter.close();
                return null;
            }).result(SAY.text("close.notReturned"));

            Thread clerk = bank.service.threads().get(0);
            for (int i = 0; i < 10; i++) {
                List<Phone.Call> calls = phones.get(i).calls();
                assertEquals(1, calls.size(), "customer " + i + " must be called exactly once: "
                        + calls);
                assertTrue(calls.get(0).afterService(), "customer " + i + " was called before"
                        + " being served");
                assertSame(clerk, calls.get(0).thread(), "customer " + i + " was called on '"
                        + calls.get(0).thread().getName() + "', not on the counter's thread");
            }
            synchronized (everyCall) {
                for (int i = 0; i < 10; i++) {
                    assertEquals(HeldService.result("customer " + i), everyCall.get(i).result(),
                            "the calls must come in the order of service");
                }
            }
        }
        publishLongestWait(reporter);
    }
}
