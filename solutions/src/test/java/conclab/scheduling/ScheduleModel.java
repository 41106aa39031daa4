package conclab.scheduling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The specification of {@link Scheduler}, executed: a second, independent reading of its
 * Javadoc, written from the text (the five steps of an instant, the tie rules, the policies'
 * table, context switches, several CPUs), not from the reference's code. The hidden tests compare
 * the submission's schedules with this one's on seeded random workloads.
 *
 * <p>Deliberately plain rather than fast: one pass per instant, every CPU's activity recorded
 * tick by tick and turned into segments only at the end. It trusts its input (the tests make
 * only valid workloads).
 *
 * <p>Hidden tests only: this is as much an answer as the reference, so it must never be shipped
 * to students (the grader bundles it with the hidden tests, inside its jar).
 */
final class ScheduleModel {

    /** Where a job is in its life. */
    private enum Phase { WAITING_TO_ARRIVE, READY, ON_CPU, IN_IO, FINISHED }

    /** Never runs out: the slice of the policies without time slices. */
    private static final int ENDLESS = Integer.MAX_VALUE;

    private final List<Job> jobs;
    private final Policy policy;
    private final int cpuCount;
    private final int switchCost;

    // per job
    private final Phase[] phase;
    private final int[] burstIndex;      // index into bursts(): even while computing, odd in I/O
    private final int[] leftInBurst;     // CPU ticks still to do in the current CPU burst
    private final int[] ioEndsAt;
    private final int[] level;
    private final long[] enteredQueue;   // the ready queue's order: smaller entered earlier
    private final int[] firstRun;
    private final int[] completion;

    // per CPU
    private final int[] holds;           // the job given this CPU, or -1
    private final boolean[] keptForIo;   // batch: the job holds the CPU while in I/O
    private final int[] switchTicksLeft;
    private final int[] sliceTicksLeft;
    private final int[] ranInTickBefore; // the job that ran on this CPU during the tick just before, or -1

    private final List<Integer> readyQueue = new ArrayList<>();
    private long queueCounter;
    private final List<List<String>> activity = new ArrayList<>(); // per CPU, per tick

    private ScheduleModel(List<Job> jobs, Policy policy, Machine machine) {
        this.jobs = jobs;
        this.policy = policy;
        this.cpuCount = machine.cpus();
        this.switchCost = machine.contextSwitch();
        int n = jobs.size();
        phase = new Phase[n];
        Arrays.fill(phase, Phase.WAITING_TO_ARRIVE);
        burstIndex = new int[n];
        leftInBurst = new int[n];
        ioEndsAt = new int[n];
        level = new int[n];
        enteredQueue = new long[n];
        firstRun = new int[n];
        Arrays.fill(firstRun, -1);
        completion = new int[n];
        for (int j = 0; j < n; j++) {
            leftInBurst[j] = jobs.get(j).cpuBurst(0);
        }
        holds = new int[cpuCount];
        Arrays.fill(holds, -1);
        keptForIo = new boolean[cpuCount];
        switchTicksLeft = new int[cpuCount];
        sliceTicksLeft = new int[cpuCount];
        ranInTickBefore = new int[cpuCount];
        Arrays.fill(ranInTickBefore, -1);
        for (int c = 0; c < cpuCount; c++) {
            activity.add(new ArrayList<>());
        }
    }

    /** The schedule the specification asks for. */
    static Schedule schedule(List<Job> jobs, Policy policy, Machine machine) {
        return new ScheduleModel(jobs, policy, machine).simulate();
    }

    private Schedule simulate() {
        int finished = 0;
        for (int t = 0; ; t++) {
            if (t > 1_000_000) {
                throw new IllegalStateException("the model did not finish: " + jobs);
            }
            List<Integer> timedOut = new ArrayList<>();
            finished += endings(t, timedOut);
            if (finished == jobs.size()) {
                return result(t);
            }
            queueUp(t, timedOut);
            if (boostsAt(t)) {
                boost();
            }
            dispatch();
            tick(t);
        }
    }

    // ------------------------------------------------------------------ step 1: endings

    /** Step 1; returns how many jobs terminated at t, and adds the timed-out jobs in CPU order. */
    private int endings(int t, List<Integer> timedOut) {
        int terminated = 0;
        for (int c = 0; c < cpuCount; c++) {
            int j = holds[c];
            if (j < 0 || ranInTickBefore[c] != j) {
                continue; // idle, held for I/O, or still (just) switching: nothing ran to end
            }
            Job job = jobs.get(j);
            if (leftInBurst[j] == 0) {
                if (burstIndex[j] == job.bursts().size() - 1) {
                    phase[j] = Phase.FINISHED;
                    completion[j] = t;
                    holds[c] = -1;
                    terminated++;
                } else {
                    burstIndex[j]++;
                    phase[j] = Phase.IN_IO;
                    ioEndsAt[j] = t + job.bursts().get(burstIndex[j]);
                    if (policy instanceof Policy.Batch) {
                        keptForIo[c] = true;
                    } else {
                        holds[c] = -1;
                    }
                }
            } else if (sliceTicksLeft[c] == 0) {
                if (policy instanceof Policy.FeedbackQueue queue) {
                    level[j] = Math.min(level[j] + 1, queue.quanta().size() - 1);
                }
                holds[c] = -1;
                timedOut.add(j);
            }
        }
        return terminated;
    }

    // ------------------------------------------------------------------ step 2: the ready queue

    private void queueUp(int t, List<Integer> timedOut) {
        for (int j = 0; j < jobs.size(); j++) {             // a. I/O ends, in list order
            if (phase[j] == Phase.IN_IO && ioEndsAt[j] == t) {
                burstIndex[j]++;
                leftInBurst[j] = jobs.get(j).bursts().get(burstIndex[j]);
                int kept = cpuKeptFor(j);
                if (kept >= 0) {                              // batch: its CPU waited for it
                    keptForIo[kept] = false;
                    phase[j] = Phase.ON_CPU;
                    sliceTicksLeft[kept] = ENDLESS;
                    switchTicksLeft[kept] = 0;
                } else {
                    enter(j);
                }
            }
        }
        for (int j = 0; j < jobs.size(); j++) {             // b. arrivals, in list order
            if (phase[j] == Phase.WAITING_TO_ARRIVE && jobs.get(j).arrival() == t) {
                enter(j);
            }
        }
        for (int j : timedOut) {                              // c. timed out, in CPU order
            enter(j);
        }
    }

    private int cpuKeptFor(int j) {
        for (int c = 0; c < cpuCount; c++) {
            if (keptForIo[c] && holds[c] == j) {
                return c;
            }
        }
        return -1;
    }

    /** Joins the back of the ready queue. */
    private void enter(int j) {
        phase[j] = Phase.READY;
        enteredQueue[j] = queueCounter++;
        readyQueue.add(j);
    }

    // ------------------------------------------------------------------ step 3: boost

    private boolean boostsAt(int t) {
        return policy instanceof Policy.FeedbackQueue queue && queue.boostPeriod() > 0 && t > 0
                && t % queue.boostPeriod() == 0;
    }

    private void boost() {
        // the ready jobs: level 0's first, then level 1's, ..., each level in queue order
        List<Integer> lifted = new ArrayList<>(readyQueue);
        lifted.sort((a, b) -> level[a] != level[b] ? Integer.compare(level[a], level[b])
                : Long.compare(enteredQueue[a], enteredQueue[b]));
        readyQueue.clear();
        for (int j : lifted) {
            enter(j);
        }
        // behind them, the jobs interrupted on their CPUs, in CPU order
        for (int c = 0; c < cpuCount; c++) {
            int j = holds[c];
            if (j >= 0 && ranInTickBefore[c] == j) {
                holds[c] = -1;
                enter(j);
            }
        }
        Arrays.fill(level, 0); // everybody: ready, running, switching, blocked
    }

    // ------------------------------------------------------------------ step 4: dispatch

    /** Negative when job a ranks before job b in the ready queue. */
    private int rank(int a, int b) {
        int key = 0;
        if (policy instanceof Policy.Sjf || policy instanceof Policy.Srtf) {
            key = Integer.compare(leftInBurst[a], leftInBurst[b]);
        } else if (policy instanceof Policy.FeedbackQueue) {
            key = Integer.compare(level[a], level[b]);
        }
        return key != 0 ? key : Long.compare(enteredQueue[a], enteredQueue[b]);
    }

    private int firstRanked() {
        int best = -1;
        for (int j : readyQueue) {
            if (best < 0 || rank(j, best) < 0) {
                best = j;
            }
        }
        return best;
    }

    /** What a preemptive policy compares: smaller is more urgent. */
    private int urgency(int j) {
        return policy instanceof Policy.Srtf ? leftInBurst[j] : level[j];
    }

    private void dispatch() {
        for (int c = 0; c < cpuCount; c++) {
            if (holds[c] < 0 && !readyQueue.isEmpty()) {
                give(c, firstRanked());
            }
        }
        if (!(policy instanceof Policy.Srtf || policy instanceof Policy.FeedbackQueue)) {
            return;
        }
        while (!readyQueue.isEmpty()) {
            int candidate = firstRanked();
            int victimCpu = -1;
            for (int c = 0; c < cpuCount; c++) {
                int j = holds[c];
                boolean mayBePreempted = j >= 0 && ranInTickBefore[c] == j;
                if (mayBePreempted && (victimCpu < 0 || urgency(j) >= urgency(holds[victimCpu]))) {
                    victimCpu = c; // the least urgent; on a tie the highest-numbered CPU
                }
            }
            if (victimCpu < 0 || urgency(candidate) >= urgency(holds[victimCpu])) {
                return;
            }
            int preempted = holds[victimCpu];
            give(victimCpu, candidate);
            enter(preempted);
        }
    }

    private void give(int c, int j) {
        readyQueue.remove(Integer.valueOf(j));
        phase[j] = Phase.ON_CPU;
        holds[c] = j;
        keptForIo[c] = false;
        switchTicksLeft[c] = ranInTickBefore[c] == j ? 0 : switchCost;
        if (policy instanceof Policy.RoundRobin rr) {
            sliceTicksLeft[c] = rr.quantum();
        } else if (policy instanceof Policy.FeedbackQueue queue) {
            sliceTicksLeft[c] = queue.quanta().get(level[j]);
        } else {
            sliceTicksLeft[c] = ENDLESS;
        }
    }

    // ------------------------------------------------------------------ step 5: the tick

    private void tick(int t) {
        for (int c = 0; c < cpuCount; c++) {
            int j = holds[c];
            if (j < 0 || keptForIo[c]) {
                activity.get(c).add(null);
                ranInTickBefore[c] = -1;
            } else if (switchTicksLeft[c] > 0) {
                activity.get(c).add("~" + jobs.get(j).id());
                switchTicksLeft[c]--;
                ranInTickBefore[c] = -1;
            } else {
                activity.get(c).add(jobs.get(j).id());
                leftInBurst[j]--;
                if (sliceTicksLeft[c] != ENDLESS) {
                    sliceTicksLeft[c]--;
                }
                if (firstRun[j] < 0) {
                    firstRun[j] = t;
                }
                ranInTickBefore[c] = j;
            }
        }
    }

    // ------------------------------------------------------------------ the result

    private Schedule result(int makespan) {
        List<Segment> timeline = new ArrayList<>();
        for (int c = 0; c < cpuCount; c++) {
            List<String> ticks = activity.get(c);
            int start = 0;
            for (int t = 1; t <= makespan; t++) {
                if (t == makespan || !java.util.Objects.equals(ticks.get(t), ticks.get(start))) {
                    timeline.add(segment(c, ticks.get(start), start, t));
                    start = t;
                }
            }
        }
        List<JobStats> stats = new ArrayList<>();
        for (int j = 0; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            stats.add(new JobStats(job.id(), job.arrival(), job.cpuTime(), job.ioTime(),
                    firstRun[j], completion[j]));
        }
        return new Schedule(timeline, stats);
    }

    private static Segment segment(int cpu, String what, int start, int end) {
        if (what == null) {
            return Segment.idle(cpu, start, end);
        }
        return what.startsWith("~") ? Segment.contextSwitch(cpu, what.substring(1), start, end)
                : Segment.run(cpu, what, start, end);
    }
}
