package conclab.lab;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * The entry point of every child JVM that {@link ChildJvm} starts:
 * {@code ChildMain MAIN_CLASS ARGS...}. It starts {@link ParentWatch}, so the child ends when its
 * parent does, then runs {@code MAIN_CLASS.main(ARGS)}.
 */
public final class ChildMain {

    /** Exit status when the main class does not exist or has no {@code public static main}. */
    public static final int NO_SUCH_CLASS = 64;
    /** Exit status when the main method threw. */
    public static final int MAIN_THREW = 1;

    private ChildMain() {
    }

    public static void main(String[] args) {
        ParentWatch.start();
        if (args.length == 0) {
            System.err.println("usage: conclab.lab.ChildMain MAIN_CLASS [ARGS...]");
            System.exit(NO_SUCH_CLASS);
        }
        Method main;
        try {
            // not initialised yet: a static initialiser that throws is the program's failure,
            // not a missing class
            main = Class.forName(args[0], false, ChildMain.class.getClassLoader())
                    .getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                throw new NoSuchMethodException("main is not static");
            }
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            System.err.println("conclab.lab.ChildMain: cannot run " + args[0] + ": no such class with a"
                    + " public static void main(String[]) on the class path (" + e + ")");
            System.exit(NO_SUCH_CLASS);
            return;
        }
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
            System.exit(MAIN_THREW);
        } catch (ExceptionInInitializerError e) {
            e.printStackTrace();
            System.exit(MAIN_THREW);
        } catch (IllegalAccessException e) {
            System.err.println("conclab.lab.ChildMain: " + args[0] + ".main is not public");
            System.exit(NO_SUCH_CLASS);
        }
    }
}
