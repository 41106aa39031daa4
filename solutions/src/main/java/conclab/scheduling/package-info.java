/**
 * Exercise {@code scheduling}: the scheduling algorithms of an operating system, simulated
 * exactly on a virtual clock.
 *
 * <p>When more programs are ready to run than there are CPUs, the operating system decides who
 * runs next: first come first served, shortest job first, shortest remaining time first, round
 * robin with time slices, or a multi-level feedback queue. Each choice trades something: the
 * average waiting time, the time until a job first runs (response), fairness to long jobs. And
 * when programs wait for I/O, letting another program use the CPU meanwhile (multiprogramming)
 * raises the CPU's utilisation far above running one program at a time.
 *
 * <p>What you build: {@link conclab.scheduling.Scheduler#run}, which simulates a list of
 * {@link conclab.scheduling.Job}s under a {@link conclab.scheduling.Policy} on a
 * {@link conclab.scheduling.Machine} (one CPU or several, context switches free or not) and
 * returns a {@link conclab.scheduling.Schedule}: the timeline of every CPU and the times of every
 * job. The records, the policies and {@link conclab.scheduling.GanttChart} are given. Read
 * {@link conclab.scheduling.Scheduler}'s documentation first: it is the specification, with every
 * tie rule. Run this exercise's tests alone, from the repository's root, with
 * {@code ./mvnw test -Dgroups=scheduling} ({@code mvnw.cmd} on Windows), and try your scheduler by
 * hand, as {@code java conclab.scheduling.Scheduler A:0:5 B:1:3} would, with
 * {@code ./mvnw -q compile exec:java "-Dexec.mainClass=conclab.scheduling.Scheduler" "-Dexec.args=A:0:5 B:1:3"}
 * (from your IDE: run {@code Scheduler} with those arguments).
 */
package conclab.scheduling;
