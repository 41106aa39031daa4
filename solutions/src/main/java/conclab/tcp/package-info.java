/**
 * Exercise {@code tcp}: connections, the communication loop and the connection loop, and a
 * server that no client can take down.
 *
 * <p>TCP sends a <em>stream</em> of bytes over a <em>connection</em>. A server listens
 * ({@link java.net.ServerSocket}, Python's {@code bind} and {@code listen}), accepts one
 * connection per client ({@code accept}, which returns a {@link java.net.Socket}), and then reads
 * and writes bytes on that connection until one side closes it. Compare the {@code udp}
 * exercise: there, one socket and one loop serve everybody, each datagram carrying its sender.
 *
 * <p>What you build, in the order that makes sense:
 * <ol>
 *   <li>{@link conclab.tcp.TcpEchoServer}: an echo server with the lecture's two loops, the
 *       connection loop (client after client) and the communication loop (message after
 *       message); it knows that an "empty read" ({@code read} returning {@code -1}) means the
 *       client has left, survives clients that reset the connection, and frees its port the
 *       moment it is closed.</li>
 *   <li>{@link conclab.tcp.TcpEchoClient}: a client that sends what the user types, skips empty
 *       input (sending nothing would wait forever for an echo), and reads each echo whole.</li>
 * </ol>
 *
 * <p>This is the reference solution (instructors only, never shipped to students): the same
 * public API and documentation as the stubs in the exercises module, which the public tests
 * (compiled against the stubs) and the hidden tests run against.
 *
 * <p>Each class's documentation is its specification. Run the tests of this exercise alone, from
 * the repository's root, with {@code ./mvnw test -Dgroups=tcp} ({@code mvnw.cmd} on Windows);
 * start the server by hand with its {@code main} (its documentation gives the command) and talk
 * to it with {@link conclab.tcp.TcpEchoClient#main(String[])} or {@code nc 127.0.0.1 PORT}.
 */
package conclab.tcp;
