/**
 * Exercise {@code async}: synchronous versus asynchronous, blocking versus non-blocking, told as
 * a queue at the bank.
 *
 * <p>Two words describe <em>how a task is submitted</em>: synchronous (wait in place for the
 * result) and asynchronous (go on at once; a feedback mechanism delivers the result later). Two
 * others describe <em>the state of whoever waits</em>: blocking (stopped, in the blocked state)
 * and non-blocking (ready or running, doing other work). They combine into four quadrants.
 *
 * <p>What you build: {@link conclab.async.BankCounter}, a counter with one clerk (a thread of its
 * own) that serves a {@link conclab.async.Service} for one customer at a time, in order, and
 * one method per quadrant for the customers: {@code standInLine}, {@code checkWhileWorking},
 * {@code takeSlip} (with its {@link conclab.async.Slip}) and {@code leaveNumber}.
 *
 * <p>The tests judge no time at all: they hold the counter's service on a latch, look at every
 * customer while it is held (who has returned, who is still waiting, in which thread state, how
 * much other work was done, whether a callback came), then let it go and look again. Run this
 * exercise's tests alone, from the repository's root, with {@code ./mvnw test -Dgroups=async}
 * ({@code mvnw.cmd} on Windows).
 */
package conclab.async;
