package conclab.scheduling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A CPU scheduler on a virtual clock: given jobs and a {@link Policy}, it works out which job
 * runs on which CPU at every moment, and what that means for each job's waiting.
 *
 * <h2>Why schedule at all</h2>
 * A CPU runs one program at a time. To give several programs the CPU in turns (concurrency, the
 * lecture's 并发), the operating system keeps the programs that could run in a <em>ready
 * queue</em> and, whenever a CPU becomes free, picks one of them: that choice is the
 * <em>scheduling algorithm</em>. The lecture names the classics: first come, first served (bad for
 * short jobs stuck behind a long one), shortest job first (bad for long jobs, which may wait for
 * ever), time slices (round robin) and the multi-level feedback queue. This class simulates them
 * exactly, so that their differences show as numbers.
 *
 * <h2>The virtual clock</h2>
 * Time is counted in whole <em>ticks</em>, starting at 0; nothing here reads a real clock or
 * sleeps. "At t" means the instant t; "tick t" (or "during tick t") means the stretch
 * {@code [t, t+1)} that follows it. A {@link Job} arrives at an instant and brings CPU
 * bursts, possibly separated by I/O bursts. During one tick a CPU does one thing: it runs a job
 * (which then has one tick less to do in its current CPU burst), it spends the tick on a context
 * switch, or it idles.
 * A job's I/O proceeds on its own, outside the CPUs: there is no device queue, any number of jobs
 * can do I/O at once.
 *
 * <h2>What happens at each instant t</h2>
 * Each instant t is handled in these steps, in this order. The order is what makes ties exact.
 * <ol>
 *   <li><b>Endings.</b> For each CPU, in CPU order (0, 1, ...), whose job ran during tick t−1:
 *     <ul>
 *       <li>if the job's current CPU burst is done, the job either <em>terminates</em> (that was
 *           its last burst: its completion time is t) or <em>blocks</em> for its next I/O burst
 *           of d ticks, until tick t+d. The CPU is free (under {@link Policy.Batch} it is not:
 *           see below);</li>
 *       <li>otherwise, if its time slice (round robin, feedback queue) is used up, the job is
 *           <em>preempted</em> (timed out): the CPU is free and the job will re-enter the ready
 *           queue in step 2c. In the feedback queue it first drops one level (not below the
 *           lowest). A job whose burst ends exactly when its slice does has finished its burst:
 *           it is not preempted and does not drop.</li>
 *     </ul></li>
 *   <li><b>The ready queue.</b> Jobs enter the back of the ready queue in this order:
 *     <ol type="a">
 *       <li>jobs whose I/O ends at t, in the order of the job list;</li>
 *       <li>jobs that arrive at t, in the order of the job list;</li>
 *       <li>jobs preempted in step 1, in CPU order.</li>
 *     </ol>
 *     So a job that arrives at the very tick another's slice ends is ahead of it, and jobs that
 *     arrive together keep the order of the job list.</li>
 *   <li><b>Boost</b> (feedback queue with a boost period B &gt; 0, at t = B, 2B, 3B, ...): the
 *       running jobs are interrupted and every job goes back to the top level, even while every
 *       CPU is idle (the jobs in I/O are lifted too); see below.</li>
 *   <li><b>Dispatch.</b> Each free CPU, in CPU order, takes the ready job that the policy ranks
 *       first, and it leaves the queue. Then, for the preemptive policies (SRTF and the feedback
 *       queue), preemption: only a job that ran during tick t−1 may be preempted (one that is
 *       being switched in, or whose switch has just ended, runs at least one tick first). As long
 *       as the first-ranked ready job is <em>strictly</em> more urgent than the least urgent of
 *       the jobs that may be preempted (on a tie, the one on the highest-numbered CPU), that job
 *       is preempted: it goes to the back of the ready queue and the ready job takes its CPU. The
 *       victim is chosen among those jobs only: a less urgent job that is being switched in
 *       neither is preempted nor protects the others. Afterwards no CPU is free while a job is
 *       ready.</li>
 *   <li><b>The tick</b> {@code [t, t+1)}: every CPU runs its job, switches, or idles.</li>
 * </ol>
 * When the last job terminates at tick t, the schedule ends: t is the <em>makespan</em>.
 *
 * <h2>The states of a job</h2>
 * These steps move each job through the process states of the {@code states} exercise: it is
 * <em>new</em> until it arrives, and is admitted to the ready queue (<em>ready</em>) at its
 * arrival; dispatch makes it <em>running</em> (the switch, if any, is part of the dispatch); a
 * used-up slice, a preemption or a boost makes it ready again; the end of a CPU burst followed by
 * I/O makes it <em>blocked</em>, the end of that I/O ready again; the end of its last burst
 * <em>terminated</em>. A job runs only from ready, as the lecture says; the one exception is
 * batch, where a job's CPU waits for it, so that at the end of its I/O it is ready and dispatched
 * again at the same instant.
 *
 * <h2>The policies</h2>
 * "Queue order" is the order in which jobs entered the ready queue (step 2): whoever entered
 * first is ahead. Each policy ranks the ready jobs as follows.
 * <table>
 *   <caption>How each policy picks</caption>
 *   <tr><th>policy</th><th>ranks first</th><th>on a tie</th><th>takes a CPU away?</th></tr>
 *   <tr><td>{@link Policy.Batch}</td><td>queue order</td><td>-</td>
 *       <td>never; the job keeps the CPU even during its I/O</td></tr>
 *   <tr><td>{@link Policy.Fcfs}</td><td>queue order</td><td>-</td><td>never</td></tr>
 *   <tr><td>{@link Policy.Sjf}</td><td>the shortest next CPU burst</td><td>queue order</td>
 *       <td>never</td></tr>
 *   <tr><td>{@link Policy.Srtf}</td><td>the least time left in its current CPU burst</td>
 *       <td>queue order; a running job is never preempted by an equal one</td>
 *       <td>yes, for a strictly shorter remaining time</td></tr>
 *   <tr><td>{@link Policy.RoundRobin}</td><td>queue order</td><td>-</td>
 *       <td>when its slice of {@code quantum} ticks is used up</td></tr>
 *   <tr><td>{@link Policy.FeedbackQueue}</td><td>the highest level (0 is the top), then queue
 *       order</td><td>queue order</td><td>when its slice is used up, and for a job at a
 *       strictly higher level</td></tr>
 * </table>
 *
 * <h3>Batch: one program at a time</h3>
 * The old way (单道技术): a job, once dispatched, holds its CPU until it terminates. When it
 * blocks for I/O, the CPU waits with it, idle, and the job continues on that CPU the moment its
 * I/O ends (step 2a does not queue it), without a context switch: nobody else used the CPU.
 * Compare it with {@link Policy.Fcfs} on jobs with I/O: the
 * same jobs in the same order, but under FCFS a job that blocks gives its CPU to the next ready
 * job (多道技术: switch, and save the state, when a program waits), and the CPU utilisation
 * rises. That is multiprogramming.
 *
 * <h3>Round robin</h3>
 * Every dispatch starts a fresh slice of {@code quantum} ticks. A job whose slice ends while it
 * still has work goes to the back of the queue, behind whoever arrived at that same tick (step 2).
 * If nobody else is ready, it is dispatched again at once and simply runs on.
 *
 * <h3>The multi-level feedback queue</h3>
 * The rules of the textbook (Arpaci-Dusseau, <i>Operating Systems: Three Easy Pieces</i>, ch. 8):
 * <ol>
 *   <li>A job at a higher level runs before a job at a lower one; a job that becomes ready at a
 *       higher level preempts a running job at a lower level (step 4).</li>
 *   <li>Jobs at the same level take turns, round robin, in queue order.</li>
 *   <li>A job enters at the top level, 0.</li>
 *   <li>A job that uses up its whole slice drops one level (step 1); the slice at level i is
 *       {@code quanta.get(i)} ticks, given when the job is dispatched. A job that gives up the CPU
 *       before its slice is used up (it blocks for I/O, or is preempted by a higher level) keeps
 *       its level, and gets a fresh slice the next time. Dropping a level never loses work: the
 *       job goes on from where it was.</li>
 *   <li>Boost: every {@code boostPeriod} ticks (if not 0), all jobs, wherever they are (ready,
 *       running or blocked), go back to level 0, so that long jobs cannot starve. A boost is
 *       a timer interrupt on every CPU: each job that ran during the tick before loses its CPU
 *       (without dropping a level). The new top-level queue holds the ready jobs in their order,
 *       level 0's first, then level 1's, and so on, and behind them the interrupted jobs, in CPU
 *       order; then step 4 dispatches as usual (a job that is picked again by the CPU it ran on
 *       simply runs on, with a fresh slice).</li>
 * </ol>
 * Short, interactive jobs thus stay at the top and finish quickly, while long jobs sink and run
 * with long slices when nothing more urgent is ready.
 *
 * <h2>Context switches</h2>
 * With {@link Machine#contextSwitch()} c &gt; 0, a CPU that is given a job spends c ticks switching
 * to it (a {@link Segment.Kind#SWITCH} segment naming the job) before the job runs; its slice
 * starts after the switch. No switch is needed when the job is the one that ran on that same CPU
 * during the tick just before (its slice ended and it was picked again). The job's waiting time
 * includes its switches.
 *
 * <h2>Several CPUs</h2>
 * With {@link Machine#cpus()} n &gt; 1, the CPUs share one ready queue, and up to n jobs run at the
 * same time: parallelism (并行). On one CPU, jobs only take turns: concurrency without
 * parallelism, and no two of its segments ever overlap. A job runs on one CPU at a time, and may
 * move to another CPU after it was preempted or blocked (then it needs a switch).
 *
 * <h2>What {@code run} returns</h2>
 * <ul>
 *   <li>The <b>timeline</b>: for each CPU, in CPU order, its segments in order of time, covering
 *       {@code [0, makespan)} exactly: no gaps (idle time is an {@link Segment.Kind#IDLE} segment,
 *       including before the first arrival and after the CPU's last job) and no overlaps. Each
 *       segment is as long as possible: two neighbouring segments never have the same kind and
 *       job (a job that runs on after its slice is one segment).</li>
 *   <li>The <b>jobs' times</b>, one {@link JobStats} per job, in the order of the job list: the
 *       first tick it ran and the tick it completed; turnaround, waiting and response follow.</li>
 * </ul>
 *
 * <h2>Invalid input</h2>
 * {@code run} checks everything before it simulates, and throws {@link IllegalArgumentException}
 * with a message that names the job (its id; a job without one by its position in the list,
 * counted from 0 like the CPUs: {@code job #0} is the first) and the field that is wrong, e.g.
 * {@code job "B": burst 1 (I/O) must be 1 or more, was 0} (bursts are counted from 0 too):
 * an empty job list ("jobs"); an id that is null or blank, or the same as an earlier job's
 * ("id"); an arrival below 0 ("arrival"); an even number of bursts ("bursts"); a burst below 1
 * ("burst"); a quantum below 1 ("quantum"), for round robin and for any level of the feedback
 * queue, which also needs one level at least ("quanta") and a boost period of 0 or more
 * ("boostPeriod"); fewer than 1 CPU ("cpus"); a negative switch cost ("contextSwitch").
 *
 * <h2>Example</h2>
 * Four jobs from Silberschatz's <i>Operating System Concepts</i> (§ 5.3), under SRTF on one CPU:
 * <pre>{@code
 * List<Job> jobs = List.of(Job.of("P1", 0, 8), Job.of("P2", 1, 4), Job.of("P3", 2, 9),
 *         Job.of("P4", 3, 5));
 * Schedule schedule = Scheduler.run(jobs, Policy.srtf());
 * System.out.print(GanttChart.render(schedule));
 * System.out.print(GanttChart.times(schedule));
 * }</pre>
 * prints
 * <pre>
 * cpu0 |P1|P2     |P4       |P1           |P3               |
 *      0  1       5         10            17                26
 * job      arrival  cpu  io  first run  completion  turnaround  waiting  response
 * P1             0    8   0          0          17          17        9         0
 * P2             1    4   0          1           5           4        0         0
 * P3             2    9   0         17          26          24       15        15
 * P4             3    5   0          5          10           7        2         2
 * average                                                13.00     6.50      4.25
 * makespan 26, CPU utilisation 100.0 %
 * </pre>
 * At tick 1, P2 (4 ticks) is shorter than what P1 has left (7): it preempts P1. At tick 3, P4 (5)
 * is not shorter than what P2 has left (2). At 5, P4 (5) is picked before P1 (7) and P3 (9).
 * The timeline is {@code [cpu0 P1 [0,1), cpu0 P2 [1,5), cpu0 P4 [5,10), cpu0 P1 [10,17),
 * cpu0 P3 [17,26)]}.
 *
 * <p>Try others by hand: {@code java conclab.scheduling.Scheduler A:0:2,3,2 B:0:2,3,2} shows every
 * policy on two jobs with I/O (see {@link #main(String[])}); run it from the repository's root with
 * {@code ./mvnw -q compile exec:java "-Dexec.mainClass=conclab.scheduling.Scheduler" "-Dexec.args=A:0:2,3,2 B:0:2,3,2"}.
 *
 * <h2>How to go about it</h2>
 * Simulate tick by tick: keep, for each job, which burst it is in and how much of it is left (and
 * its level and the tick its I/O ends), for each CPU the job it has, the switch ticks and slice
 * ticks left, and the ready queue as a list with an insertion counter for "queue order". Then
 * loop over t = 0, 1, 2, ... doing the five steps above, appending each tick to its CPU's last
 * segment when kind and job are the same. Write the steps as separate methods; get FCFS right
 * first, then add the policies one by one.
 */
public final class Scheduler {

    private Scheduler() {
    }

    /**
     * Schedules {@code jobs} on one CPU with free context switches.
     *
     * @param jobs   the jobs, in the order they were submitted (this order breaks ties)
     * @param policy the scheduling algorithm
     * @return the timeline and the jobs' times
     * @throws IllegalArgumentException if a job or the policy is invalid; the message names the
     *                                  job and the field
     * @throws NullPointerException     if {@code jobs}, a job, or {@code policy} is null
     */
    public static Schedule run(List<Job> jobs, Policy policy) {
        return run(jobs, policy, Machine.SINGLE_CPU);
    }

    /**
     * Schedules {@code jobs} on {@code machine}.
     *
     * @param jobs    the jobs, in the order they were submitted (this order breaks ties)
     * @param policy  the scheduling algorithm
     * @param machine the CPUs and the cost of a context switch
     * @return the timeline and the jobs' times
     * @throws IllegalArgumentException if a job, the policy or the machine is invalid; the
     *                                  message names the job (or the policy or machine) and the
     *                                  field
     * @throws NullPointerException     if an argument or a job is null
     */
    public static Schedule run(List<Job> jobs, Policy policy, Machine machine) {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(machine, "machine");
        validate(jobs, policy, machine);
        return new Simulation(jobs, policy, machine).run();
    }

    private static void validate(List<Job> jobs, Policy policy, Machine machine) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("jobs: at least one job is needed");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job job = Objects.requireNonNull(jobs.get(i), "job #" + i);
            String name = job.id() == null || job.id().isBlank() ? "job #" + i
                    : "job \"" + job.id() + "\"";
            if (job.id() == null || job.id().isBlank()) {
                throw new IllegalArgumentException(name + ": id must not be blank");
            }
            if (!ids.add(job.id())) {
                throw new IllegalArgumentException(name + ": id is not unique (job #" + i
                        + " has the id of an earlier job)");
            }
            if (job.arrival() < 0) {
                throw new IllegalArgumentException(name + ": arrival must be 0 or more, was "
                        + job.arrival());
            }
            List<Integer> bursts = job.bursts();
            if (bursts.size() % 2 == 0) {
                throw new IllegalArgumentException(name + ": bursts must alternate CPU and I/O,"
                        + " starting and ending with a CPU burst (an odd number of them), but"
                        + " there are " + bursts.size());
            }
            for (int b = 0; b < bursts.size(); b++) {
                if (bursts.get(b) <= 0) {
                    throw new IllegalArgumentException(name + ": burst " + b + " ("
                            + (b % 2 == 0 ? "CPU" : "I/O") + ") must be 1 or more, was "
                            + bursts.get(b));
                }
            }
        }
        if (policy instanceof Policy.RoundRobin rr && rr.quantum() <= 0) {
            throw new IllegalArgumentException(policy.label() + ": quantum must be 1 or more, was "
                    + rr.quantum());
        }
        if (policy instanceof Policy.FeedbackQueue mlfq) {
            if (mlfq.quanta().isEmpty()) {
                throw new IllegalArgumentException("feedback queue: quanta must name one level"
                        + " at least");
            }
            for (int level = 0; level < mlfq.quanta().size(); level++) {
                if (mlfq.quanta().get(level) <= 0) {
                    throw new IllegalArgumentException("feedback queue: quantum of level " + level
                            + " must be 1 or more, was " + mlfq.quanta().get(level));
                }
            }
            if (mlfq.boostPeriod() < 0) {
                throw new IllegalArgumentException("feedback queue: boostPeriod must be 0 (no"
                        + " boost) or more, was " + mlfq.boostPeriod());
            }
        }
        if (machine.cpus() < 1) {
            throw new IllegalArgumentException("machine: cpus must be 1 or more, was "
                    + machine.cpus());
        }
        if (machine.contextSwitch() < 0) {
            throw new IllegalArgumentException("machine: contextSwitch must be 0 or more, was "
                    + machine.contextSwitch());
        }
    }

    /** One job while it is being scheduled. */
    private static final class Task {
        final Job job;
        final int index;
        int burst;              // the index in job.bursts() of the current burst
        int remaining;          // CPU ticks left in the current CPU burst
        int ioUntil = -1;       // while in I/O: the tick it ends
        int level;              // feedback queue level, 0 = top
        long seq;               // when it last entered the ready queue (a counter)
        int firstRun = -1;
        int completion = -1;

        Task(Job job, int index) {
            this.job = job;
            this.index = index;
            this.remaining = job.bursts().get(0);
        }
    }

    /** One CPU. */
    private static final class Cpu {
        final int number;
        Task task;              // the job it is switching to, running, or (batch) holding
        int switchLeft;         // > 0: switching to task
        int sliceLeft;          // ticks left in the task's time slice
        boolean holding;        // batch: task is in I/O and keeps this CPU
        Task ranLastTick;       // the task that ran on this CPU in the tick just before
        final List<Segment> segments = new ArrayList<>();

        Cpu(int number) {
            this.number = number;
        }

        boolean free() {
            return task == null;
        }

        boolean running() {
            return task != null && !holding && switchLeft == 0;
        }

        void record(Segment.Kind kind, String job, int start, int end) {
            if (!segments.isEmpty()) {
                Segment last = segments.get(segments.size() - 1);
                if (last.kind() == kind && Objects.equals(last.job(), job) && last.end() == start) {
                    segments.set(segments.size() - 1, new Segment(number, kind, job, last.start(), end));
                    return;
                }
            }
            segments.add(new Segment(number, kind, job, start, end));
        }
    }

    /** The simulation of one run, tick by tick on the virtual clock. */
    private static final class Simulation {
        private final Policy policy;
        private final Machine machine;
        private final List<Task> tasks = new ArrayList<>();
        private final List<Cpu> cpus = new ArrayList<>();
        private final List<Task> ready = new ArrayList<>();
        private long seq;
        private int done;

        Simulation(List<Job> jobs, Policy policy, Machine machine) {
            this.policy = policy;
            this.machine = machine;
            for (int i = 0; i < jobs.size(); i++) {
                tasks.add(new Task(jobs.get(i), i));
            }
            for (int c = 0; c < machine.cpus(); c++) {
                cpus.add(new Cpu(c));
            }
        }

        Schedule run() {
            int t = 0;
            while (true) {
                endBurstsAndSlices(t);
                if (done == tasks.size()) {
                    break;
                }
                dispatch(t);
                t = account(t);
            }
            List<Segment> timeline = new ArrayList<>();
            for (Cpu cpu : cpus) {
                timeline.addAll(cpu.segments);
            }
            List<JobStats> stats = new ArrayList<>();
            for (Task task : tasks) {
                stats.add(new JobStats(task.job.id(), task.job.arrival(), task.job.cpuTime(),
                        task.job.ioTime(), task.firstRun, task.completion));
            }
            return new Schedule(timeline, stats);
        }

        /** Instant t, first half: what ended at t, then who joins the ready queue, in order. */
        private void endBurstsAndSlices(int t) {
            List<Task> expired = new ArrayList<>();
            for (Cpu cpu : cpus) {
                if (cpu.task == null || cpu.holding) {
                    continue;
                }
                if (cpu.switchLeft > 0) {
                    continue;
                }
                Task task = cpu.task;
                if (task.remaining == 0) {
                    task.burst++;
                    if (task.burst == task.job.bursts().size()) {
                        task.completion = t;
                        done++;
                        cpu.task = null;
                    } else {
                        task.ioUntil = t + task.job.bursts().get(task.burst);
                        if (policy instanceof Policy.Batch) {
                            cpu.holding = true;
                        } else {
                            cpu.task = null;
                        }
                    }
                } else if (cpu.sliceLeft == 0) {
                    if (policy instanceof Policy.FeedbackQueue mlfq) {
                        task.level = Math.min(task.level + 1, mlfq.quanta().size() - 1);
                    }
                    expired.add(task);
                    cpu.task = null;
                }
            }
            // 1. jobs whose I/O ends at t, in the order of the job list
            for (Task task : tasks) {
                if (task.ioUntil == t) {
                    task.ioUntil = -1;
                    task.burst++;
                    task.remaining = task.job.bursts().get(task.burst);
                    Cpu holder = holderOf(task);
                    if (holder != null) {          // batch: back on the CPU it kept
                        holder.holding = false;
                        holder.sliceLeft = Integer.MAX_VALUE;
                    } else {
                        enqueue(task);
                    }
                }
            }
            // 2. jobs that arrive at t, in the order of the job list
            for (Task task : tasks) {
                if (task.job.arrival() == t) {
                    enqueue(task);
                }
            }
            // 3. jobs whose time slice ran out at t, in the order of the CPUs
            for (Task task : expired) {
                enqueue(task);
            }
            // 4. the feedback queue's boost: every running job is interrupted, and everybody
            //    goes back to the top level, the ready queue in its order, then the interrupted
            if (policy instanceof Policy.FeedbackQueue mlfq && mlfq.boostPeriod() > 0 && t > 0
                    && t % mlfq.boostPeriod() == 0) {
                ready.sort(readyOrder());
                for (Task task : ready) {
                    task.seq = seq++;
                }
                for (Cpu cpu : cpus) {
                    if (preemptible(cpu)) {
                        enqueue(cpu.task);
                        cpu.task = null;
                    }
                }
                for (Task task : tasks) {
                    task.level = 0;
                }
            }
        }

        private Cpu holderOf(Task task) {
            for (Cpu cpu : cpus) {
                if (cpu.task == task) {
                    return cpu;
                }
            }
            return null;
        }

        private void enqueue(Task task) {
            task.seq = seq++;
            ready.add(task);
        }

        /** The order in which ready jobs are picked: the best first. */
        private Comparator<Task> readyOrder() {
            Comparator<Task> fifo = Comparator.comparingLong(task -> task.seq);
            if (policy instanceof Policy.Sjf || policy instanceof Policy.Srtf) {
                return Comparator.<Task>comparingInt(task -> task.remaining).thenComparing(fifo);
            }
            if (policy instanceof Policy.FeedbackQueue) {
                return Comparator.<Task>comparingInt(task -> task.level).thenComparing(fifo);
            }
            return fifo;
        }

        /** For preemption: how urgent a job is, smaller is more urgent. */
        private int urgency(Task task) {
            return policy instanceof Policy.Srtf ? task.remaining : task.level;
        }

        private boolean preemptive() {
            return policy instanceof Policy.Srtf || policy instanceof Policy.FeedbackQueue;
        }

        private int quantum(Task task) {
            if (policy instanceof Policy.RoundRobin rr) {
                return rr.quantum();
            }
            if (policy instanceof Policy.FeedbackQueue mlfq) {
                return mlfq.quanta().get(task.level);
            }
            return Integer.MAX_VALUE;
        }

        /** Instant t, second half: free CPUs take the best ready jobs; then preemption. */
        private void dispatch(int t) {
            ready.sort(readyOrder());
            for (Cpu cpu : cpus) {
                if (cpu.free() && !ready.isEmpty()) {
                    start(cpu, ready.remove(0));
                }
            }
            if (!preemptive()) {
                return;
            }
            while (!ready.isEmpty()) {
                Task best = ready.get(0);
                Cpu victim = null;
                for (Cpu cpu : cpus) {
                    if (preemptible(cpu) && (victim == null
                            || urgency(cpu.task) >= urgency(victim.task))) {
                        victim = cpu;
                    }
                }
                if (victim == null || urgency(best) >= urgency(victim.task)) {
                    return;
                }
                Task preempted = victim.task;
                victim.task = null;
                ready.remove(0);
                start(victim, best);
                enqueue(preempted);
                ready.sort(readyOrder());
            }
        }

        /** A CPU whose job ran during the tick just before: it may be interrupted now. */
        private boolean preemptible(Cpu cpu) {
            return cpu.running() && cpu.ranLastTick == cpu.task;
        }

        private void start(Cpu cpu, Task task) {
            cpu.task = task;
            cpu.holding = false;
            cpu.sliceLeft = quantum(task);
            boolean continues = cpu.ranLastTick == task;
            cpu.switchLeft = continues ? 0 : machine.contextSwitch();
        }

        /** The tick [t, t+1), or a longer stretch when every CPU is idle and nobody is ready. */
        private int account(int t) {
            int next = t + 1;
            boolean allIdle = ready.isEmpty();
            for (Cpu cpu : cpus) {
                allIdle &= cpu.free() || cpu.holding;
            }
            if (allIdle) {
                next = Integer.MAX_VALUE;
                for (Task task : tasks) {
                    if (task.job.arrival() > t) {
                        next = Math.min(next, task.job.arrival());
                    }
                    if (task.ioUntil > t) {
                        next = Math.min(next, task.ioUntil);
                    }
                }
                // a boost lifts the blocked jobs too: its instant is not skipped
                if (policy instanceof Policy.FeedbackQueue mlfq && mlfq.boostPeriod() > 0) {
                    next = Math.min(next, (t / mlfq.boostPeriod() + 1) * mlfq.boostPeriod());
                }
                if (next == Integer.MAX_VALUE) {
                    throw new IllegalStateException("nothing left to wait for at tick " + t);
                }
            }
            for (Cpu cpu : cpus) {
                if (cpu.task == null || cpu.holding) {
                    cpu.record(Segment.Kind.IDLE, null, t, next);
                    cpu.ranLastTick = null;
                } else if (cpu.switchLeft > 0) {
                    cpu.record(Segment.Kind.SWITCH, cpu.task.job.id(), t, next);
                    cpu.switchLeft--;
                    cpu.ranLastTick = null;
                } else {
                    Task task = cpu.task;
                    cpu.record(Segment.Kind.RUN, task.job.id(), t, next);
                    if (task.firstRun < 0) {
                        task.firstRun = t;
                    }
                    task.remaining--;
                    cpu.sliceLeft--;
                    cpu.ranLastTick = task;
                }
            }
            return next;
        }
    }

    /**
     * Prints the chart and the times of every policy for a list of jobs:
     * <pre>
     * java conclab.scheduling.Scheduler [--quantum Q] [--levels Q0,Q1,...] [--boost B]
     *                                   [--cpus N] [--switch C] JOB...
     * </pre>
     * where each {@code JOB} is {@code ID:ARRIVAL:BURSTS}, the bursts separated by commas
     * ({@code P1:0:8} needs 8 ticks of CPU; {@code A:0:2,5,3} computes 2, waits 5 for I/O,
     * computes 3). Defaults: {@code --quantum 2 --levels 2,4,8 --boost 0 --cpus 1 --switch 0};
     * without jobs it shows {@code P1:0:8 P2:1:4 P3:2:9 P4:3:5}. From the repository's root, on any
     * system: {@code ./mvnw -q compile exec:java "-Dexec.mainClass=conclab.scheduling.Scheduler"
     * "-Dexec.args=--cpus 2 A:0:5 B:1:3"}.
     *
     * @param args the options and jobs
     */
    public static void main(String[] args) {
        int quantum = 2;
        List<Integer> levels = List.of(2, 4, 8);
        int boost = 0;
        int cpuCount = 1;
        int contextSwitch = 0;
        List<Job> jobs = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quantum" -> quantum = Integer.parseInt(args[++i]);
                    case "--levels" -> levels = numbers(args[++i]);
                    case "--boost" -> boost = Integer.parseInt(args[++i]);
                    case "--cpus" -> cpuCount = Integer.parseInt(args[++i]);
                    case "--switch" -> contextSwitch = Integer.parseInt(args[++i]);
                    default -> {
                        String[] parts = args[i].split(":");
                        if (parts.length != 3) {
                            throw new IllegalArgumentException("a job is ID:ARRIVAL:BURSTS,"
                                    + " e.g. A:0:5 or B:2:3,4,1, not " + args[i]);
                        }
                        jobs.add(new Job(parts[0], Integer.parseInt(parts[1]), numbers(parts[2])));
                    }
                }
            }
        } catch (RuntimeException e) { // a bad number, a missing value, a malformed job
            System.err.println("usage: java conclab.scheduling.Scheduler [--quantum Q]"
                    + " [--levels Q0,Q1,...] [--boost B] [--cpus N] [--switch C]"
                    + " ID:ARRIVAL:BURSTS...\n" + e);
            System.exit(2);
        }
        if (jobs.isEmpty()) {
            jobs = List.of(Job.of("P1", 0, 8), Job.of("P2", 1, 4), Job.of("P3", 2, 9),
                    Job.of("P4", 3, 5));
        }
        Machine machine = new Machine(cpuCount, contextSwitch);
        List<Policy> policies = List.of(Policy.batch(), Policy.fcfs(), Policy.sjf(),
                Policy.srtf(), Policy.roundRobin(quantum),
                new Policy.FeedbackQueue(levels, boost));
        System.out.println("jobs: " + jobs + "\nmachine: " + machine);
        for (Policy policy : policies) {
            System.out.println("\n== " + policy.label());
            try {
                Schedule schedule = run(jobs, policy, machine);
                System.out.print(GanttChart.render(schedule));
                System.out.print(GanttChart.times(schedule));
            } catch (IllegalArgumentException e) {
                System.out.println("invalid input: " + e.getMessage());
            }
        }
    }

    private static List<Integer> numbers(String commaSeparated) {
        List<Integer> numbers = new ArrayList<>();
        for (String number : commaSeparated.split(",")) {
            numbers.add(Integer.parseInt(number.trim()));
        }
        return numbers;
    }
}
