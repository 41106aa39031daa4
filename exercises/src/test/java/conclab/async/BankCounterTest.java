package conclab.async;

import static conclab.async.AsyncTestKit.STOPPED;
import static conclab.async.AsyncTestKit.assertNeverWaitsBetweenPieces;
import static conclab.async.AsyncTestKit.assertServedByTheCounter;
import static conclab.async.AsyncTestKit.awaitBlocked;
import static conclab.async.AsyncTestKit.awaitThat;
import static conclab.async.AsyncTestKit.publishLongestWait;
import static conclab.async.AsyncTestKit.publish;
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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * One quadrant per test. The counter's service is held until the test releases it: the test
 * looks at the customer while it is held (returned or not, thread state, other work done,
 * callbacks) and again after the release. Every text is in {@code BankCounterTest.properties}
 * (and {@code _zh_CN}); each check that can fail in its own way carries the hint for it
 * ({@link Say#hinting}), the kit's checks of how a customer waits theirs.
 */
@Tag("async")
@Timeout(10)
class BankCounterTest {

    private static final Say SAY = Say.of(BankCounterTest.class);

    @Test
    @Points(2)
    @Hint("standInLine")
    void standInLineWaitsBlockedUntilServed(TestReporter reporter) throws Exception {
        try (Bank bank = new Bank()) {
            Customer<String> customer = Customer.start("customer-in-line",
                    () -> bank.counter.standInLine("deposit"));
            bank.service.awaitStarted("deposit", SAY.text("handOver", "standInLine"), customer);
            awaitBlocked(customer, SAY.text("standInLine.notBlocked"));
            assertFalse(customer.returned(), SAY.text("standInLine.early"));
            assertServedByTheCounter(customer, bank.service);

            bank.service.release(1);
            assertEquals(HeldService.result("deposit"), customer.result(SAY.text("notAfterService",
                    "standInLine")), SAY.text("result", "standInLine"));
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(3)
    @Hint("checkWhileWorking")
    void checkWhileWorkingDoesOtherWorkUntilServed(TestReporter reporter) throws Exception {
        try (Bank bank = new Bank()) {
            OtherWork phoneCall = new OtherWork();
            Customer<String> customer = Customer.start("customer-on-the-phone",
                    () -> bank.counter.checkWhileWorking("transfer", phoneCall));
            bank.service.awaitStarted("transfer", SAY.text("handOver", "checkWhileWorking"),
                    customer);
            SAY.hinting("checking.otherWork", () -> awaitThat(() -> phoneCall.pieces() >= 5,
                    () -> SAY.text("checking.fewPieces", phoneCall.pieces()), customer));
            assertNeverWaitsBetweenPieces(customer, phoneCall, 20);
            assertFalse(customer.returned(), SAY.text("checking.early"));
            SAY.hinting("checking.sameThread", () -> assertEquals(List.of(customer.thread()),
                    phoneCall.threads(), SAY.text("checking.elsewhere")));
            assertServedByTheCounter(customer, bank.service);

            bank.service.release(1);
            String result = SAY.hinting("checking.notices", () -> customer.result(
                    SAY.text("notAfterService", "checkWhileWorking")));
            assertEquals(HeldService.result("transfer"), result, SAY.text("result",
                    "checkWhileWorking"));
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(3)
    @Hint("takeSlip")
    void takeSlipReturnsAtOnceThenAwaitCallWaitsBlocked(TestReporter reporter) throws Exception {
        try (Bank bank = new Bank()) {
            Customer<Slip> taking = Customer.start("customer-taking-a-slip",
                    () -> bank.counter.takeSlip("withdraw"));
            long took = System.nanoTime();
            Slip slip = SAY.hinting("takeSlip.atOnce", () -> taking.result(
                    SAY.text("takeSlip.notAtOnce")));
            publish(reporter, "takeSlipReturn", (System.nanoTime() - took) / 1_000_000);
            assertFalse(bank.service.hasFinished("withdraw"), SAY.text("takeSlip.notFinished"));

            Customer<String> waiting = Customer.start("customer-with-a-slip", slip::awaitCall);
            bank.service.awaitStarted("withdraw", SAY.text("handOver", "takeSlip"), waiting);
            awaitBlocked(waiting, SAY.text("takeSlip.notBlocked"));
            assertFalse(waiting.returned(), SAY.text("takeSlip.early"));

            bank.service.release(1);
            assertEquals(HeldService.result("withdraw"), waiting.result(SAY.text("notAfterService",
                    "slip.awaitCall()")), SAY.text("result", "awaitCall"));
            Customer<String> again = Customer.start("customer-reading-the-slip-again",
                    slip::awaitCall);
            SAY.hinting("takeSlip.again", () -> assertEquals(HeldService.result("withdraw"),
                    again.result(SAY.text("takeSlip.secondWaits")), SAY.text("takeSlip.second")));
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(4)
    @Hint("leaveNumber")
    void leaveNumberReturnsAtOnceAndIsCalledBackOnceAfterTheService(TestReporter reporter)
            throws Exception {
        try (Bank bank = new Bank()) {
            Phone phone = new Phone(() -> bank.service.hasFinished("open account"));
            Customer<Object> leaving = Customer.start("customer-leaving-a-number", () -> {
                bank.counter.leaveNumber("open account", phone);
                return null;
            });
            long took = System.nanoTime();
            SAY.hinting("leaveNumber.atOnce", () -> leaving.result(SAY.text("leaveNumber.notAtOnce",
                    "open account")));
            publish(reporter, "leaveNumberReturn", (System.nanoTime() - took) / 1_000_000);
            SAY.hinting("leaveNumber.afterService", () -> assertTrue(phone.calls().isEmpty(),
                    SAY.text("leaveNumber.tooEarly", phone.calls())));

            bank.service.awaitStarted("open account", SAY.text("handOver", "leaveNumber"));
            bank.service.release(1);
            SAY.hinting("leaveNumber.callBack", () -> awaitThat(() -> !phone.calls().isEmpty(),
                    SAY.text("leaveNumber.notCalled")));
            bank.counter.close(); // the counter's thread has ended: no call can still come

            List<Phone.Call> calls = phone.calls();
            SAY.hinting("leaveNumber.once", () -> assertEquals(1, calls.size(),
                    SAY.text("leaveNumber.calls", calls.size(), calls)));
            Phone.Call call = calls.get(0);
            assertEquals(HeldService.result("open account"), call.result(),
                    SAY.text("leaveNumber.result"));
            SAY.hinting("leaveNumber.afterService", () -> assertTrue(call.afterService(),
                    SAY.text("leaveNumber.beforeService")));
            SAY.hinting("leaveNumber.onTheCounter", () -> assertSame(bank.service.threads().get(0),
                    call.thread(), SAY.text("leaveNumber.thread", call.thread().getName())));
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(1)
    @Hint("daemon")
    void theClerkIsADaemonThreadOfTheCounter(TestReporter reporter) throws Exception {
        try (Bank bank = new Bank()) {
            // the first customer is no daemon, as a program's main thread is not: the counter's
            // thread must be made a daemon, not merely inherit it
            Customer<String> customer = Customer.startAsMain("customer-for-the-clerk",
                    () -> bank.counter.standInLine("look at the clerk"));
            bank.service.awaitStarted("look at the clerk", SAY.text("handOver", "standInLine"),
                    customer);
            Thread clerk = bank.service.threads().get(0);
            assertServedByTheCounter(customer, bank.service);
            List<CodeUnderTest.ThreadView> named = CodeUnderTest.threads().stream()
                    .filter(t -> t.name().equals(clerk.getName())).toList();
            assertFalse(named.isEmpty(), SAY.text("daemon.unknown", clerk.getName()));
            assertTrue(named.stream().allMatch(CodeUnderTest.ThreadView::daemon),
                    SAY.text("daemon.not", clerk.getName()));
            bank.service.release(1);
            customer.result(SAY.text("notAfterService", "standInLine"));
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(2)
    @Hint("closeWaits")
    void closeWaitsUntilTheLineIsServed(TestReporter reporter) throws Exception {
        try (Bank bank = new Bank()) {
            List<String> requests = List.of("x", "y");
            List<Phone> phones = requests.stream()
                    .map(r -> new Phone(() -> bank.service.hasFinished(r))).toList();
            for (int i = 0; i < requests.size(); i++) {
                String request = requests.get(i);
                Phone phone = phones.get(i);
                leaveNumberAtOnce("leaving-" + request, bank, request, phone);
            }
            bank.service.awaitStarted("x", SAY.text("handOver", "leaveNumber"));
            Customer<Boolean> closing = Customer.start("closing-the-counter", () -> {
                bank.counter.close();
                return Thread.currentThread().isInterrupted();
            });
            awaitThat(() -> closing.returned() || STOPPED.contains(closing.state()),
                    SAY.text("close.neither"), closing);
            assertFalse(closing.returned(), SAY.text("close.early"));

            bank.service.releaseAll();
            boolean interrupted = closing.result(SAY.text("close.notAfterRelease"));
            SAY.hinting("close.interruptAlone", () -> assertFalse(interrupted,
                    SAY.text("close.interrupted")));
            // the order of service is another test's: here only who was served
            SAY.hinting("close.serveTheLine", () -> assertEquals(Set.copyOf(requests),
                    Set.copyOf(bank.service.finished()), SAY.text("close.served")));
            for (int i = 0; i < requests.size(); i++) {
                List<Phone.Call> calls = phones.get(i).calls();
                String request = requests.get(i);
                SAY.hinting(calls.isEmpty() ? "close.callbacksToo" : "leaveNumber.once",
                        () -> assertEquals(1, calls.size(), SAY.text("close.calledBack", request,
                                calls)));
            }
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(1)
    @Hint("closed")
    void aClosedCounterTakesNoNewCustomers(TestReporter reporter) throws Exception {
        try (Bank bank = new Bank()) {
            bank.service.releaseAll();
            Customer.start("closing-the-counter", () -> {
                bank.counter.close();
                return null;
            }).result(SAY.text("closed.idle"));
            Customer<String> late = Customer.start("late-customer",
                    () -> bank.counter.standInLine("late"));
            try {
                String result = late.result(SAY.text("closed.notReturned"));
                fail(SAY.text("closed.served", result));
            } catch (IllegalStateException expected) {
                // as documented
            }
            assertFalse(bank.service.started().contains("late"), SAY.text("closed.nobody"));
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(2)
    @Hint("failure")
    void aFailedServiceReachesItsCustomerAsTheCause(TestReporter reporter) throws Exception {
        try (Bank bank = new Bank(new HeldService("lost"))) {
            bank.service.releaseAll();
            Customer<String> unlucky = Customer.start("unlucky-customer",
                    () -> bank.counter.standInLine("lost"));
            try {
                String result = unlucky.result(SAY.text("failure.notReturned"));
                fail(SAY.text("failure.returned", result));
            } catch (IllegalStateException expected) {
                Throwable cause = expected.getCause();
                SAY.hinting("failure.cause", () -> assertTrue(cause instanceof IllegalStateException
                        && HeldService.failure("lost").equals(cause.getMessage()),
                        SAY.text("failure.wrongCause", expected, cause, HeldService.failure("lost"))));
            }
            assertEquals(HeldService.result("next"), Customer.start("next-customer",
                    () -> bank.counter.standInLine("next")).result(SAY.text("failure.next")),
                    SAY.text("failure.nextResult"));
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(1)
    @Hint("brokenPhone")
    void aCallbackThatThrowsDoesNotStopTheCounter(TestReporter reporter) throws Exception {
        try (Bank bank = new Bank()) {
            bank.service.releaseAll();
            Phone broken = new Phone(() -> true) {
                @Override
                public void accept(String result) {
                    super.accept(result);
                    throw new IllegalStateException("the customer's phone is broken");
                }
            };
            leaveNumberAtOnce("broken-phone", bank, "call me", broken);
            SAY.hinting("leaveNumber.callBack", () -> awaitThat(() -> !broken.calls().isEmpty(),
                    SAY.text("brokenPhone.notCalled")));
            for (String request : List.of("after", "and after")) {
                assertEquals(HeldService.result(request), Customer.start("next-" + request,
                        () -> bank.counter.standInLine(request)).result(SAY.text("brokenPhone.next")));
            }
            List<Thread> threads = bank.service.threads();
            assertTrue(threads.stream().allMatch(t -> t == threads.get(0)),
                    SAY.text("brokenPhone.newThread", AsyncTestKit.named(threads)));
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(1)
    @Hint("interrupted")
    void anInterruptedCustomerStopsWaitingWithInterruptedException(TestReporter reporter)
            throws Exception {
        try (Bank bank = new Bank()) {
            Customer<String> customer = Customer.start("customer-called-away",
                    () -> bank.counter.standInLine("slow"));
            bank.service.awaitStarted("slow", SAY.text("handOver", "standInLine"), customer);
            awaitBlocked(customer, SAY.text("interrupted.notBlocked"));
            customer.thread().interrupt();
            try {
                String result = customer.result(SAY.text("interrupted.goesOn"));
                fail(SAY.text("interrupted.returned", result));
            } catch (InterruptedException expected) {
                // as documented
            } catch (Exception e) {
                fail(SAY.text("interrupted.threw", e), e);
            }
        }
        publishLongestWait(reporter);
    }

    @Test
    @Points(2)
    @Hint("order")
    void servesOneCustomerAtATimeInOrderOnItsOwnThread(TestReporter reporter) throws Exception {
        List<String> requests = List.of("first", "second", "third");
        try (Bank bank = new Bank()) {
            List<Phone> phones = requests.stream()
                    .map(r -> new Phone(() -> bank.service.hasFinished(r))).toList();
            for (int i = 0; i < requests.size(); i++) {
                String request = requests.get(i);
                leaveNumberAtOnce("customer-" + request, bank, request, phones.get(i));
            }
            for (int i = 0; i < requests.size(); i++) {
                Phone phone = phones.get(i);
                int served = i + 1;
                String request = requests.get(i);
                bank.service.release(1);
                awaitThat(() -> !phone.calls().isEmpty(), () -> SAY.text("order.notCalled", served,
                        request, bank.service.started()));
            }
            bank.counter.close();

            SAY.hinting("order.fifo", () -> assertEquals(requests, bank.service.started(),
                    SAY.text("order.arrival")));
            SAY.hinting("order.oneClerk", () -> assertEquals(1, bank.service.mostAtOnce(),
                    SAY.text("order.atOnce", bank.service.mostAtOnce())));
            Thread clerk = bank.service.threads().get(0);
            SAY.hinting("order.oneThread", () -> assertTrue(bank.service.threads().stream()
                    .allMatch(t -> t == clerk), SAY.text("order.threads",
                    AsyncTestKit.named(bank.service.threads()))));
            for (Phone phone : phones) {
                SAY.hinting("leaveNumber.once", () -> assertEquals(1, phone.calls().size(),
                        SAY.text("order.once", phone.calls())));
            }
        }
        publishLongestWait(reporter);
    }

    /** Leaves {@code phone}'s number for {@code request}, as the customer {@code name}: at once. */
    private static void leaveNumberAtOnce(String name, Bank bank, String request, Phone phone)
            throws Exception {
        Customer<Object> leaving = Customer.start(name, () -> {
            bank.counter.leaveNumber(request, phone);
            return null;
        });
        SAY.hinting("leaveNumber.atOnce", () -> leaving.result(SAY.text("leaveNumber.notAtOnce",
                request)));
    }
}
