package conclab.grader.fork;

import conclab.boundary.Link;
import conclab.harness.CodeUnderTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the tests observe of the submission's JVM in a grading (see {@link CodeUnderTest}): its
 * processes from the operating system as this JVM sees them, translated from the sandbox's pid
 * numbering and never outside the submission's process tree; its threads and fields from the
 * submission's JVM itself, whose word they are.
 */
final class SubmissionObserver implements CodeUnderTest.Observer {

    private static final Class<?>[] NONE = {};
    private static final Class<?>[] STRAND = {int.class};

    private final Link link;
    private final ProcessHandle jvm;

    SubmissionObserver(Link link, ProcessHandle jvm) {
        this.link = link;
        this.jvm = jvm;
    }

    @Override
    public long pid() {
        return reportedPid(jvm);
    }

    @Override
    public ProcessHandle process() {
        return jvm;
    }

    @Override
    public Optional<ProcessHandle> descendant(long reportedPid) {
        return jvm.descendants().filter(p -> NamespacedPids.innermost(p.pid()).orElse(-1) == reportedPid).findFirst();
    }

    @Override
    public long reportedPid(ProcessHandle process) {
        return NamespacedPids.innermost(process.pid()).orElse(process.pid());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<CodeUnderTest.ThreadView> threads() {
        List<List<Object>> views = (List<List<Object>>) system("threads", "()Ljava/util/List;", NONE, List.class);
        List<CodeUnderTest.ThreadView> threads = new ArrayList<>();
        for (List<Object> v : views) {
            threads.add(new CodeUnderTest.ThreadView((Long) v.get(0), (String) v.get(1), (Thread.State) v.get(2),
                    (Boolean) v.get(3), Arrays.asList((StackTraceElement[]) v.get(4))));
        }
        return threads;
    }

    @Override
    public Thread.State stateOf(Thread thread) {
        if (!link.waitsOnOtherSide(thread)) {
            return thread.getState();
        }
        Thread.State remote = (Thread.State) system("stateOf", "(I)Ljava/lang/Thread$State;", STRAND,
                Thread.State.class, link.strandOf(thread));
        return remote == null ? thread.getState() : remote;
    }

    @Override
    public StackTraceElement[] stackOf(Thread thread) {
        StackTraceElement[] local = thread.getStackTrace();
        if (!link.waitsOnOtherSide(thread)) {
            return local;
        }
        StackTraceElement[] remote = (StackTraceElement[]) system("stackOf", "(I)[Ljava/lang/StackTraceElement;",
                STRAND, StackTraceElement[].class, link.strandOf(thread));
        // the submission's frames take the place of the boundary's, above the test's own
        int below = 0;
        for (int i = 0; i < local.length; i++) {
            if (local[i].getClassName().startsWith("conclab.boundary.")) {
                below = i + 1;
            }
        }
        List<StackTraceElement> spliced = new ArrayList<>(Arrays.asList(remote));
        List<StackTraceElement> rest = Arrays.asList(local).subList(below, local.length);
        if (!rest.isEmpty() && !spliced.isEmpty() && sameMethod(rest.get(0), spliced.get(spliced.size() - 1))) {
            rest = rest.subList(1, rest.size()); // the stand-in's frame, which the submission's own stands for
        }
        spliced.addAll(rest);
        return spliced.toArray(new StackTraceElement[0]);
    }

    private static boolean sameMethod(StackTraceElement a, StackTraceElement b) {
        return a.getClassName().equals(b.getClassName()) && a.getMethodName().equals(b.getMethodName());
    }

    @Override
    public long cpuTimeNanos(Thread thread) {
        Integer strand = link.strandOf(thread);
        return strand == null ? 0 : (Long) system("cpuTime", "(I)J", STRAND, long.class, strand);
    }

    @Override
    public long allocatedBytes(Thread thread) {
        Integer strand = link.strandOf(thread);
        return strand == null ? 0 : (Long) system("allocated", "(I)J", STRAND, long.class, strand);
    }

    @Override
    public Object readStatic(Class<?> owner, String field) {
        return system("readStatic", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Object;",
                new Class<?>[] {String.class, String.class}, Object.class, owner.getName(), field);
    }

    @Override
    public void writeStatic(Class<?> owner, String field, Object value) {
        system("writeStatic", "(Ljava/lang/String;Ljava/lang/String;Ljava/lang/Object;)V",
                new Class<?>[] {String.class, String.class, Object.class}, void.class, owner.getName(), field, value);
    }

    private Object system(String member, String descriptor, Class<?>[] parameters, Class<?> returnType,
                          Object... arguments) {
        try {
            return link.call(new Link.Target.Static(Link.SYSTEM), Link.SYSTEM, member, descriptor, parameters,
                    returnType, arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("the submission's JVM failed to tell " + member + ": " + t, t);
        }
    }
}
