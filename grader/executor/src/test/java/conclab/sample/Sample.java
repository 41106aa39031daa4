package conclab.sample;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** What conclab.executor.BoundaryTest calls on the submission's side: it stands for a submission's classes. */
public final class Sample {

    /** A given record: rebuilt on the trusted side from its components. */
    public record Point(int x, String label, List<Integer> path) {
    }

    /** A given enum. */
    public enum Colour { RED, GREEN }

    /** A given exception with a value of its own besides the message. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final Colour colour;

        public Refused(Colour colour, String message) {
            super(message);
            this.colour = colour;
        }

        public Colour colour() {
            return colour;
        }
    }

    /** An exception only the submission knows. */
    public static final class Homemade extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public Homemade(String message) {
            super(message);
        }
    }

    /** A given interface, which the submission implements. */
    public interface Greeter {
        String greet(String name);
    }

    private static final List<String> LOG = new ArrayList<>();
    public static int counter = 7;

    private Sample() {
    }

    public static Point point(int x) {
        return new Point(x, "p" + x, List.of(1, 2, 3));
    }

    public static Colour next(Colour colour) {
        return colour == Colour.RED ? Colour.GREEN : Colour.RED;
    }

    public static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    public static void refuse(Colour colour) throws Refused {
        throw new Refused(colour, "refused " + colour);
    }

    /** A class whose static initialiser throws an exception only the submission knows. */
    static final class Broken {
        static {
            if (System.nanoTime() != 0) {
                throw new Homemade("broken at load");
            }
        }

        private Broken() {
        }
    }

    public static void loadBroken() throws ClassNotFoundException {
        Class.forName(Broken.class.getName());
    }

    public static void homemade() {
        throw new Homemade("made at home");
    }

    public static String callBack(Runnable callback) {
        callback.run();
        return Thread.currentThread().getName();
    }

    /** Calls {@code callback} from a thread of its own, twice, and says which thread did. */
    public static void fromOwnThread(Consumer<String> callback) throws InterruptedException {
        Thread own = new Thread(() -> {
            callback.accept("first");
            callback.accept("second");
        }, "sample-own");
        own.start();
        own.join();
    }

    public static void sleepLong() throws InterruptedException {
        Thread.sleep(60_000);
    }

    public static Object same(Object object) {
        return object;
    }

    private static final AtomicReference<Object> KEPT = new AtomicReference<>();

    public static Object keep() {
        Object kept = new Object();
        KEPT.set(kept);
        return kept;
    }

    public static Object kept() {
        return KEPT.get();
    }

    /** A live list: what was added after it was returned shows in it. */
    public static List<String> log() {
        return Collections.unmodifiableList(LOG);
    }

    public static void log(String line) {
        LOG.add(line);
    }

    /** The log itself, modifiable, for the tests' removals. */
    public static List<String> writableLog() {
        return LOG;
    }

    private static final List<Integer> CALLS = Collections.synchronizedList(new ArrayList<>());

    /** The calls {@link #counting()}'s list has had since it was last asked: -1 size, -2 toArray, i get(i). */
    public static String countedCalls() {
        synchronized (CALLS) {
            String calls = CALLS.toString();
            CALLS.clear();
            return calls;
        }
    }

    /** The log, as a list that counts the calls of its methods (see {@link #countedCalls()}). */
    public static List<String> counting() {
        List<Integer> calls = CALLS;
        return new java.util.AbstractList<>() {
            @Override
            public String get(int index) {
                calls.add(index);
                return LOG.get(index);
            }

            @Override
            public int size() {
                calls.add(-1);
                return LOG.size();
            }

            @Override
            public Object[] toArray() {
                calls.add(-2);
                return LOG.toArray();
            }

            @Override
            public boolean equals(Object other) {
                return true; // a lie the trusted side never asks
            }
        };
    }

    /** Reads {@code in} to the end and says how many bytes each read returned. */
    public static List<Integer> readSizes(InputStream in) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        byte[] buffer = new byte[64];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            sizes.add(n);
        }
        return sizes;
    }

    /** A record the trusted side does not know: it must refuse to rebuild it. */
    public record Secret(String text) {
    }

    public static Secret secret() {
        return new Secret("hidden");
    }

    public static Greeter greeter() {
        return name -> "hello " + name;
    }
}
