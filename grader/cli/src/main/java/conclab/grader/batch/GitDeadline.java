package conclab.grader.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A submission that is a git repository, graded as it stood at a deadline, exported with
 * {@code git archive} into a folder of the grader's. The student's repository is only read,
 * never changed.
 *
 * <p>A commit's dates are the student's: {@code GIT_COMMITTER_DATE} sets them to anything. So the
 * commit graded is not simply the last one dated before the deadline: a commit counts as no
 * earlier than the latest date in its history (a commit dated 30 November on top of one dated
 * 3 December was made after 3 December, whatever it says), and the commit graded is the last one
 * on HEAD's first-parent line whose whole history is dated before the deadline. What can be seen
 * is said ({@link Choice#warnings}): a commit dated before its parent, a date in the future, a
 * backdated HEAD passed over. What cannot be seen (a whole history backdated consistently) only
 * a snapshot taken at the deadline ({@link Snapshot}) rules out.
 *
 * @param deadline the deadline
 */
public record GitDeadline(OffsetDateTime deadline) {

    private static final long GIT_TIMEOUT_SECONDS = 60;
    /** Clocks disagree a little; a date this far ahead of now is a date set by hand. */
    static final Duration FUTURE_SLACK = Duration.ofMinutes(10);
    /** Warnings of one kind listed at most. */
    private static final int MOST = 3;

    /**
     * The commit to grade and what looked wrong about the dates on the way.
     *
     * @param commit   the commit
     * @param warnings what the dates say that cannot be true; empty when nothing was seen
     * @param late     the work after the graded commit ("2 commits after it, the last dated
     *                 ..."); null when HEAD is the graded commit
     */
    public record Choice(String commit, List<String> warnings, String late) {
        public Choice {
            warnings = List.copyOf(warnings);
        }
    }

    /** One commit of a history: its committer date (epoch seconds) and parents. */
    record Commit(String id, long date, List<String> parents) {
    }

    /** Whether {@code folder} is a git repository's working tree. */
    public static boolean isRepository(Path folder) {
        return Files.exists(folder.resolve(".git"));
    }

    /**
     * The commit to grade: the last commit on HEAD's first-parent line whose history is all dated
     * before the deadline.
     *
     * @throws NoCommit when there is none, or git cannot read the repository; the message says which
     */
    public String commit(Path repository) throws NoCommit, IOException {
        return choose(repository, Instant.now()).commit();
    }

    /** {@link #commit} with what looked wrong about the dates; {@code now} tells dates in the future. */
    public Choice choose(Path repository, Instant now) throws NoCommit, IOException {
        requireACommit(repository);
        Map<String, Commit> history = history(repository, "HEAD");
        String head = git(repository, "rev-parse", "HEAD").stdout.strip();
        Map<String, Long> latest = latestDates(history);
        long due = deadline.toEpochSecond();
        List<String> warnings = new ArrayList<>(dateWarnings(history, now));
        String naive = null;
        String chosen = null;
        int after = 0;
        long lastDate = Long.MIN_VALUE;
        for (String at = head; at != null && history.containsKey(at); after++) {
            Commit commit = history.get(at);
            if (naive == null && commit.date() <= due) {
                naive = at;
            }
            if (latest.get(at) <= due) {
                chosen = at;
                break;
            }
            lastDate = Math.max(lastDate, commit.date());
            at = commit.parents().isEmpty() ? null : commit.parents().get(0);
        }
        if (naive != null && !naive.equals(chosen)) {
            warnings.add("commit " + abbrev(naive) + " is dated " + date(history.get(naive).date())
                    + ", before the deadline, but its history holds a commit dated after it: graded "
                    + (chosen == null ? "nothing" : abbrev(chosen)) + ", the last commit whose whole history is dated before the deadline");
        }
        if (chosen == null) {
            throw new NoCommit("no commit before the deadline " + deadline + " in " + repository
                    + ": the first commit came after it" + (warnings.isEmpty() ? "" : " (" + String.join("; ", warnings) + ")"));
        }
        String late = after == 0 ? null : after + " commit" + (after == 1 ? "" : "s") + " after the graded one on HEAD's line,"
                + " the latest dated " + date(lastDate) + " (HEAD " + abbrev(head) + ")";
        return new Choice(chosen, warnings, late);
    }

    /** What the dates of a history say that cannot be true: commits dated before a parent, dates in the future. */
    static List<String> dateWarnings(Map<String, Commit> history, Instant now) {
        List<String> beforeParent = new ArrayList<>();
        List<String> future = new ArrayList<>();
        for (Commit commit : history.values()) {
            for (String parent : commit.parents()) {
                Commit p = history.get(parent);
                if (p != null && commit.date() < p.date()) {
                    beforeParent.add("commit " + abbrev(commit.id()) + " is dated " + date(commit.date())
                            + ", before its parent " + abbrev(p.id()) + " (" + date(p.date()) + ")");
                    break;
                }
            }
            if (commit.date() > now.plus(FUTURE_SLACK).getEpochSecond()) {
                future.add("commit " + abbrev(commit.id()) + " is dated in the future (" + date(commit.date()) + ")");
            }
        }
        List<String> warnings = new ArrayList<>();
        summarise(warnings, beforeParent, "commits dated before their parent");
        summarise(warnings, future, "commits dated in the future");
        if (!warnings.isEmpty()) {
            warnings.add("a commit's dates are set by whoever commits (GIT_COMMITTER_DATE): grade from a snapshot taken at the deadline");
        }
        return warnings;
    }

    private static void summarise(List<String> warnings, List<String> found, String what) {
        warnings.addAll(found.stream().limit(MOST).toList());
        if (found.size() > MOST) {
            warnings.add("and " + (found.size() - MOST) + " more " + what);
        }
    }

    /** For each commit, the latest date in its history (itself included): the earliest it can have been made. */
    static Map<String, Long> latestDates(Map<String, Commit> history) {
        Map<String, Long> latest = new HashMap<>();
        // parents come before their children (git log --topo-order --reverse)
        for (Commit commit : history.values()) {
            long max = commit.date();
            for (String parent : commit.parents()) {
                max = Math.max(max, latest.getOrDefault(parent, Long.MIN_VALUE));
            }
            latest.put(commit.id(), max);
        }
        return latest;
    }

    /** The commits of {@code rev}'s history, parents before children. */
    static Map<String, Commit> history(Path repository, String rev) throws IOException, NoCommit {
        Git log = git(repository, "log", "--topo-order", "--reverse", "--format=%H %ct %P", rev);
        if (log.exitCode != 0) {
            throw new NoCommit("git cannot read the history of " + repository + ": "
                    + log.stderr.lines().findFirst().orElse("exit code " + log.exitCode));
        }
        Map<String, Commit> history = new LinkedHashMap<>();
        for (String line : log.stdout.split("\n")) {
            String[] words = line.strip().split(" ");
            if (words.length >= 2) {
                history.put(words[0], new Commit(words[0], Long.parseLong(words[1]),
                        List.of(words).subList(2, words.length)));
            }
        }
        return history;
    }

    /** Whether the repository holds {@code commit} in HEAD's history. */
    static boolean inHistoryOfHead(Path repository, String commit) throws IOException {
        return git(repository, "merge-base", "--is-ancestor", commit, "HEAD").exitCode == 0;
    }

    /** HEAD's commit. */
    static String head(Path repository) throws IOException, NoCommit {
        requireACommit(repository);
        return git(repository, "rev-parse", "HEAD").stdout.strip();
    }

    /** Writes HEAD's whole history into a bundle file, which a later grading reads instead of a rewritten repository. */
    static void bundle(Path repository, Path file) throws IOException {
        Git result = git(repository, "bundle", "create", file.toAbsolutePath().toString(), "HEAD");
        if (result.exitCode != 0) {
            throw new IOException("git bundle in " + repository + " failed: " + result.stderr.strip());
        }
    }

    /** Exports {@code commit} from a bundle file into {@code target}, through a bare clone of the grader's. */
    static Path exportFromBundle(Path bundle, String commit, Path target) throws IOException {
        Path clone = Files.createTempDirectory("conclab-bundle-");
        try {
            Git cloned = git(clone, "clone", "--quiet", "--bare", bundle.toAbsolutePath().toString(), clone.resolve("repo").toString());
            if (cloned.exitCode != 0) {
                throw new IOException("the snapshot's bundle " + bundle + " cannot be read: " + cloned.stderr.strip());
            }
            return export(clone.resolve("repo"), commit, target);
        } finally {
            conclab.grader.io.FileTrees.delete(clone);
        }
    }

    static String abbrev(String commit) {
        return commit.length() > 10 ? commit.substring(0, 10) : commit;
    }

    private static String date(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
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

    record Git(int exitCode, String stdout, String stderr) {
    }

    static Git git(Path repository, String... args) throws IOException {
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
