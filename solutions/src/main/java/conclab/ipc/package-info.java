/**
 * Exercise {@code ipc}: inter-process communication, a queue that a parent and its children
 * share through a real channel.
 *
 * <p>Processes share no memory, so whatever passes between them goes through a channel of the
 * operating system. Here it is a TCP connection over the loopback address: the parent's
 * {@link conclab.ipc.ProcessQueue} holds the messages and serves them; each child connects to
 * it and puts and gets through the connection.
 *
 * <p>What you build: {@link conclab.ipc.ProcessQueue}, in this order:
 * <ol>
 *   <li>the parent's end alone: {@code create}, {@code put}, {@code get} with a timeout,
 *       {@code close};</li>
 *   <li>a child's end: {@code connect}, and {@code put} framed over the connection, served by a
 *       thread per child in the parent;</li>
 *   <li>{@code get} from a child, answered by the parent within the timeout;</li>
 *   <li>what happens when the other side is gone: a {@link conclab.ipc.QueueClosedException},
 *       never a hang.</li>
 * </ol>
 *
 * <p>Each class's documentation is its specification. Run the tests of this exercise alone with
 * {@code mvn test -Dgroups=ipc}; watch two producer children share a queue with
 * {@link conclab.ipc.ProcessQueue#main(String[])}.
 *
 * <p>This is the reference solution (instructors only, never shipped to students): the same
 * public API and documentation as the stubs in the exercises module, which the public tests
 * (compiled against the stubs) and the hidden tests run against.
 */
package conclab.ipc;
