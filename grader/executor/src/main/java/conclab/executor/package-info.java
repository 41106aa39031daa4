/**
 * The submission's side of the boundary: {@link conclab.executor.ExecutorMain} runs in the sandbox,
 * in a JVM whose class path holds the submission's classes, and answers the trusted JVM's calls on
 * them ({@link conclab.executor.SubmissionHost}). Nothing it says is trusted: the submission runs
 * in this same JVM and can change anything here. It decides no verdict and holds no secret but the
 * one that let it connect, which it has spent before any submission class loads.
 */
package conclab.executor;
