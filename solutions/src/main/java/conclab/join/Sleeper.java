package conclab.join;

/**
 * The child program of a run: the lecture's {@code test(name, n)}. (Reference solution.)
 */
public final class Sleeper {

    private Sleeper() {
    }

    /**
     * {@code NAME MILLIS}: prints {@code NAME began}, sleeps MILLIS milliseconds, prints
     * {@code NAME ended}.
     *
     * @param args the child's name and how long it sleeps, in milliseconds
     * @throws InterruptedException if interrupted while sleeping
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Sleeper NAME MILLIS");
        }
        String name = args[0];
        long millis = Long.parseLong(args[1]);
        if (millis < 0) {
            throw new IllegalArgumentException("a sleep cannot be negative: " + millis);
        }
        System.out.println(name + " began");
        System.out.flush();
        Thread.sleep(millis);
        System.out.println(name + " ended");
        System.out.flush();
    }
}
