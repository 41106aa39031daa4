package conclab.scheduling;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scheduling algorithm: how the scheduler picks the next job from the ready queue, and whether
 * it takes the CPU away from a running job. Given: you do not write this; {@link Scheduler}
 * documents what each policy does, tie by tie. Create one with the static methods:
 * {@code Policy.fcfs()}, {@code Policy.roundRobin(4)}, {@code Policy.feedbackQueue(0, 2, 4, 8)}.
 *
 * <p>The records check nothing: {@link Scheduler#run} rejects a quantum of zero and the like.
 * In Java 17, tell them apart with {@code instanceof}:
 * <pre>{@code
 * if (policy instanceof Policy.RoundRobin rr) {
 *     int quantum = rr.quantum();
 * }
 * }</pre>
 */
public sealed interface Policy permits Policy.Batch, Policy.Fcfs, Policy.Sjf, Policy.Srtf,
        Policy.RoundRobin, Policy.FeedbackQueue {

    /** A short name for charts and tables, e.g. {@code RR q=4}. */
    String label();

    /**
     * One program at a time (单道, uniprogramming): the jobs run in the order they arrive, each
     * from start to end; while it waits for I/O it keeps its CPU, which sits idle.
     */
    record Batch() implements Policy {
        @Override
        public String label() {
            return "batch";
        }
    }

    /** First come, first served (先来先服务): in the order of the ready queue, never preempted. */
    record Fcfs() implements Policy {
        @Override
        public String label() {
            return "FCFS";
        }
    }

    /** Shortest job first (短作业优先), non-preemptive: the shortest next CPU burst goes first. */
    record Sjf() implements Policy {
        @Override
        public String label() {
            return "SJF";
        }
    }

    /** Shortest remaining time first: SJF that preempts when a shorter job becomes ready. */
    record Srtf() implements Policy {
        @Override
        public String label() {
            return "SRTF";
        }
    }

    /**
     * Round robin (时间片轮转): FCFS order, but a job runs at most {@code quantum} ticks at a time.
     *
     * @param quantum the time slice, 1 or more
     */
    record RoundRobin(int quantum) implements Policy {
        @Override
        public String label() {
            return "RR q=" + quantum;
        }
    }

    /**
     * The multi-level feedback queue (多级反馈队列).
     *
     * @param quanta      the time slice of each level, top level (0, highest priority) first;
     *                    one level at least, each 1 or more; copied, never null
     * @param boostPeriod every {@code boostPeriod} ticks all jobs go back to the top level;
     *                    0 for no boost
     */
    record FeedbackQueue(List<Integer> quanta, int boostPeriod) implements Policy {
        public FeedbackQueue {
            quanta = quanta == null ? List.of() : List.copyOf(quanta);
        }

        @Override
        public String label() {
            return "MLFQ " + quanta.stream().map(String::valueOf).collect(Collectors.joining("/"))
                    + (boostPeriod == 0 ? "" : " boost " + boostPeriod);
        }
    }

    /** {@link Batch}: one program at a time. */
    static Policy batch() {
        return new Batch();
    }

    /** {@link Fcfs}: first come, first served. */
    static Policy fcfs() {
        return new Fcfs();
    }

    /** {@link Sjf}: shortest job first, non-preemptive. */
    static Policy sjf() {
        return new Sjf();
    }

    /** {@link Srtf}: shortest remaining time first. */
    static Policy srtf() {
        return new Srtf();
    }

    /** {@link RoundRobin} with the given time slice. */
    static Policy roundRobin(int quantum) {
        return new RoundRobin(quantum);
    }

    /**
     * {@link FeedbackQueue}: {@code feedbackQueue(0, 2, 4, 8)} has three levels with slices of 2,
     * 4 and 8 ticks and no boost; {@code feedbackQueue(50, 2, 4, 8)} boosts every 50 ticks.
     */
    static Policy feedbackQueue(int boostPeriod, int... quanta) {
        return new FeedbackQueue(java.util.Arrays.stream(quanta).boxed().toList(), boostPeriod);
    }
}
