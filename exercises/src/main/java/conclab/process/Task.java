package conclab.process;

import java.util.List;

/**
 * What a child process runs, in the first of the two styles: the Java counterpart of the
 * {@code target} function in Python's {@code Process(target=test, args=('jason',))}.
 *
 * <p>Java cannot send a function to another JVM, so a task is named by its <em>class</em>. The
 * child JVM loads the class by name, creates a fresh instance with its public no-argument
 * constructor and calls {@link #run(List)} with the handle's arguments (strings, exactly as
 * given). Nothing else travels: not the instance you may have in the parent, not its fields.
 *
 * <pre>{@code
 * public final class Greet implements Task {            // public, with a public no-arg constructor
 *     @Override
 *     public void run(List<String> args) throws InterruptedException {
 *         System.out.println(args.get(0) + " is running");
 *         Thread.sleep(Long.parseLong(args.get(1)));
 *         System.out.println(args.get(0) + " is done");
 *     }
 * }
 *
 * JvmProcess p = JvmProcess.target(Greet.class, "jason", "300").start();
 * }</pre>
 *
 * A task that returns normally ends its child with exit code 0; one that throws ends it with
 * exit code 1, its stack trace on the child's standard error.
 */
@FunctionalInterface
public interface Task {

    /**
     * Runs in the child JVM.
     *
     * @param args the arguments given to {@link JvmProcess#target(Class, String...)}, unchanged
     * @throws Exception anything: it ends the child with exit code 1
     */
    void run(List<String> args) throws Exception;
}
