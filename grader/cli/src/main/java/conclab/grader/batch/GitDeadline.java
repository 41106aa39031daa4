package conclab.grader.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A submission that is a git repository, graded as it stood at a deadline: the last commit
 * before it ({@code git rev-list -1 --before=DEADLINE HEAD}), exported with {@code git archive}
 * into a folder of the grader's. The student's repository is only read, never changed.
 *
 * @param deadline the deadline
 */
public record GitDeadline(OffsetDateTime deadline) {

    private static final long GIT_TIMEOUT_SECONDS = 60;

    /** Whether {@code folder} is a git repository's working tree. */
    public static boolean isRepository(Path folder) {
        return Files.exists(folder.resolve(".git"));
    }

    /**
     * The last commit of {@code HEAD} committed before the deadline.
     *
     * @throws NoCommit when there is none, or git cannot read the repository; the message says which
     */
    public String commit(Path repository) throws NoCommit, IOException {
        requireACommit(repository);
        Git result = git(repository, "rev-list", "-1", "--before=@" + deadline.toEpochSecond(), "HEAD");
        if (result.exitCode != 0) {
            throw new NoCommit("git cannot read the repository " + repository + ": "
                    + result.stderr.lines().findFirst().orElse("exit code " + result.exitCode));
        }
        String commit = result.stdout.trim();
        if (commit.isEmpty()) {
            throw new NoCommit("no commit before the deadline " + deadline + " in " + repository
                    + ": the first commit came after it");
        }
        return commit;
    }

    /** Throws NoCommit, with what to do, for a repository that has no commit at all. */
    static void requireACommit(Path repository) throws NoCommit, IOException {
        Git head = git(repository, "rev-parse", "--verify", "--quiet", "HEAD^{commit}");
        if (head.exitCode != 0) {
            Git valid = git(repository, "rev-parse", "--git-dir");
            throw new NoCommit(valid.exitCode != 0
                    ? "git cannot read the repository " + repository + ": " + valid.stderr.lines().findFirst().orElse("exit code " + valid.exitCode)
                    : "the repository " + repository + " has no commit yet: nothing was ever committed"
                    + " (the student must commit and push their work)");
        }
    }

    /** Exports {@code commit}'s files into {@code target}, a new folder, and returns it. */
    public static Path export(Path repository, String commit, Path target) throws IOException {
        Path zip = Files.createTempFile("conclab-commit-", ".zip");
        try {
            Git result = git(repository, "archive", "--format=zip", "-o", zip.toString(), commit);
            if (result.exitCode != 0) {
                throw new IOException("git archive " + commit + " failed: " + result.stderr.strip());
            }
            unzip(zip, Files.createDirectories(target));
            return target;
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("the commit holds a path that leaves its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private record Git(int exitCode, String stdout, String stderr) {
    }

    private static Git git(Path repository, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // the repository's own folder decides, whatever the grader's environment says
        builder.environment().keySet().removeIf(name -> name.startsWith("GIT_"));
        Path err = Files.createTempFile("conclab-git-", ".err");
        try {
            Process git;
            try {
                git = builder.redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new IOException("cannot run git (" + e.getMessage() + "): install git to grade repositories at a deadline", e);
            }
            git.getOutputStream().close(); // git never waits for input
            String stdout;
            try (InputStream out = git.getInputStream()) {
                stdout = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!git.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                throw new IOException("git " + args[0] + " in " + repository + " took more than " + GIT_TIMEOUT_SECONDS + " s");
            }
            return new Git(git.exitValue(), stdout, Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while git ran", e);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** The repository has no commit to grade at the deadline. */
    public static final class NoCommit extends Exception {
        private static final long serialVersionUID = 1L;

        NoCommit(String message) {
            super(message);
        }
    }
}
