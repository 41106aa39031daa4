/**
 * Exercise {@code udp}: datagrams, {@code recvfrom}/{@code sendto}, and a server that serves
 * many clients with one socket.
 *
 * <p>UDP sends <em>datagrams</em>: self-contained messages, each delivered whole or not at all,
 * with no connection, no order between them and no promise that they arrive. In Java a
 * {@link java.net.DatagramSocket} sends and receives {@link java.net.DatagramPacket}s; a received
 * packet carries its sender's address, which is what Python's {@code recvfrom} returns and what
 * {@code sendto} needs for the reply.
 *
 * <p>What you build, in the order that makes sense:
 * <ol>
 *   <li>{@link conclab.udp.UdpEchoServer}: a server on a port of your choice or a free one, that
 *       echoes every datagram to its sender (empty, oversized and binary ones too), serves any
 *       number of clients at once, and frees its port the moment it is closed.</li>
 *   <li>{@link conclab.udp.UdpClient}: one request, one reply, and a timeout, because a UDP
 *       client can never be sure that an answer will come.</li>
 *   <li>{@link conclab.udp.UdpTimeServer}: the lecture's time server, answering every datagram
 *       with the current instant in ISO-8601 (UTC).</li>
 * </ol>
 *
 * <p>This is the reference solution (instructors only, never shipped to students): the same
 * public API and documentation as the stubs in the exercises module, which the public tests
 * (compiled against the stubs) and the hidden tests run against.
 *
 * <p>Each class's documentation is its specification. Run the tests of this exercise alone, from
 * the repository's root, with {@code ./mvnw test -Dgroups=udp} ({@code mvnw.cmd} on Windows);
 * start a server by hand with its {@code main} (its documentation gives the command) and talk to
 * it with {@link conclab.udp.UdpClient#main(String[])} or {@code nc -u 127.0.0.1 PORT}.
 */
package conclab.udp;
