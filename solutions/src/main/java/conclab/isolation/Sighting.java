package conclab.isolation;

/**
 * What one worker, a child process or a thread, saw of {@link Isolation#money} in the memory it
 * runs in, and where it ran: in which process, and on which thread. {@link Isolation#look(int)}
 * makes one.
 *
 * <p>Given: nothing to write here.
 *
 * @param pid            the process the worker ran in: {@code ProcessHandle.current().pid()}
 *                       there
 * @param parentPid      that process's parent, or {@code -1} if it has none
 * @param threadId       the thread the worker ran on, in that process:
 *                       {@code Thread.currentThread().getId()} there
 * @param moneyBefore    {@link Isolation#money} as the worker found it, before it changed anything
 * @param moneyAfter     {@link Isolation#money} in the worker's memory after it set its own value
 * @param initialisation {@link Isolation#INITIALISATION} in the worker's memory: which run of
 *                       {@code Isolation}'s static initialiser the worker's class came from
 */
public record Sighting(long pid, long parentPid, long threadId, int moneyBefore,
                       int moneyAfter, String initialisation) {
}
