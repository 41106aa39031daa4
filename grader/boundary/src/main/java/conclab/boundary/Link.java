package conclab.boundary;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One connection between the two sides, over which each calls the other's objects as if they
 * were its own, one thread for one thread.
 *
 * <p><b>Threads.</b> A call keeps the identity of the thread that makes it. A thread that calls
 * the other side is served there by a thread of its own, its <em>mirror</em>, created at its first
 * call, named like it and kept for its later calls; a call that comes back from that mirror (a
 * callback) runs on the calling thread itself, which serves it while it waits for its own answer.
 * So {@code Thread.currentThread()} means the same on both sides of a chain of calls, a thread
 * that waits on one side waits as itself, and what one thread's work does on the other side can
 * be observed as that mirror's (its state, its stack, its CPU time). An interrupt of a waiting
 * thread goes to the thread that does its work on the other side, and each call carries the
 * interrupt flag there and back.
 *
 * <p><b>Trust.</b> Nothing read from the connection is more than data: the other side chooses
 * which of this side's exported objects it calls and with what, and this side's {@link Host}
 * decides whether it answers. The reader thread only sorts frames into the threads' inboxes;
 * every class is loaded and every value decoded by the thread that serves the call.
 */
public final class Link implements Closeable {

    /** The two sides; each numbers the threads whose home it is. */
    public enum Side {
        JUDGE, EXECUTOR;

        int homeBit() {
            return this == JUDGE ? 0 : 1 << 30;
        }
    }

    static final byte CALL = 1;
    static final byte REPLY = 2;
    static final byte INTERRUPT = 3;
    static final byte OUTPUT = 4;
    static final byte RELEASE = 5;

    /** Bits of a call's first byte: the calling thread was interrupted, is a daemon. */
    private static final int INTERRUPTED = 1;
    private static final int DAEMON = 2;

    /** The largest frame accepted: a 16 MiB payload and what surrounds it. */
    static final int MAX_FRAME = 48 << 20;
    /** The most threads that stand in for the other side's at once: more is an attack, not a test. */
    static final int MAX_MIRRORS = 4096;

    /** What a side answers when the other calls it. */
    public interface Host {
        /** The invocation a call names, or an exception (which goes back to the caller) if refused. */
        Invocation resolve(Target target, String declaringType, String member, String descriptor) throws Exception;
    }

    /** A resolved call, ready to run. */
    public interface Invocation {
        Class<?>[] parameterTypes();

        Class<?> returnType();

        /** Whether a collection the call returns crosses as a reference (its later life visible). */
        default boolean collectionsByReference() {
            return false;
        }

        Object invoke(Object[] arguments) throws Throwable;
    }

    /** What a call is addressed to. */
    public sealed interface Target {
        /** A static method of a class, or a built-in operation of the side ({@link #SYSTEM}). */
        record Static(String className) implements Target {
        }

        /** A new object: {@code className}'s constructor, for an instance of {@code runtimeClassName}. */
        record New(String className, String runtimeClassName) implements Target {
        }

        /** An object this side exported. */
        record Exported(long id) implements Target {
        }
    }

    /** The class name of the built-in operations (see {@link Target.Static}). */
    public static final String SYSTEM = "conclab.boundary.System";

    private static final Frame DEAD = new Frame((byte) 0, 0, 0, new byte[0]);

    private final Side side;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final Closeable transport;
    private final ObjectTable objects;
    private final Codec codec;
    private volatile Host host = (t, d, m, s) -> {
        throw new IllegalStateException("this side answers no calls");
    };
    private volatile Consumer<byte[]> output = bytes -> { };
    private final AtomicInteger threadIds = new AtomicInteger();
    private final AtomicLong callIds = new AtomicLong();
    private final Map<Integer, Strand> strands = new ConcurrentHashMap<>();
    private final ThreadLocal<Strand> homeStrand = new ThreadLocal<>();
    private volatile String brokenBecause;
    private final Thread reader;
    private final List<Runnable> onBroken = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * A link over {@code input} and {@code output_}, owned by this side; {@code transport} is closed
     * with it. Reading starts at once.
     */
    public Link(Side side, InputStream input, OutputStream output_, Closeable transport, ObjectTable.Resolver resolver) {
        this.side = side;
        this.in = new DataInputStream(new BufferedInputStream(input, 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(output_, 1 << 16));
        this.transport = transport;
        this.objects = new ObjectTable(this, resolver);
        this.codec = new Codec(objects);
        this.reader = new Thread(this::read, "conclab-boundary-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public Side side() {
        return side;
    }

    /** Sets what this side answers. */
    public void serve(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** Sets who receives the other side's output (its {@code System.out} and {@code System.err}). */
    public void onOutput(Consumer<byte[]> sink) {
        this.output = Objects.requireNonNull(sink, "sink");
    }

    /** Runs {@code action} once the link is broken (the other side gone, or a protocol error). */
    public void onBroken(Runnable action) {
        onBroken.add(action);
        if (brokenBecause != null) {
            action.run();
        }
    }

    /** Why the link is broken, or {@code null} while it works. */
    public String brokenBecause() {
        return brokenBecause;
    }

    Codec codec() {
        return codec;
    }

    /** The objects this side exported and the stand-ins it made for the other side's. */
    public ObjectTable objects() {
        return objects;
    }

    // ---------------------------------------------------------------- calling

    /**
     * Calls the other side on this thread's behalf and returns what the call returned, decoded for
     * {@code returnType}; rethrows what it threw (rebuilt on this side). Serves the calls that come
     * back on this thread meanwhile.
     *
     * @throws BoundaryBroken if the link breaks before the answer comes
     */
    public Object call(Target target, String declaringType, String member, String descriptor,
                       Class<?>[] parameterTypes, Class<?> returnType, Object... arguments) throws Throwable {
        Strand strand = currentStrand();
        long callId = callIds.incrementAndGet();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        DataOutputStream body = new DataOutputStream(bytes);
        boolean interrupted = Thread.interrupted();
        // the thread that stands in for this one on the other side is a daemon exactly when this
        // one is: threads started there inherit its flag, as they would inherit this thread's
        body.writeByte((interrupted ? INTERRUPTED : 0) | (Thread.currentThread().isDaemon() ? DAEMON : 0));
        Codec.writeString(body, Thread.currentThread().getName());
        writeTarget(body, target);
        Codec.writeString(body, declaringType);
        Codec.writeString(body, member);
        Codec.writeString(body, descriptor);
        body.writeInt(arguments.length);
        for (int i = 0; i < arguments.length; i++) {
            codec.write(body, arguments[i], i < parameterTypes.length ? parameterTypes[i] : Object.class, false);
        }
        strand.depth++;
        try {
            send(CALL, strand.id, callId, bytes.toByteArray());
            return await(strand, callId, returnType);
        } finally {
            strand.depth--;
        }
    }

    private Object await(Strand strand, long callId, Class<?> returnType) throws Throwable {
        boolean forwardedInterrupt = false;
        while (true) {
            Frame frame;
            try {
                strand.waiting = true;
                frame = strand.inbox.take();
            } catch (InterruptedException e) {
                // the thread doing this one's work on the other side is the one to interrupt
                forwardedInterrupt = true;
                send(INTERRUPT, strand.id, 0, new byte[0]);
                continue;
            } finally {
                strand.waiting = false;
            }
            if (frame == DEAD) {
                strand.inbox.add(DEAD); // for the calls further up this thread's stack
                throw new BoundaryBroken(brokenBecause);
            }
            if (frame.kind == REPLY && frame.callId == callId) {
                DataInputStream body = frame.body();
                boolean interrupted = body.readBoolean();
                boolean threw = body.readBoolean();
                Object value = codec.read(body, threw ? Throwable.class : returnType);
                if (interrupted || (forwardedInterrupt && !(value instanceof InterruptedException))) {
                    Thread.currentThread().interrupt();
                }
                if (threw) {
                    Throwable thrown = value instanceof Throwable t ? t : new BoundaryBroken("a call failed without an exception");
                    Traces.continueHere(thrown);
                    throw thrown;
                }
                return value;
            }
            if (frame.kind == CALL) {
                serveCall(strand, frame);
            } else {
                broken("a reply to call " + frame.callId + " arrived on a thread waiting for call " + callId);
            }
        }
    }

    private Strand currentStrand() {
        if (brokenBecause != null) {
            throw new BoundaryBroken(brokenBecause);
        }
        Strand strand = homeStrand.get();
        if (strand == null) {
            Strand mirror = Strand.MIRRORED.get();
            if (mirror != null && mirror.link == this) {
                return mirror; // a mirror calls back on behalf of the thread it stands for
            }
            strand = new Strand(this, side.homeBit() | threadIds.incrementAndGet(), Thread.currentThread());
            strands.put(strand.id, strand);
            homeStrand.set(strand);
            releaseEnded();
        }
        return strand;
    }

    /** The logical id of {@code thread}'s strand, if it ever called the other side. */
    public Integer strandOf(Thread thread) {
        for (Strand strand : strands.values()) {
            if (strand.thread == thread) {
                return strand.id;
            }
        }
        return null;
    }

    /** Whether {@code thread} waits now for an answer of the other side. */
    public boolean waitsOnOtherSide(Thread thread) {
        for (Strand strand : strands.values()) {
            if (strand.thread == thread) {
                return strand.waiting;
            }
        }
        return false;
    }

    /** The local thread that stands for the other side's strand {@code id}, if any. */
    public Thread mirrorOf(int id) {
        Strand strand = strands.get(id);
        return strand == null || !isOtherSide(id) ? null : strand.thread;
    }

    /** Whether {@code thread} is one of this link's own (its reader, or a mirror of the other side's). */
    public boolean isOwnThread(Thread thread) {
        if (thread == reader) {
            return true;
        }
        for (Strand strand : strands.values()) {
            if (strand.thread == thread && isOtherSide(strand.id)) {
                return true;
            }
        }
        return false;
    }

    private boolean isOtherSide(int id) {
        return (id & (1 << 30)) != side.homeBit();
    }

    /** Tells the other side that the mirrors of this side's ended threads may end too. */
    private void releaseEnded() {
        for (Strand strand : strands.values()) {
            if (!isOtherSide(strand.id) && !strand.thread.isAlive()) {
                strands.remove(strand.id);
                try {
                    send(RELEASE, strand.id, 0, new byte[0]);
                } catch (IOException e) {
                    return;
                }
            }
        }
    }

    // ---------------------------------------------------------------- serving

    /** Serves one call addressed to {@code strand}'s logical thread, on this thread. */
    private void serveCall(Strand strand, Frame frame) throws IOException {
        DataInputStream body = frame.body();
        boolean interrupted = (body.readUnsignedByte() & INTERRUPTED) != 0;
        String threadName = Codec.readString(body);
        Thread self = Thread.currentThread();
        if (isOtherSide(strand.id) && !self.getName().equals(threadName)) {
            self.setName(threadName);
        }
        Thread.interrupted();
        if (interrupted) {
            self.interrupt();
        }
        Object result;
        boolean threw;
        Class<?> returnType = Object.class;
        boolean byReference = false;
        try {
            Target target = readTarget(body);
            String declaringType = Codec.readString(body);
            String member = Codec.readString(body);
            String descriptor = Codec.readString(body);
            Invocation invocation = host.resolve(target, declaringType, member, descriptor);
            returnType = invocation.returnType();
            byReference = invocation.collectionsByReference();
            int count = body.readInt();
            Class<?>[] types = invocation.parameterTypes();
            if (count != types.length) {
                throw new IllegalArgumentException(member + descriptor + " takes " + types.length
                        + " arguments, not " + count);
            }
            Object[] arguments = new Object[count];
            for (int i = 0; i < count; i++) {
                arguments[i] = codec.read(body, types[i]);
            }
            result = invocation.invoke(arguments);
            threw = false;
        } catch (Throwable t) {
            Traces.cutDispatch(t);
            result = t;
            threw = true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        DataOutputStream reply = new DataOutputStream(bytes);
        reply.writeBoolean(Thread.interrupted());
        try {
            reply.writeBoolean(threw);
            codec.write(reply, result, threw ? Throwable.class : returnType, byReference);
        } catch (IOException | RuntimeException e) {
            // a result that cannot cross fails the call, not the link
            bytes.reset();
            reply.writeBoolean(false);
            reply.writeBoolean(true);
            codec.write(reply, new IllegalStateException("the result of the call cannot cross to the"
                    + " other side: " + e.getMessage()), Throwable.class, false);
        }
        send(REPLY, strand.id, frame.callId, bytes.toByteArray());
    }

    /** The life of a mirror: serve the calls of the thread it stands for, until released. */
    private void mirror(Strand strand) {
        Strand.MIRRORED.set(strand);
        try {
            while (true) {
                Frame frame;
                try {
                    frame = strand.inbox.take();
                } catch (InterruptedException e) {
                    continue; // an interrupt that arrived after the call it was meant for ended
                }
                if (frame == DEAD || frame.kind == RELEASE) {
                    return;
                }
                if (frame.kind == CALL) {
                    serveCall(strand, frame);
                } else {
                    broken("a reply arrived for a thread that made no call");
                    return;
                }
            }
        } catch (IOException e) {
            broken("cannot answer: " + e.getMessage());
        } finally {
            strands.remove(strand.id, strand);
        }
    }

    // ---------------------------------------------------------------- the wire

    private void read() {
        try {
            while (true) {
                int length = in.readInt();
                if (length < 13 || length > MAX_FRAME) {
                    broken("a frame of " + length + " bytes");
                    return;
                }
                byte kind = in.readByte();
                int thread = in.readInt();
                long callId = in.readLong();
                byte[] body = new byte[length - 13];
                in.readFully(body);
                route(new Frame(kind, thread, callId, body));
            }
        } catch (IOException e) {
            broken("the other side closed the connection");
        }
    }

    private void route(Frame frame) {
        switch (frame.kind) {
            case OUTPUT -> output.accept(frame.bytes);
            case INTERRUPT -> {
                Strand strand = strands.get(frame.thread);
                if (strand != null) {
                    strand.thread.interrupt();
                }
            }
            case RELEASE -> {
                Strand strand = strands.get(frame.thread);
                if (strand != null && isOtherSide(frame.thread)) {
                    strand.inbox.add(frame);
                }
            }
            case REPLY -> {
                Strand strand = strands.get(frame.thread);
                if (strand == null || strand.depth == 0) {
                    broken("a reply for a thread that waits for none");
                } else {
                    strand.inbox.add(frame);
                }
            }
            case CALL -> {
                Strand strand = strands.get(frame.thread);
                if (strand == null && isOtherSide(frame.thread)) {
                    if (strands.size() >= MAX_MIRRORS) {
                        broken("the other side called from more than " + MAX_MIRRORS + " threads at once");
                        return;
                    }
                    strand = startMirror(frame);
                }
                if (strand == null || (!isOtherSide(frame.thread) && strand.depth == 0)) {
                    broken("a call on this side's thread " + frame.thread + ", which waits for nothing");
                } else {
                    strand.inbox.add(frame);
                }
            }
            default -> broken("an unknown frame kind " + frame.kind);
        }
    }

    private Strand startMirror(Frame first) {
        String name;
        boolean daemon;
        try {
            DataInputStream body = first.body();
            daemon = (body.readUnsignedByte() & DAEMON) != 0;
            name = Codec.readString(body);
        } catch (IOException e) {
            name = "conclab-mirror";
            daemon = true;
        }
        Strand strand = new Strand(this, first.thread, null);
        Thread mirror = new Thread(() -> mirror(strand), name);
        // a mirror that is no daemon keeps neither JVM alive: each ends by halting
        mirror.setDaemon(daemon);
        strand.thread = mirror;
        strands.put(strand.id, strand);
        mirror.start();
        return strand;
    }

    /** Sends the bytes {@code System.out} or {@code System.err} received on this side. */
    public void sendOutput(byte[] bytes, int offset, int length) throws IOException {
        byte[] copy = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
        send(OUTPUT, 0, 0, copy);
    }

    private void send(byte kind, int thread, long callId, byte[] body) throws IOException {
        if (body.length + 13 > MAX_FRAME) {
            throw new IOException("a message of " + body.length + " bytes is larger than the boundary takes ("
                    + MAX_FRAME + ")");
        }
        synchronized (out) {
            if (brokenBecause != null) {
                throw new BoundaryBroken(brokenBecause);
            }
            try {
                out.writeInt(body.length + 13);
                out.writeByte(kind);
                out.writeInt(thread);
                out.writeLong(callId);
                out.write(body);
                out.flush();
            } catch (IOException e) {
                broken("cannot write to the other side: " + e.getMessage());
                throw new BoundaryBroken(brokenBecause);
            }
        }
    }

    private static void writeTarget(DataOutputStream out, Target target) throws IOException {
        if (target instanceof Target.Static s) {
            out.writeByte(1);
            Codec.writeString(out, s.className());
        } else if (target instanceof Target.New n) {
            out.writeByte(2);
            Codec.writeString(out, n.className());
            Codec.writeString(out, n.runtimeClassName());
        } else if (target instanceof Target.Exported e) {
            out.writeByte(3);
            out.writeLong(e.id());
        }
    }

    private static Target readTarget(DataInputStream in) throws IOException {
        return switch (in.readByte()) {
            case 1 -> new Target.Static(Codec.readString(in));
            case 2 -> new Target.New(Codec.readString(in), Codec.readString(in));
            case 3 -> new Target.Exported(in.readLong());
            default -> throw new IOException("an unknown call target");
        };
    }

    /** Breaks the link: every thread that waits on it gets a {@link BoundaryBroken}. */
    public void broken(String why) {
        synchronized (this) {
            if (brokenBecause != null) {
                return;
            }
            brokenBecause = why;
        }
        try {
            transport.close();
        } catch (IOException e) {
            // it is gone either way
        }
        // those who must know first, before any waiting thread wakes to the news
        onBroken.forEach(Runnable::run);
        strands.values().forEach(s -> s.inbox.add(DEAD));
    }

    @Override
    public void close() {
        broken("the link was closed");
    }

    /** A logical thread as this side knows it: its local thread, and the frames addressed to it. */
    static final class Strand {
        static final ThreadLocal<Strand> MIRRORED = new ThreadLocal<>();

        final Link link;
        final int id;
        volatile Thread thread;
        final BlockingQueue<Frame> inbox = new LinkedBlockingQueue<>();
        /** Calls this strand has under way to the other side (only its own thread changes it). */
        volatile int depth;
        volatile boolean waiting;

        Strand(Link link, int id, Thread thread) {
            this.link = link;
            this.id = id;
            this.thread = thread;
        }
    }

    record Frame(byte kind, int thread, long callId, byte[] bytes) {
        DataInputStream body() {
            return new DataInputStream(new ByteArrayInputStream(bytes));
        }
    }
}
