package conclab.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.boundary.BoundaryBroken;
import conclab.sample.Sample;
import conclab.boundary.Codec;
import conclab.boundary.Link;
import conclab.boundary.trusted.CallbackHost;
import conclab.boundary.trusted.TrustedResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The boundary, both its sides in this JVM over a real loopback connection: the trusted side's
 * link with the grader's resolver and callback host, the submission's with the executor's. What
 * crosses, how, on which thread, and what the trusted side refuses.
 */
@Timeout(20)
class BoundaryTest {

    private static final String SAMPLE = Sample.class.getName();

    private Link judge;
    private Link executor;

    @BeforeEach
    void connect() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
            Socket executorEnd = new Socket(loopback, server.getLocalPort());
            Socket judgeEnd = server.accept();
            ClassLoader loader = getClass().getClassLoader();
            executor = new Link(Link.Side.EXECUTOR, executorEnd.getInputStream(), executorEnd.getOutputStream(),
                    executorEnd, new SubmissionResolver(loader));
            executor.serve(new SubmissionHost(executor, loader));
            TrustedResolver trusted = new TrustedResolver(loader);
            judge = new Link(Link.Side.JUDGE, judgeEnd.getInputStream(), judgeEnd.getOutputStream(), judgeEnd, trusted);
            judge.serve(new CallbackHost(judge.objects(), trusted));
        }
    }

    @AfterEach
    void close() {
        judge.close();
        executor.close();
    }

    private Object call(String method, String descriptor, Class<?>[] parameters, Class<?> returnType,
                        Object... arguments) throws Throwable {
        return judge.call(new Link.Target.Static(SAMPLE), SAMPLE, method, descriptor, parameters, returnType, arguments);
    }

    @Test
    void recordsEnumsBytesAndTheJdksValuesCrossByValue() throws Throwable {
        Object point = call("point", "(I)Lconclab/sample/Sample$Point;", new Class<?>[] {int.class},
                Sample.Point.class, 3);
        assertEquals(new Sample.Point(3, "p3", List.of(1, 2, 3)), point);
        assertEquals(Sample.Colour.GREEN, call("next",
                "(Lconclab/sample/Sample$Colour;)Lconclab/sample/Sample$Colour;",
                new Class<?>[] {Sample.Colour.class}, Sample.Colour.class, Sample.Colour.RED));
        assertArrayEquals(new byte[] {3, 2, 1}, (byte[]) call("reversed", "([B)[B", new Class<?>[] {byte[].class},
                byte[].class, (Object) new byte[] {1, 2, 3}));
        List<Object> values = List.of(Optional.of(Duration.ofMillis(1500)), Path.of("/tmp/x"), Map.of("k", 1L),
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 80), new java.math.BigDecimal("1.50"),
                java.util.OptionalInt.of(4), 'c', (short) 2, 1.5f);
        for (Object value : values) {
            assertEquals(value, call("same", "(Ljava/lang/Object;)Ljava/lang/Object;", new Class<?>[] {Object.class},
                    Object.class, value), () -> "the same " + value.getClass().getName() + " back");
        }
    }

    @Test
    void anExceptionIsRebuiltAsItsGivenOrJdkClassWithItsValuesAndACleanStack() {
        Sample.Refused refused = assertThrows(Sample.Refused.class, () -> call("refuse",
                "(Lconclab/sample/Sample$Colour;)V", new Class<?>[] {Sample.Colour.class}, void.class,
                Sample.Colour.GREEN));
        assertEquals("refused GREEN", refused.getMessage());
        assertEquals(Sample.Colour.GREEN, refused.colour(), "its own value crosses too");
        List<String> frames = Arrays.stream(refused.getStackTrace()).map(f -> f.getClassName() + "." + f.getMethodName())
                .toList();
        assertEquals(List.of(SAMPLE + ".refuse", BoundaryTest.class.getName() + ".call"), frames.subList(0, 2),
                "it starts where it was thrown and goes on in the caller, without the boundary's frames between");
    }

    @Test
    void anExceptionClassOnlyTheSubmissionKnowsArrivesAsItsNearestJdkAncestor() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> call("homemade", "()V", new Class<?>[0], void.class));
        assertSame(IllegalStateException.class, thrown.getClass());
        assertEquals("made at home", thrown.getMessage());
        assertEquals(Sample.Homemade.class.getName(), Codec.originalClassName(thrown));
    }

    @Test
    void anExceptionKeepsItsCauseWhereverItsClassKeepsIt() {
        ExceptionInInitializerError failed = assertThrows(ExceptionInInitializerError.class,
                () -> call("loadBroken", "()V", new Class<?>[0], void.class));
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertEquals("broken at load", failed.getCause().getMessage());
        assertEquals(Sample.Homemade.class.getName(), Codec.originalClassName(failed.getCause()));
    }

    @Test
    void aRecordTheTrustedSideDoesNotKnowIsNeverRebuilt() {
        IOException refused = assertThrows(IOException.class,
                () -> call("secret", "()Lconclab/sample/Sample$Secret;", new Class<?>[0], Object.class));
        assertTrue(refused.getMessage().contains("not one this side knows"), refused.getMessage());
    }

    @Test
    void aCallbackRunsOnTheThreadThatMadeTheCall() throws Throwable {
        List<Thread> ranOn = new ArrayList<>();
        Object name = call("callBack", "(Ljava/lang/Runnable;)Ljava/lang/String;", new Class<?>[] {Runnable.class},
                String.class, (Runnable) () -> ranOn.add(Thread.currentThread()));
        assertEquals(List.of(Thread.currentThread()), ranOn);
        assertEquals(Thread.currentThread().getName(), name, "the submission's side runs it on a thread named like this one");
    }

    @Test
    void theSubmissionsOwnThreadCallsBackOnOneThreadNamedLikeIt() throws Throwable {
        List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
        Consumer<String> callback = word -> ranOn.add(Thread.currentThread());
        call("fromOwnThread", "(Ljava/util/function/Consumer;)V", new Class<?>[] {Consumer.class}, void.class, callback);
        assertEquals(2, ranOn.size());
        assertSame(ranOn.get(0), ranOn.get(1), "both calls of its thread ran on one thread here");
        assertNotSame(Thread.currentThread(), ranOn.get(0));
        assertEquals("sample-own", ranOn.get(0).getName());
    }

    @Test
    void anInterruptReachesTheThreadThatDoesTheWork() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                call("sleepLong", "()V", new Class<?>[0], void.class);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        }, "the-caller");
        caller.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> judge.waitsOnOtherSide(caller));
        caller.interrupt();
        assertInstanceOf(InterruptedException.class, outcome.get(5, TimeUnit.SECONDS));
    }

    @Test
    void identitySurvivesBothWays() throws Throwable {
        Object kept = call("keep", "()Ljava/lang/Object;", new Class<?>[0], Object.class);
        assertSame(kept, call("kept", "()Ljava/lang/Object;", new Class<?>[0], Object.class),
                "the same object of the submission's, the same stand-in");
        Runnable mine = () -> { };
        assertSame(mine, call("same", "(Ljava/lang/Object;)Ljava/lang/Object;", new Class<?>[] {Object.class},
                Object.class, mine), "an object of the tests' comes back as itself");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCollectionAMethodReturnsIsTheSubmissionsOwn() throws Throwable {
        List<String> log = (List<String>) call("log", "()Ljava/util/List;", new Class<?>[0], List.class);
        call("log", "(Ljava/lang/String;)V", new Class<?>[] {String.class}, void.class, "later");
        assertTrue(log.contains("later"), "a view the submission returned shows what came after: " + log);
        assertThrows(UnsupportedOperationException.class, () -> log.add("mine"), "and refuses what it refuses");
        java.util.Iterator<String> each = log.iterator();
        each.next();
        assertThrows(UnsupportedOperationException.class, each::remove, "also through its iterator");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReturnedCollectionIsReadWholeInOneCallAndComparedHere() throws Throwable {
        ((List<String>) call("writableLog", "()Ljava/util/List;", new Class<?>[0], List.class)).clear();
        call("log", "(Ljava/lang/String;)V", new Class<?>[] {String.class}, void.class, "a");
        call("log", "(Ljava/lang/String;)V", new Class<?>[] {String.class}, void.class, "b");
        List<String> counted = (List<String>) call("counting", "()Ljava/util/List;", new Class<?>[0], List.class);
        List<String> expected = List.of("a", "b");
        int size = counted.size();
        call("countedCalls", "()Ljava/lang/String;", new Class<?>[0], String.class);

        assertEquals(expected, new ArrayList<>(counted));
        assertEquals(expected.toString(), counted.toString());
        assertEquals(expected.hashCode(), counted.hashCode());
        assertTrue(counted.containsAll(expected) && expected.equals(counted) && counted.equals(expected));
        assertEquals(List.of("b"), counted.stream().skip(1).toList());
        assertEquals("[-2, -2, -2, -2, -2, -2, -2]", call("countedCalls", "()Ljava/lang/String;", new Class<?>[0],
                String.class), "each whole read was one toArray there");
        assertEquals(2, size);
        assertFalse(counted.equals(List.of("x")), "its equals is this side's, not the submission's lie");

        List<String> writable = (List<String>) call("writableLog", "()Ljava/util/List;", new Class<?>[0], List.class);
        java.util.Iterator<String> each = writable.iterator();
        assertEquals("a", each.next());
        assertEquals("b", each.next());
        each.remove();
        assertEquals(List.of("a"), writable, "a removal through the iterator removes there");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStreamIsReadInThePiecesItsOwnerGives() throws Throwable {
        InputStream pieces = new InputStream() {
            private final int[] sizes = {3, 5, 1};
            private int next;

            @Override
            public int read() {
                throw new AssertionError("one byte at a time was not asked for");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next == sizes.length) {
                    return -1;
                }
                return Math.min(len, sizes[next++]);
            }
        };
        assertEquals(List.of(3, 5, 1), call("readSizes", "(Ljava/io/InputStream;)Ljava/util/List;",
                new Class<?>[] {InputStream.class}, List.class, pieces));
    }

    @Test
    void aGivenInterfaceTheSubmissionImplementsIsCalledThere() throws Throwable {
        Sample.Greeter greeter = (Sample.Greeter) call("greeter", "()Lconclab/sample/Sample$Greeter;",
                new Class<?>[0], Sample.Greeter.class);
        assertEquals("hello you", greeter.greet("you"));
    }

    @Test
    void theSubmissionReachesNothingButWhatItWasHandedAsWhatItWasHanded() throws Throwable {
        call("callBack", "(Ljava/lang/Runnable;)Ljava/lang/String;", new Class<?>[] {Runnable.class}, String.class,
                (Runnable) () -> { });
        // the submission's side, calling on its own: the test's Runnable is export 1
        assertThrows(SecurityException.class, () -> executor.call(new Link.Target.Exported(1), "java.lang.Object",
                "getClass", "()Ljava/lang/Class;", new Class<?>[0], Class.class));
        assertThrows(SecurityException.class, () -> executor.call(new Link.Target.Exported(1), "java.io.InputStream",
                "read", "()I", new Class<?>[0], int.class));
        assertThrows(SecurityException.class, () -> executor.call(new Link.Target.Static("java.lang.System"),
                "java.lang.System", "exit", "(I)V", new Class<?>[] {int.class}, void.class, 1));
        assertThrows(SecurityException.class, () -> executor.call(new Link.Target.Exported(99), "java.lang.Runnable",
                "run", "()V", new Class<?>[0], void.class));
    }

    @Test
    void aStaticFieldIsReadAndWrittenThere() throws Throwable {
        Object read = judge.call(new Link.Target.Static(Link.SYSTEM), Link.SYSTEM, "readStatic",
                "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Object;", new Class<?>[] {String.class, String.class},
                Object.class, SAMPLE, "counter");
        assertEquals(Sample.counter, read);
    }

    @Test
    void aBrokenLinkFailsTheWaitingCallAtOnce() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                call("sleepLong", "()V", new Class<?>[0], void.class);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        caller.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> judge.waitsOnOtherSide(caller));
        executor.close();
        assertInstanceOf(BoundaryBroken.class, outcome.get(5, TimeUnit.SECONDS));
        assertThrows(BoundaryBroken.class, () -> call("point", "(I)Lconclab/sample/Sample$Point;",
                new Class<?>[] {int.class}, Sample.Point.class, 1), "and every call after it");
        assertFalse(judge.brokenBecause() == null);
    }

    @Test
    void aValueNestedTooDeeplyDoesNotCross() {
        List<Object> deep = new ArrayList<>();
        List<Object> inner = deep;
        for (int i = 0; i < 100; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        assertThrows(IOException.class, () -> call("same", "(Ljava/lang/Object;)Ljava/lang/Object;",
                new Class<?>[] {Object.class}, Object.class, deep));
    }
}
