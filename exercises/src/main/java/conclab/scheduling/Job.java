package conclab.scheduling;

import java.util.ArrayList;
import java.util.List;

/**
 * A job to schedule: a name, the time it arrives, and the work it brings. Given: you do not write
 * this.
 *
 * <p>The work is a list of <em>bursts</em> that alternate between the CPU and input/output,
 * starting and ending with the CPU: {@code [cpu, io, cpu, io, ..., cpu]}. Most jobs in the
 * examples have a single CPU burst and no I/O ({@link #of(String, int, int)}); a job that reads a
 * file, computes, writes the result has three ({@link #withIo(String, int, int...)}). Times are
 * whole ticks of the simulator's virtual clock.
 *
 * <p>This record checks nothing: {@link Scheduler#run} validates its input and says which job
 * and which field are wrong.
 *
 * @param id      the job's name, unique among the jobs of one run
 * @param arrival the tick at which the job arrives (is created and admitted), 0 or more
 * @param bursts  CPU and I/O bursts alternating, CPU first and last (an odd number), each 1 or
 *                more ticks; copied, never null (a null list becomes empty)
 */
public record Job(String id, int arrival, List<Integer> bursts) {

    public Job {
        bursts = bursts == null ? List.of() : List.copyOf(bursts);
    }

    /** A job with one CPU burst and no I/O: {@code Job.of("A", 0, 5)}. */
    public static Job of(String id, int arrival, int cpuBurst) {
        return new Job(id, arrival, List.of(cpuBurst));
    }

    /**
     * A job that alternates CPU and I/O: {@code Job.withIo("A", 0, 2, 5, 3)} computes 2 ticks,
     * waits 5 ticks for I/O, computes 3 more ticks.
     */
    public static Job withIo(String id, int arrival, int... bursts) {
        List<Integer> list = new ArrayList<>();
        for (int burst : bursts) {
            list.add(burst);
        }
        return new Job(id, arrival, list);
    }

    /** The number of CPU bursts: the bursts at even positions 0, 2, 4, ... */
    public int cpuBurstCount() {
        return (bursts.size() + 1) / 2;
    }

    /** The CPU burst number {@code k} (0 is the first): {@code bursts().get(2 * k)}. */
    public int cpuBurst(int k) {
        return bursts.get(2 * k);
    }

    /** The I/O burst that follows CPU burst number {@code k}: {@code bursts().get(2 * k + 1)}. */
    public int ioBurst(int k) {
        return bursts.get(2 * k + 1);
    }

    /** All CPU ticks the job needs: the sum of its CPU bursts. */
    public int cpuTime() {
        int sum = 0;
        for (int i = 0; i < bursts.size(); i += 2) {
            sum += bursts.get(i);
        }
        return sum;
    }

    /** All ticks the job spends in I/O: the sum of its I/O bursts. */
    public int ioTime() {
        int sum = 0;
        for (int i = 1; i < bursts.size(); i += 2) {
            sum += bursts.get(i);
        }
        return sum;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(id).append('@').append(arrival);
        for (int i = 0; i < bursts.size(); i++) {
            text.append(i % 2 == 0 ? " cpu " : " io ").append(bursts.get(i));
        }
        return text.toString();
    }
}
