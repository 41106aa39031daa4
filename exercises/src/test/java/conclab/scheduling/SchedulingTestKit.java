package conclab.scheduling;

import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.MeasurementLog;
import conclab.harness.Say;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * What the scheduling tests share: a short notation for expected timelines, comparisons that show
 * the expected and the actual Gantt chart, a checker of the rules every schedule keeps, and seeded
 * random job sets.
 *
 * <p>Timelines are compared by their parts (CPU, kind, job, start, end), never by {@code equals},
 * and in a lenient form: sorted by CPU and start, neighbouring segments of the same kind and job
 * merged, idle segments left out. Whether a timeline is in the exact form the specification asks
 * for (idle time filled in, maximal segments) is one test of its own.
 *
 * <p>Its texts are in {@code SchedulingTestKit.properties} (and {@code _zh_CN}); what a test
 * checks ({@code what}) it names in its own bundle. A broken rule, wrong job times and a wrong
 * average each carry the hint for that failure; a wrong timeline keeps the test's own hint, which
 * is about its policy.
 */
final class SchedulingTestKit {

    static final Say SAY = Say.of(SchedulingTestKit.class);

    private SchedulingTestKit() {
    }

    // ---------------------------------------------------------------- the notation

    /**
     * A timeline in a short notation, one string per CPU: segments separated by commas, each
     * {@code JOB START-END}, {@code ~JOB START-END} for a switch to JOB, {@code - START-END} for
     * idle. {@code timeline("A 0-3, B 3-5", "- 0-1, ~C 1-2, C 2-4")} is two CPUs.
     */
    static List<Segment> timeline(String... cpus) {
        List<Segment> segments = new ArrayList<>();
        for (int cpu = 0; cpu < cpus.length; cpu++) {
            for (String part : cpus[cpu].split(",")) {
                String[] words = part.trim().split("\\s+");
                String[] range = words[1].split("-");
                int start = Integer.parseInt(range[0]);
                int end = Integer.parseInt(range[1]);
                if (words[0].equals("-")) {
                    segments.add(Segment.idle(cpu, start, end));
                } else if (words[0].startsWith("~")) {
                    segments.add(Segment.contextSwitch(cpu, words[0].substring(1), start, end));
                } else {
                    segments.add(Segment.run(cpu, words[0], start, end));
                }
            }
        }
        return segments;
    }

    /** Segments a published chart holds at most: a report entry stays small. */
    private static final int MOST_PUBLISHED_SEGMENTS = 300;

    /**
     * A timeline in the notation of {@link #timeline}, CPUs separated by {@code " | "}, for the
     * report (the instructors' dashboard draws it as a Gantt chart). A job id is published with
     * the notation's separators replaced by {@code _}; past {@value #MOST_PUBLISHED_SEGMENTS}
     * segments the rest is left out and {@code " | ..."} ends the text.
     */
    static String notation(List<Segment> timeline) {
        Map<Integer, List<String>> cpus = new TreeMap<>();
        int published = 0;
        for (Segment segment : timeline) {
            if (segment == null || segment.kind() == null) {
                continue;
            }
            if (published++ == MOST_PUBLISHED_SEGMENTS) {
                break;
            }
            String job = String.valueOf(segment.job()).replaceAll("[\\s,|~-]", "_");
            String what = switch (segment.kind()) {
                case RUN -> job;
                case SWITCH -> "~" + job;
                case IDLE -> "-";
            };
            cpus.computeIfAbsent(segment.cpu(), cpu -> new ArrayList<>())
                    .add(what + " " + segment.start() + "-" + segment.end());
        }
        List<String> parts = new ArrayList<>();
        cpus.values().forEach(segments -> parts.add(String.join(", ", segments)));
        if (published > MOST_PUBLISHED_SEGMENTS) {
            parts.add("...");
        }
        return String.join(" | ", parts);
    }

    /** One line per segment's parts, for messages and comparison. */
    static String describe(Segment segment) {
        if (segment == null) {
            return "null";
        }
        String what = segment.kind() == null ? "null kind"
                : switch (segment.kind()) {
                    case RUN -> segment.job();
                    case SWITCH -> "~" + segment.job();
                    case IDLE -> "-";
                };
        return "cpu" + segment.cpu() + " " + what + " " + segment.start() + "-" + segment.end();
    }

    static List<String> describe(List<Segment> timeline) {
        List<String> out = new ArrayList<>();
        for (Segment segment : timeline) {
            out.add(describe(segment));
        }
        return out;
    }

    /** Sorted by CPU and start, neighbours of the same kind and job merged, idle left out. */
    static List<Segment> lenient(List<Segment> timeline) {
        List<Segment> sorted = new ArrayList<>();
        for (Segment segment : timeline) {
            if (segment == null || segment.kind() == null) {
                throw new AssertionError(SAY.text("timeline.null", describe(timeline)));
            }
            if (segment.kind() != Segment.Kind.IDLE) {
                sorted.add(segment);
            }
        }
        sorted.sort((a, b) -> a.cpu() != b.cpu() ? Integer.compare(a.cpu(), b.cpu())
                : Integer.compare(a.start(), b.start()));
        List<Segment> merged = new ArrayList<>();
        for (Segment segment : sorted) {
            if (!merged.isEmpty()) {
                Segment last = merged.get(merged.size() - 1);
                if (last.cpu() == segment.cpu() && last.kind() == segment.kind()
                        && Objects.equals(last.job(), segment.job())
                        && last.end() == segment.start()) {
                    merged.set(merged.size() - 1, new Segment(last.cpu(), last.kind(), last.job(),
                            last.start(), segment.end()));
                    continue;
                }
            }
            merged.add(segment);
        }
        return merged;
    }

    // ---------------------------------------------------------------- comparisons

    /** The chart of a timeline, or its segments listed if the chart cannot be drawn. */
    static String chart(List<Segment> timeline) {
        try {
            return GanttChart.render(timeline);
        } catch (RuntimeException e) {
            return String.join("\n", describe(timeline)) + "\n";
        }
    }

    /** Two schedules' charts, one above the other. */
    static String compare(String firstTitle, Schedule first, String secondTitle, Schedule second) {
        return firstTitle + ":\n" + chart(first.timeline()) + secondTitle + ":\n"
                + chart(second.timeline());
    }

    /** Fails unless {@code actual}'s timeline is {@code expected} (in the lenient form). */
    static void assertTimeline(String what, List<Segment> expected, Schedule actual) {
        MeasurementLog.note("gantt", notation(actual.timeline()));
        MeasurementLog.note("ganttExpected", notation(expected));
        List<String> want = describe(lenient(expected));
        List<String> got = describe(lenient(actual.timeline()));
        if (!want.equals(got)) {
            int i = 0;
            while (i < want.size() && i < got.size() && want.get(i).equals(got.get(i))) {
                i++;
            }
            String difference = i < want.size() && i < got.size()
                    ? SAY.text("timeline.difference", want.get(i), got.get(i))
                    : i < want.size() ? SAY.text("timeline.missing", want.get(i))
                    : SAY.text("timeline.unexpected", got.get(i));
            fail(SAY.text("timeline.wrong", what, difference, chart(expected), chart(actual.timeline())));
        }
    }

    /**
     * Fails unless every job's first run and completion are as expected. {@code expected} holds,
     * per job in the order of the job list, {@code {firstRun, completion}}.
     */
    static void assertTimes(String what, List<Job> jobs, int[][] expected, Schedule actual) {
        List<String> wrong = new ArrayList<>();
        if (actual.jobs().size() != jobs.size()) {
            SAY.hinting("times.order", () -> fail(SAY.text("times.count", what, jobs.size(), actual.jobs().size())));
        }
        for (int i = 0; i < jobs.size(); i++) {
            JobStats stats = actual.jobs().get(i);
            Job job = jobs.get(i);
            if (!job.id().equals(stats.job()) || stats.arrival() != job.arrival()
                    || stats.cpuTime() != job.cpuTime() || stats.ioTime() != job.ioTime()) {
                wrong.add(SAY.text("times.entry", i, job.id(), job.arrival(), job.cpuTime(), job.ioTime(), stats));
            } else if (stats.firstRun() != expected[i][0] || stats.completion() != expected[i][1]) {
                wrong.add(SAY.text("times.job", job.id(), expected[i][0], expected[i][1], stats.firstRun(),
                        stats.completion()));
            }
        }
        if (!wrong.isEmpty()) {
            // the timeline was right (it is compared first): the times do not match it
            SAY.hinting("times", () -> fail(SAY.text("times.wrong", what, String.join("\n  ", wrong),
                    chart(actual.timeline()))));
        }
    }

    /** Fails unless {@code actual} is within a millionth of {@code expected}. */
    static void assertAverage(String what, double expected, double actual, Schedule schedule) {
        if (Math.abs(expected - actual) > 1e-6) {
            SAY.hinting("average", () -> fail(SAY.text("average.wrong", what, String.format(Locale.ROOT, "%.4f", expected),
                    String.format(Locale.ROOT, "%.4f", actual), chart(schedule.timeline()))));
        }
    }

    // ---------------------------------------------------------------- the rules

    /** What one CPU does in each tick: its job's id, "~" + id while switching, or null (idle). */
    /** A rule a timeline broke: what the student reads, and the hint for that rule. */
    record Violation(String hint, String text) {
    }

    private static Violation broke(String hint, String key, Object... args) {
        return new Violation(hint, SAY.text(key, args));
    }

    static String[][] ticks(List<Segment> timeline, int cpus, int makespan, List<Violation> problems) {
        String[][] ticks = new String[cpus][Math.max(makespan, 0)];
        for (Segment segment : lenient(timeline)) {
            if (segment.cpu() < 0 || segment.cpu() >= cpus) {
                problems.add(broke("rule.cpus", "rule.noSuchCpu", describe(segment), cpus));
                continue;
            }
            if (segment.start() < 0 || segment.end() <= segment.start()
                    || segment.end() > makespan) {
                problems.add(broke("rule.segments", "rule.outside", describe(segment), makespan));
                continue;
            }
            for (int t = segment.start(); t < segment.end(); t++) {
                String what = (segment.kind() == Segment.Kind.SWITCH ? "~" : "") + segment.job();
                if (ticks[segment.cpu()][t] != null) {
                    problems.add(broke("rule.segments", "rule.overlap", segment.cpu(), t, ticks[segment.cpu()][t], what));
                }
                ticks[segment.cpu()][t] = what;
            }
        }
        return ticks;
    }

    /**
     * The rules every schedule keeps, checked on the timeline alone (the jobs' reported times are
     * checked elsewhere): each job gets exactly its CPU bursts, nothing runs before it arrives or
     * while its I/O is under way, no CPU does two things at once and no job is on two CPUs at
     * once, switches take exactly the machine's switch cost and come before each stretch a job
     * runs, and (except under batch) no CPU idles while a job is ready. Returns the violations.
     */
    static List<Violation> violations(List<Job> jobs, Policy policy, Machine machine,
                                      Schedule schedule) {
        List<Violation> problems = new ArrayList<>();
        int makespan = 0;
        for (Segment segment : schedule.timeline()) {
            makespan = Math.max(makespan, segment.end());
        }
        String[][] cpu = ticks(schedule.timeline(), machine.cpus(), makespan, problems);
        if (!problems.isEmpty()) {
            return problems;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < jobs.size(); j++) {
            index.put(jobs.get(j).id(), j);
        }
        for (String[] row : cpu) {
            for (String what : row) {
                if (what != null && !index.containsKey(what.replace("~", ""))) {
                    problems.add(broke("rule.segments", "rule.unknownJob", what));
                    return problems;
                }
            }
        }
        boolean batch = policy instanceof Policy.Batch;
        int n = jobs.size();
        int[] burst = new int[n];          // index into bursts: even = CPU, odd = I/O
        int[] done = new int[n];           // ticks done of the current burst
        int[] completion = new int[n];
        Arrays.fill(completion, -1);
        int[] holder = new int[n];         // batch: the CPU a job holds, or -1
        Arrays.fill(holder, -1);
        for (int t = 0; t < makespan; t++) {
            // what each job is doing during tick t
            String[] doing = new String[n];
            int[] where = new int[n];
            for (int c = 0; c < machine.cpus(); c++) {
                String what = cpu[c][t];
                if (what == null) {
                    continue;
                }
                int j = index.get(what.replace("~", ""));
                if (doing[j] != null) {
                    problems.add(broke("rule.oneCpu", "rule.twoCpus", t, jobs.get(j).id(), where[j], c));
                    return problems;
                }
                doing[j] = what;
                where[j] = c;
            }
            boolean someoneReady = false;
            for (int j = 0; j < n; j++) {
                Job job = jobs.get(j);
                boolean arrived = t >= job.arrival();
                boolean finished = completion[j] >= 0;
                boolean inIo = !finished && burst[j] % 2 == 1;
                if (doing[j] != null) {
                    if (!arrived) {
                        problems.add(broke("rule.arrival", "rule.beforeArrival", t, job.id(), where[j], job.arrival()));
                        return problems;
                    }
                    if (finished) {
                        problems.add(broke("rule.bursts", "rule.afterDone", t, job.id(), where[j], completion[j]));
                        return problems;
                    }
                    if (inIo) {
                        problems.add(broke("rule.io", "rule.duringIo", t, job.id(), where[j], burst[j],
                                job.bursts().get(burst[j]), done[j]));
                        return problems;
                    }
                    if (batch && holder[j] >= 0 && holder[j] != where[j]) {
                        problems.add(broke("rule.batch", "rule.batchMoved", t, job.id(), holder[j], where[j]));
                        return problems;
                    }
                    if (batch) {
                        holder[j] = where[j];
                    }
                }
                if (arrived && !finished && !inIo && doing[j] == null && holder[j] < 0) {
                    someoneReady = true;
                }
            }
            if (batch) {
                for (int c = 0; c < machine.cpus(); c++) {
                    for (int j = 0; j < n; j++) {
                        if (holder[j] == c && completion[j] < 0 && cpu[c][t] != null
                                && index.get(cpu[c][t].replace("~", "")) != j) {
                            problems.add(broke("rule.batch", "rule.batchOwned", t, c, jobs.get(j).id(), cpu[c][t]));
                            return problems;
                        }
                    }
                }
            }
            if (someoneReady) {
                for (int c = 0; c < machine.cpus(); c++) {
                    boolean held = false;
                    for (int j = 0; j < n; j++) {
                        held |= batch && holder[j] == c && completion[j] < 0;
                    }
                    if (cpu[c][t] == null && !held) {
                        problems.add(broke("rule.idle", "rule.idleWhileReady", t, c,
                                readyJobs(jobs, t, burst, completion, doing, holder)));
                        return problems;
                    }
                }
            }
            // the tick passes
            for (int j = 0; j < n; j++) {
                if (completion[j] >= 0) {
                    continue;
                }
                Job job = jobs.get(j);
                if (burst[j] % 2 == 1) {
                    done[j]++;
                } else if (doing[j] != null && !doing[j].startsWith("~")) {
                    done[j]++;
                }
                if (done[j] == job.bursts().get(burst[j])) {
                    burst[j]++;
                    done[j] = 0;
                    if (burst[j] == job.bursts().size()) {
                        completion[j] = t + 1;
                        holder[j] = -1;
                    }
                }
            }
        }
        for (int j = 0; j < n; j++) {
            if (completion[j] < 0) {
                Job job = jobs.get(j);
                int ran = 0;
                for (int k = 0; k < burst[j]; k += 2) {
                    ran += job.bursts().get(k);
                }
                ran += burst[j] % 2 == 0 ? done[j] : 0;
                problems.add(broke("rule.bursts", "rule.shortOfCpu", job.id(), job.cpuTime(), ran, makespan));
            }
        }
        if (problems.isEmpty()) {
            switches(batch, machine, schedule, problems);
        }
        return problems;
    }

    /**
     * Each stretch a job runs is preceded by a switch to it of exactly the machine's cost (under
     * batch only its first: then it keeps its CPU).
     */
    private static void switches(boolean batch, Machine machine, Schedule schedule,
                                 List<Violation> problems) {
        List<Segment> segments = lenient(schedule.timeline());
        java.util.Set<String> started = new java.util.HashSet<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            Segment before = i > 0 && segments.get(i - 1).cpu() == segment.cpu()
                    && segments.get(i - 1).end() == segment.start() ? segments.get(i - 1) : null;
            if (segment.kind() == Segment.Kind.SWITCH) {
                if (machine.contextSwitch() == 0) {
                    problems.add(broke("rule.switch", "rule.freeSwitch", describe(segment)));
                } else if (segment.length() != machine.contextSwitch()) {
                    problems.add(broke("rule.switch", "rule.switchLength", describe(segment), machine.contextSwitch()));
                }
            } else if (segment.kind() == Segment.Kind.RUN && machine.contextSwitch() > 0
                    && started.add(segment.job()) | !batch
                    && (before == null || before.kind() != Segment.Kind.SWITCH
                    || !Objects.equals(before.job(), segment.job()))) {
                problems.add(broke("rule.switch", "rule.noSwitch", describe(segment), machine.contextSwitch(),
                        before == null ? SAY.text("rule.nothing") : describe(before)));
            }
        }
    }

    private static String readyJobs(List<Job> jobs, int t, int[] burst, int[] completion,
                                    String[] doing, int[] holder) {
        List<String> ready = new ArrayList<>();
        for (int j = 0; j < jobs.size(); j++) {
            if (t >= jobs.get(j).arrival() && completion[j] < 0 && burst[j] % 2 == 0
                    && doing[j] == null && holder[j] < 0) {
                ready.add(jobs.get(j).id());
            }
        }
        return SAY.text("rule.ready", String.join(", ", ready));
    }

    /** Fails, showing the jobs and the chart, if the schedule breaks a rule. */
    static void assertKeepsTheRules(String what, List<Job> jobs, Policy policy, Machine machine,
                                    Schedule schedule) {
        List<Violation> problems = violations(jobs, policy, machine, schedule);
        if (!problems.isEmpty()) {
            Violation first = problems.get(0);
            SAY.hinting(first.hint(), () -> fail(SAY.text("rule.broken", what, policy.label(), machine,
                    first.text(), jobs, chart(schedule.timeline()))));
        }
    }

    /** The first-run and completion ticks as the timeline shows them, per job (-1: never). */
    static int[][] timesFromTimeline(List<Job> jobs, Schedule schedule) {
        int[][] times = new int[jobs.size()][2];
        for (int j = 0; j < jobs.size(); j++) {
            times[j][0] = Integer.MAX_VALUE;
            times[j][1] = -1;
            for (Segment segment : schedule.timeline()) {
                if (segment.kind() == Segment.Kind.RUN && jobs.get(j).id().equals(segment.job())) {
                    times[j][0] = Math.min(times[j][0], segment.start());
                    times[j][1] = Math.max(times[j][1], segment.end());
                }
            }
        }
        return times;
    }

    // ---------------------------------------------------------------- random jobs

    /**
     * {@code count} jobs with distinct ids in no particular order (never the order of the list
     * or of arrival), arrivals in {@code [0, maxArrival]}, CPU bursts in {@code [1, maxBurst]}, and
     * with {@code io} up to two I/O bursts of {@code [1, maxBurst]} each.
     */
    static List<Job> randomJobs(Random random, int count, int maxArrival, int maxBurst,
                                boolean io) {
        List<Integer> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(i);
        }
        Collections.shuffle(names, random);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int bursts = io ? 1 + 2 * random.nextInt(3) : 1;
            List<Integer> list = new ArrayList<>();
            for (int b = 0; b < bursts; b++) {
                list.add(1 + random.nextInt(maxBurst));
            }
            jobs.add(new Job("J" + names.get(i), random.nextInt(maxArrival + 1), list));
        }
        return jobs;
    }

    /** Runs the scheduler, turning an exception into a failure that shows the input. */
    static Schedule schedule(List<Job> jobs, Policy policy, Machine machine) {
        try {
            return Scheduler.run(jobs, policy, machine);
        } catch (UnsupportedOperationException todo) {
            throw todo;
        } catch (RuntimeException e) {
            throw new AssertionError(SAY.text("schedule.threw", e, policy.label(), machine, jobs), e);
        }
    }
}
