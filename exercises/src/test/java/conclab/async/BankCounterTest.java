package conclab.async;

import static conclab.async.AsyncTestKit.STOPPED;
import static conclab.async.AsyncTestKit.assertNeverWaitsBetweenPieces;
import static conclab.async.AsyncTestKit.awaitBlocked;
import static conclab.async.AsyncTestKit.awaitThat;
import static conclab.async.AsyncTestKit.publishLongestWait;
import static conclab.async.AsyncTestKit.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * One quadrant per test. The counter's service is held until the test releases it: the test
 * looks at the customer while it is held (returned or not, thread state, other work done,
 * callbacks) and again after the release.
 */
@Tag("async")
@Timeout(10)
class BankCounterTest {

    @Test
    @Points(2)
    @Hint("standInLine")
    void standInLineWaitsBlockedUntilServed(TestReporter reporter) throws Exception {
        try (Bank bank = new Bank()) {
            Customer<String> customer = Customer.start("customer-in-line",
                    () -> bank.counter.standInLine("deposit"));
            bank.service.awaitStarted("deposit", "standInLine must hand the request to the"
                    + " counter's thread.", customer);
            awaitBlocked(customer, "while the counter was serving, the thread in"
                    + " standInLine(...) did not wait blocked: a blocking wait stops the thread"
                    + " until the result is there, using no CPU; it does not keep checking. Wait"
                    + " with Future.get().");
            assertFalse(customer.returned(), "standInLine(\"deposit\") returned while the counter"
                    + " was still serving it: a synchronous call returns only with the result.");
            assertNotSame(customer.thread(), bank.service.threads().get(0), "the service ran on"
                    + " the customer's own thread: the counter serves on its own thread.");

            bank.service.release(1);
            assertEquals(HeldService.result("deposit"), customer.result("standInLine did not"
                    + " return after the service had finished"), "standInLine's result");
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
            bank.service.awaitStarted("transfer", "checkWhileWorking must hand the request to"
                    + " the counter's thread first.", customer);
            awaitThat(() -> phoneCall.pieces() >= 5, "while the counter was serving, the"
                    + " customer in checkWhileWorking(...) ran otherWork only "
                    + phoneCall.pieces() + " times: a non-blocking wait keeps busy. Loop: if the"
                    + " Future is not done, run otherWork once, and check again.", customer);
            assertNeverWaitsBetweenPieces(customer, phoneCall, 20);
            assertFalse(customer.returned(), "checkWhileWorking(\"transfer\", ...) returned while"
                    + " the counter was still serving: it is synchronous, it returns the result.");
            assertEquals(List.of(customer.thread()), phoneCall.threads(), "otherWork must run on"
                    + " the customer's own thread, in its checking loop, and nowhere else.");
            assertNotSame(customer.thread(), bank.service.threads().get(0), "the service ran on"
                    + " the customer's own thread: the counter serves on its own thread.");

            bank.service.release(1);
            assertEquals(HeldService.result("transfer"), customer.result("checkWhileWorking did"
                    + " not return after the service had finished: does the loop check"
                    + " Future.isDone() between pieces of work?"), "checkWhileWorking's result");
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
            Slip slip = taking.result("takeSlip(\"withdraw\") did not return while the counter"
                    + " was serving: an asynchronous call returns at once, before the service");
            publish(reporter, "takeSlipReturn", (System.nanoTime() - took) / 1_000_000);
            assertFalse(bank.service.hasFinished("withdraw"), "the service cannot have finished");

            Customer<String> waiting = Customer.start("customer-with-a-slip", slip::awaitCall);
            bank.service.awaitStarted("withdraw", "takeSlip must hand the request to the"
                    + " counter's thread.", waiting);
            awaitBlocked(waiting, "while the counter was serving, the thread in"
                    + " slip.awaitCall() did not wait blocked: waiting for the call stops the"
                    + " thread until it is woken, using no CPU; it does not keep checking.");
            assertFalse(waiting.returned(), "slip.awaitCall() returned before the counter had"
                    + " served the request.");

            bank.service.release(1);
            assertEquals(HeldService.result("withdraw"), waiting.result("slip.awaitCall() did"
                    + " not return after the service had finished"), "awaitCall's result");
            Customer<String> again = Customer.start("customer-reading-the-slip-again",
                    slip::awaitCall);
            assertEquals(HeldService.result("withdraw"), again.result("a second awaitCall(),"
                    + " after the call came, must return the same result at once"),
                    "the second awaitCall's result");
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
            leaving.result("leaveNumber(\"open account\", callMe) did not return while the"
                    + " counter was serving: an asynchronous call returns at once and never"
                    + " waits for the result; the counter calls back later");
            publish(reporter, "leaveNumberReturn", (System.nanoTime() - took) / 1_000_000);
            assertTrue(phone.calls().isEmpty(), "callMe was called (" + phone.calls() + ")"
                    + " before the counter had served the request.");

            bank.service.awaitStarted("open account", "leaveNumber must hand the request to"
                    + " the counter's thread.");
            bank.service.release(1);
            awaitThat(() -> !phone.calls().isEmpty(), "the counter served the request, but"
                    + " nobody called callMe: after serving, the counter's thread calls"
                    + " callMe.accept(result).");
            bank.counter.close(); // the counter's thread has ended: no call can still come

            List<Phone.Call> calls = phone.calls();
            assertEquals(1, calls.size(), "callMe must be called exactly once, but it was"
                    + " called " + calls.size() + " times: " + calls);
            Phone.Call call = calls.get(0);
            assertEquals(HeldService.result("open account"), call.result(), "callMe's result");
            assertTrue(call.afterService(), "callMe was called before the service had finished");
            assertSame(bank.service.threads().get(0), call.thread(), "callMe must be called on"
                    + " the counter's thread (where the service ran), but it ran on '"
                    + call.thread().getName() + "'.");
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
            bank.service.awaitStarted("look at the clerk", "standInLine must hand the request to"
                    + " the counter's thread.", customer);
            Thread clerk = bank.service.threads().get(0);
            assertNotSame(customer.thread(), clerk, "the service ran on the customer's own"
                    + " thread: the counter serves on its own thread.");
            List<CodeUnderTest.ThreadView> named = CodeUnderTest.threads().stream()
                    .filter(t -> t.name().equals(clerk.getName())).toList();
            assertFalse(named.isEmpty(), "the counter's thread '" + clerk.getName() + "' is not"
                    + " among the threads of the JVM that runs the counter");
            assertTrue(named.stream().allMatch(CodeUnderTest.ThreadView::daemon), "the counter's"
                    + " thread '" + clerk.getName() + "' is not a daemon thread: a counter that"
                    + " nobody closed would keep its program alive for ever. Give the executor a"
                    + " thread factory that calls setDaemon(true).");
            bank.service.release(1);
            customer.result("standInLine did not return after the service had finished");
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
                Customer.start("leaving-" + request, () -> {
                    bank.counter.leaveNumber(request, phone);
                    return null;
                }).result("leaveNumber(\"" + request + "\", ...) did not return at once");
            }
            bank.service.awaitStarted("x", "leaveNumber must hand the request to the counter's"
                    + " thread.");
            Customer<Boolean> closing = Customer.start("closing-the-counter", () -> {
                bank.counter.close();
                return Thread.currentThread().isInterrupted();
            });
            awaitThat(() -> closing.returned() || STOPPED.contains(closing.state()),
                    "close() neither returned nor waited", closing);
            assertFalse(closing.returned(), "close() returned while the counter was still"
                    + " serving \"x\", with \"y\" in line: close serves everyone already in line"
                    + " (shutdown, then awaitTermination) and returns once the counter's thread"
                    + " has ended.");

            bank.service.releaseAll();
            assertFalse(closing.result("close() did not return after every service had been"
                    + " released"), "close() returned with its caller's thread interrupted,"
                    + " though nobody had interrupted it");
            // the order of service is another test's: here only who was served
            assertEquals(Set.copyOf(requests), Set.copyOf(bank.service.finished()), "when close()"
                    + " returns, everyone who was in line has been served (shutdown() lets the"
                    + " line finish; shutdownNow() would drop it)");
            for (int i = 0; i < requests.size(); i++) {
                assertEquals(1, phones.get(i).calls().size(), "when close() returns, \""
                        + requests.get(i) + "\" has been called back, once: "
                        + phones.get(i).calls());
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
            }).result("close() of an idle counter did not return");
            Customer<String> late = Customer.start("late-customer",
                    () -> bank.counter.standInLine("late"));
            try {
                String result = late.result("standInLine(...) after close() did not return");
                fail("standInLine(\"late\") after close() returned " + result + "; it must throw"
                        + " IllegalStateException: a closed counter takes no customers");
            } catch (IllegalStateException expected) {
                // as documented
            }
            assertFalse(bank.service.started().contains("late"), "a closed counter serves"
                    + " nobody");
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
                String result = unlucky.result("standInLine(\"lost\") did not return after its"
                        + " service had failed");
                fail("standInLine(\"lost\") returned " + result + " although the service threw;"
                        + " it must throw IllegalStateException");
            } catch (IllegalStateException expected) {
                Throwable cause = expected.getCause();
                assertTrue(cause instanceof IllegalStateException && HeldService.failure("lost")
                        .equals(cause.getMessage()), "standInLine threw " + expected + " with"
                        + " the cause " + cause + "; the cause must be the service's own"
                        + " exception (IllegalStateException: " + HeldService.failure("lost")
                        + "), not what wraps it (unwrap ExecutionException.getCause())");
            }
            assertEquals(HeldService.result("next"), Customer.start("next-customer",
                    () -> bank.counter.standInLine("next")).result("after a failed service the"
                    + " counter must serve the next customer"), "the next customer's result");
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
            Customer.start("broken-phone", () -> {
                bank.counter.leaveNumber("call me", broken);
                return null;
            }).result("leaveNumber must return at once");
            awaitThat(() -> !broken.calls().isEmpty(), "the counter served \"call me\" but"
                    + " never called back");
            for (String request : List.of("after", "and after")) {
                assertEquals(HeldService.result(request), Customer.start("next-" + request,
                        () -> bank.counter.standInLine(request)).result("a callback threw; the"
                        + " counter must go on with the next customer"));
            }
            List<Thread> threads = bank.service.threads();
            assertTrue(threads.stream().allMatch(t -> t == threads.get(0)), "a callback threw,"
                    + " and the next customers were served on another thread ("
                    + threads.stream().map(Thread::getName).toList() + "): the exception ended"
                    + " the counter's thread. Catch what callMe throws, on the counter's thread,"
                    + " and go on.");
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
            bank.service.awaitStarted("slow", "standInLine must hand the request to the"
                    + " counter's thread.", customer);
            awaitBlocked(customer, "while the counter was serving, the thread in"
                    + " standInLine(...) did not wait blocked.");
            customer.thread().interrupt();
            try {
                String result = customer.result("standInLine did not stop waiting when its"
                        + " thread was interrupted");
                fail("standInLine was interrupted while it waited, but returned " + result);
            } catch (InterruptedException expected) {
                // as documented
            } catch (Exception e) {
                fail("standInLine was interrupted while it waited and threw " + e + "; it must"
                        + " throw InterruptedException: catch only ExecutionException around"
                        + " Future.get()", e);
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
                Phone phone = phones.get(i);
                Customer.start("customer-" + request, () -> {
                    bank.counter.leaveNumber(request, phone);
                    return null;
                }).result("leaveNumber(\"" + request + "\", ...) did not return at once");
            }
            for (int i = 0; i < requests.size(); i++) {
                Phone phone = phones.get(i);
                bank.service.release(1);
                awaitThat(() -> !phone.calls().isEmpty(), "three customers left their numbers,"
                        + " in order; after " + (i + 1) + " services, \"" + requests.get(i)
                        + "\" was not called back. Services started: "
                        + bank.service.started());
            }
            bank.counter.close();

            assertEquals(requests, bank.service.started(), "the counter serves customers in"
                    + " the order they arrived (first come, first served)");
            assertEquals(1, bank.service.mostAtOnce(), "the counter served "
                    + bank.service.mostAtOnce() + " customers at the same time; it has one"
                    + " clerk: one customer at a time.");
            Thread clerk = bank.service.threads().get(0);
            assertTrue(bank.service.threads().stream().allMatch(t -> t == clerk), "every service"
                    + " must run on the counter's one thread, but they ran on "
                    + bank.service.threads().stream().map(Thread::getName).toList());
            for (Phone phone : phones) {
                assertEquals(1, phone.calls().size(), "each customer is called exactly once: "
                        + phone.calls());
            }
        }
        publishLongestWait(reporter);
    }
}
