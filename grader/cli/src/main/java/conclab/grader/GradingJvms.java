package conclab.grader;

import conclab.grader.io.FileTrees;
import conclab.grader.sandbox.Sandbox;
import conclab.grader.submission.Submission;
import conclab.grader.suite.TestSuite;
import conclab.lab.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The two JVMs of a grading and what each sees. The <b>test JVM</b> runs the tests, JUnit and the
 * grader's listener from a class path that holds no class of the submission's: the grader without
 * its bundled suite, and the trusted copy of the exercises' API (stand-ins and given types); the
 * tests themselves come on its standard input. The <b>submission's JVM</b>, which the test JVM
 * starts, holds the executor, the submission's classes, the stubs for what it lacks, and the
 * public test classes its children run. With a sandbox, each runs in its own (see {@link Sandbox}),
 * and the test JVM starts the submission's JVM, and every child JVM a test starts, in the second.
 *
 * @param judgeClasspath    the test JVM's class path
 * @param executorClasspath the submission's JVM's class path
 * @param work              the folder both work in, the same path in both sandboxes
 * @param childLauncher     the file that holds what comes before a child JVM's command: the
 *                          submission's sandbox; empty without one
 * @param executorCommand   the file that holds the submission's JVM's command, after the launcher
 * @param judgeView         what the test JVM's sandbox shows of the machine
 */
record GradingJvms(List<Path> judgeClasspath, List<Path> executorClasspath, Path work, Path childLauncher,
                   Path executorCommand, Sandbox.View judgeView, Optional<Sandbox> sandbox) {

    /** The heap of the JVM that runs the tests; {@code --fork-heap} is the submission's. */
    static final String TEST_JVM_HEAP = "512m";

    /**
     * Lays out the grading of {@code submission} in {@code runDir}: the class paths, the command
     * files, the sandboxes' views, and, when the sandboxes run as an unprivileged user, the
     * ownership and permissions that let them reach what they need and nothing else.
     */
    static GradingJvms layOut(Submission submission, GradeRequest request, TestSuite suite, Path runDir,
                              List<Path> judgeJars, Path classes, Optional<Sandbox> sandbox,
                              Map<String, String> environment) throws IOException {
        Path work = runDir.resolve("work");
        // the sources as the test JVM's compiler reads them: a copy in the run's folder, which
        // the sandbox shows, where the submission's folder could be anywhere
        Path sources = sandbox.isPresent() ? copy(submission.sources(), runDir.resolve("sources")) : submission.sources();
        List<Path> judgeClasspath = new ArrayList<>(judgeJars);
        judgeClasspath.add(suite.standInsJar());
        // the test classes the submission's children run come first: a submission class of the
        // same name never takes their place
        List<Path> executorClasspath = new ArrayList<>(List.of(suite.tasksJar()));
        executorClasspath.addAll(suite.executorJars());
        executorClasspath.addAll(suite.compileJars());
        executorClasspath.addAll(List.of(classes, suite.stubsJar()));

        Path childLauncher = runDir.resolve("child.launcher");
        Path executorCommand = runDir.resolve("executor.command");
        Map<String, String> env = new java.util.LinkedHashMap<>(Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8",
                "HOME", work.toString()));
        env.putAll(environment);
        Sandbox.View submissionView = new Sandbox.View(readOnly(suite.executorJars(), suite.compileJars(),
                List.of(suite.tasksJar(), suite.stubsJar(), classes)), List.of(work), work, withTmp(env));
        Files.write(childLauncher, sandbox.map(s -> s.submissionPrefix(submissionView)).orElse(List.of()),
                StandardCharsets.UTF_8);
        Files.write(executorCommand, executorCommand(request, executorClasspath), StandardCharsets.UTF_8);
        List<Path> judgeSees = new ArrayList<>(judgeClasspath);
        judgeSees.addAll(List.of(suite.publicJar(), suite.stubsJar(), suite.tasksJar(), sources, childLauncher,
                executorCommand));
        judgeSees.addAll(suite.compileJars());
        judgeSees.addAll(suite.executorJars());
        Sandbox.View judgeView = new Sandbox.View(judgeSees, List.of(classes, work), work, env);
        if (sandbox.isPresent() && sandbox.get().asNobody()) {
            // the compiler in the test JVM writes the classes as the sandbox's user
            giveToSandboxUser(classes);
        }
        return new GradingJvms(judgeClasspath, executorClasspath, work, childLauncher, executorCommand, judgeView,
                sandbox);
    }

    /** The same, with {@code more} read-only in the test JVM's sandbox (its class-data archive). */
    GradingJvms seeing(List<Path> more) {
        List<Path> readOnly = new ArrayList<>(judgeView.readOnly());
        readOnly.addAll(more);
        return new GradingJvms(judgeClasspath, executorClasspath, work, childLauncher, executorCommand,
                new Sandbox.View(readOnly, judgeView.writable(), judgeView.workingDirectory(), judgeView.environment()),
                sandbox);
    }

    /** A test JVM's command as it runs: in its sandbox, where there is one. */
    List<String> wrap(List<String> command) {
        return sandbox.map(s -> s.judge(judgeView, command)).orElse(command);
    }

    private static Map<String, String> withTmp(Map<String, String> env) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(env);
        copy.put("TMPDIR", "/tmp");
        return copy;
    }

    @SafeVarargs
    private static List<Path> readOnly(List<Path>... groups) {
        List<Path> all = new ArrayList<>();
        for (List<Path> group : groups) {
            all.addAll(group);
        }
        return all;
    }

    /** How the test JVM starts the submission's JVM: everything but its main class and port. */
    private static List<String> executorCommand(GradeRequest request, List<Path> classpath) {
        return List.of(ChildJvm.javaExecutable().toString(),
                "-Xmx" + request.forkHeap(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:-UsePerfData",
                "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8",
                // the boundary reads an exception's fields, never the submission's overrides
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-cp", String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    }

    private static Path copy(Path from, Path to) throws IOException {
        FileTrees.delete(to);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(path, target);
                }
            }
        }
        return to;
    }

    /** Makes {@code tree} the sandbox's unprivileged user's. */
    private static void giveToSandboxUser(Path tree) {
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path path : all.toList()) {
                Files.setAttribute(path, "unix:uid", Sandbox.UNPRIVILEGED_UID);
                Files.setAttribute(path, "unix:gid", Sandbox.UNPRIVILEGED_UID);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + tree + " to the sandbox's user", e);
        }
    }
}
