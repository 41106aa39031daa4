package conclab.scheduling;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The result of a run: what every CPU did when (the timeline), and what that meant for every job
 * (its times). Given: you do not write this; {@link Scheduler#run} builds one, and the figures
 * below are computed from what it put in.
 *
 * @param timeline the segments of every CPU: for each CPU, in order of time, covering
 *                 {@code [0, makespan)} without gaps or overlaps (see {@link Scheduler});
 *                 copied, never null
 * @param jobs     one entry per job, in the order the jobs were given; copied, never null
 */
public record Schedule(List<Segment> timeline, List<JobStats> jobs) {

    public Schedule {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }

    /** The tick at which the last job completed: the length of the whole schedule. */
    public int makespan() {
        int makespan = 0;
        for (JobStats job : jobs) {
            makespan = Math.max(makespan, job.completion());
        }
        return makespan;
    }

    /** The number of CPUs that appear in the timeline. */
    public int cpus() {
        int cpus = 0;
        for (Segment segment : timeline) {
            cpus = Math.max(cpus, segment.cpu() + 1);
        }
        return cpus;
    }

    /** The segments of one CPU, in the order of the timeline. */
    public List<Segment> timeline(int cpu) {
        return timeline.stream().filter(segment -> segment.cpu() == cpu).toList();
    }

    /** The times of the job with this id. */
    public JobStats stats(String id) {
        return jobs.stream().filter(job -> job.job().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no job " + id));
    }

    /** The ticks the CPUs spent running jobs ({@link Segment.Kind#RUN} segments), all CPUs together. */
    public int busyTime() {
        int busy = 0;
        for (Segment segment : timeline) {
            if (segment.kind() == Segment.Kind.RUN) {
                busy += segment.length();
            }
        }
        return busy;
    }

    /**
     * CPU utilisation: the share of the CPUs' time spent running jobs,
     * {@code busyTime / (cpus × makespan)}, between 0 and 1. Switching and idling are not useful
     * work.
     */
    public double utilisation() {
        long capacity = (long) cpus() * makespan();
        return capacity == 0 ? 0 : (double) busyTime() / capacity;
    }

    /** The mean of the jobs' {@link JobStats#turnaround()}. */
    public double averageTurnaround() {
        return jobs.stream().mapToInt(JobStats::turnaround).average().orElse(0);
    }

    /** The mean of the jobs' {@link JobStats#waiting()}. */
    public double averageWaiting() {
        return jobs.stream().mapToInt(JobStats::waiting).average().orElse(0);
    }

    /** The mean of the jobs' {@link JobStats#response()}. */
    public double averageResponse() {
        return jobs.stream().mapToInt(JobStats::response).average().orElse(0);
    }
}
