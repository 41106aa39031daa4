/**
 * Exercise {@code framing}: TCP is a byte stream, so messages need frames. Sticky packets
 * (粘包) and their cure, a length-prefixed header.
 *
 * <p>Over TCP, the receiver sees bytes, not the sender's messages: several small messages can
 * come out of one {@code read} glued together, and one message can take several reads. The cure
 * of the lecture: put a fixed-length header before each message that says how long the variable
 * part is, so the receiver always knows how many bytes to read next.
 *
 * <h2>The protocol</h2>
 * A conversation is a sequence of frames, back to back, with nothing between them. One frame:
 * <pre>
 * +----------------------+--------------------------------+---------------------+
 * | header length        | header                         | payload             |
 * | 4 bytes, big-endian  | "header length" bytes:         | exactly "size"      |
 * | signed 32-bit int,   | one JSON object in UTF-8 with  | bytes, anything     |
 * | 1 .. 65536           | at least "size" (an integer)   | (text, binary, ...) |
 * +----------------------+--------------------------------+---------------------+
 * </pre>
 * <ul>
 *   <li><b>Header length</b>: the number of <em>bytes</em> of the header, most significant byte
 *       first (network byte order). At most {@value conclab.framing.FrameReader#MAX_HEADER_BYTES}
 *       (64 KiB); 0, a negative number or more is a protocol error.</li>
 *   <li><b>Header</b>: exactly one JSON object, UTF-8, with a field {@code size}: a JSON integer
 *       (no quotes, no fraction) from 0 to the receiver's payload limit (16 MiB unless the
 *       receiver says otherwise). Any other fields are free for the sender: {@code name}, a
 *       type, a checksum. Their order does not matter, whitespace is allowed, and a receiver
 *       keeps the fields it does not know.</li>
 *   <li><b>Payload</b>: exactly {@code size} bytes, which may be zero.</li>
 *   <li><b>End</b>: the sender closes the connection after a whole frame. A stream that ends
 *       inside a frame is a protocol error.</li>
 * </ul>
 *
 * <h2>Byte by byte</h2>
 * The frame with the header field {@code name = "hi.txt"} and the 5-byte payload {@code hello}.
 * The header {@code {"size":5,"name":"hi.txt"}} is 26 bytes, 0x1A; the frame is
 * 4 + 26 + 5 = 35 bytes:
 * <pre>
 * 00 00 00 1A                                      header length: 26
 * 7B 22 73 69 7A 65 22 3A 35 2C                    {"size":5,
 * 22 6E 61 6D 65 22 3A 22 68 69 2E 74 78 74 22 7D  "name":"hi.txt"}
 * 68 65 6C 6C 6F                                   hello
 * </pre>
 * With a name in Chinese, lengths count bytes, not characters: {@code {"size":6,"name":"你好.txt"}}
 * is 26 characters but 30 bytes (each of 你 and 好 is 3 bytes in UTF-8: {@code E4 BD A0},
 * {@code E5 A5 BD}), so its header length is {@code 00 00 00 1E}.
 *
 * <h2>From another language</h2>
 * A Python client of {@link conclab.framing.FrameEchoServer}, the lecture's {@code struct} and
 * {@code json} at work:
 * <pre>
 * import json, socket, struct
 *
 * def recv_exactly(sock, n):               # one recv is not one message: loop
 *     data = b''
 *     while len(data) &lt; n:
 *         chunk = sock.recv(n - len(data))
 *         if not chunk: raise EOFError('the stream ended inside a frame')
 *         data += chunk
 *     return data
 *
 * def send_frame(sock, payload, **fields):
 *     header = json.dumps({'size': len(payload), **fields}).encode('utf-8')
 *     sock.sendall(struct.pack('>i', len(header)) + header + payload)
 *
 * def recv_frame(sock):
 *     (length,) = struct.unpack('>i', recv_exactly(sock, 4))
 *     header = json.loads(recv_exactly(sock, length).decode('utf-8'))
 *     return header, recv_exactly(sock, header['size'])
 *
 * s = socket.create_connection(('127.0.0.1', PORT))
 * send_frame(s, b'hello', name='hi.txt')
 * print(recv_frame(s))                     # ({'size': 5, 'name': 'hi.txt'}, b'hello')
 * </pre>
 *
 * <p>What you build, in the order that makes sense:
 * <ol>
 *   <li>{@link conclab.framing.FrameWriter}: a frame onto a stream, byte for byte as above.</li>
 *   <li>{@link conclab.framing.FrameReader}: frames off a stream, one by one, however the bytes
 *       arrive (all at once, or one at a time), with the protocol's limits, and a
 *       {@link conclab.framing.FramingException} for anything that breaks them: never a hang,
 *       never an out-of-memory.</li>
 *   <li>{@link conclab.framing.FrameEchoServer}: a server that sends back every frame it reads,
 *       to try the protocol by hand.</li>
 * </ol>
 * {@link conclab.framing.Frame} and {@link conclab.framing.FramingException} are given complete.
 *
 * <p>Each class's documentation is its specification. Run the tests of this exercise alone, from
 * the repository's root, with {@code ./mvnw test -Dgroups=framing} ({@code mvnw.cmd} on
 * Windows).
 */
package conclab.framing;
