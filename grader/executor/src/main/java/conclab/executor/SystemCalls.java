package conclab.executor;

import conclab.boundary.Link;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the trusted side may ask of this JVM beyond the API: its pid, its threads, what the mirror
 * of a test's thread is doing, a static field. The answers are this JVM's word, which is the
 * submission's: they may lie, and cost only the tests that ask.
 */
final class SystemCalls {

    private final Link link;
    private final ClassLoader loader;

    SystemCalls(Link link, ClassLoader loader) {
        this.link = link;
        this.loader = loader;
    }

    Link.Invocation resolve(String member, Class<?>[] parameters) throws NoSuchMethodException {
        return switch (member) {
            case "pid" -> call(parameters, long.class, a -> ProcessHandle.current().pid());
            case "threads" -> call(parameters, List.class, a -> threads());
            case "stateOf" -> call(parameters, Thread.State.class, a -> {
                Thread mirror = link.mirrorOf((Integer) a[0]);
                return mirror == null ? null : mirror.getState();
            });
            case "stackOf" -> call(parameters, StackTraceElement[].class, a -> {
                Thread mirror = link.mirrorOf((Integer) a[0]);
                return mirror == null ? new StackTraceElement[0] : own(mirror.getStackTrace());
            });
            case "cpuTime" -> call(parameters, long.class, a -> cpuTime(link.mirrorOf((Integer) a[0])));
            case "allocated" -> call(parameters, long.class, a -> allocated(link.mirrorOf((Integer) a[0])));
            case "readStatic" -> call(parameters, Object.class, a -> field((String) a[0], (String) a[1]).get(null));
            case "writeStatic" -> call(parameters, void.class, a -> {
                field((String) a[0], (String) a[1]).set(null, a[2]);
                return null;
            });
            case "ping" -> call(parameters, void.class, a -> null);
            default -> throw new NoSuchMethodException("no operation " + member);
        };
    }

    /** Each live thread but this side's own: id, name, state, daemon, stack. */
    private List<List<Object>> threads() {
        List<List<Object>> views = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (link.isOwnThread(thread)) {
                continue;
            }
            @SuppressWarnings("deprecation")
            long id = thread.getId();
            views.add(List.of(id, thread.getName(), thread.getState(), thread.isDaemon(), own(entry.getValue())));
        }
        return views;
    }

    /** A mirror's stack without the frames of the boundary that run it. */
    private static StackTraceElement[] own(StackTraceElement[] stack) {
        List<StackTraceElement> kept = new ArrayList<>();
        int top = 0;
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().equals("conclab.boundary.Link") && stack[i].getMethodName().equals("call")) {
                top = i + 1; // a mirror waiting for a test's callback: its own work starts below the call
                break;
            }
        }
        for (StackTraceElement frame : Arrays.copyOfRange(stack, top, stack.length)) {
            String c = frame.getClassName();
            if (c.startsWith("conclab.boundary.") || c.startsWith("conclab.executor.")) {
                if (c.startsWith("conclab.boundary.Link") && frame.getMethodName().equals("serveCall")) {
                    break; // what lies below is the mirror's loop
                }
                continue;
            }
            if (c.startsWith("jdk.internal.reflect.") || c.equals("java.lang.reflect.Method")) {
                continue;
            }
            kept.add(frame);
        }
        return kept.toArray(new StackTraceElement[0]);
    }

    @SuppressWarnings("deprecation")
    private static long cpuTime(Thread thread) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return thread == null || !threads.isThreadCpuTimeSupported() ? -1 : threads.getThreadCpuTime(thread.getId());
    }

    @SuppressWarnings("deprecation")
    private static long allocated(Thread thread) {
        if (thread != null && ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()) {
            return threads.getThreadAllocatedBytes(thread.getId());
        }
        return -1;
    }

    private Field field(String className, String name) throws ReflectiveOperationException {
        Field field = Class.forName(className, true, loader).getField(name);
        if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
            throw new NoSuchFieldException(className + "." + name + " is not static");
        }
        return field;
    }

    private interface Body {
        Object apply(Object[] arguments) throws Throwable;
    }

    private static Link.Invocation call(Class<?>[] parameters, Class<?> returnType, Body body) {
        return new Link.Invocation() {
            @Override
            public Class<?>[] parameterTypes() {
                return parameters;
            }

            @Override
            public Class<?> returnType() {
                return returnType;
            }

            @Override
            public Object invoke(Object[] arguments) throws Throwable {
                return body.apply(arguments);
            }
        };
    }
}
