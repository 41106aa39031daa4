package conclab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** With real git repositories, made here with the real git. */
@Timeout(60)
class GitDeadlineTest {

    private static final OffsetDateTime DEADLINE = OffsetDateTime.parse("2026-12-01T23:59:00+08:00");

    @TempDir
    Path dir;

    /** Runs git in {@code repo}; commits get {@code date} as author and committer date. */
    static String git(Path repo, String date, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(),
                "-c", "user.name=Student", "-c", "user.email=student@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        if (date != null) {
            builder.environment().putAll(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date));
        }
        Process git = builder.start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(git.waitFor(30, TimeUnit.SECONDS), "git " + args[0] + " did not finish");
        assertEquals(0, git.exitValue(), () -> "git " + String.join(" ", args) + ": " + out);
        return out.trim();
    }

    /** Commits {@code file} with {@code content} at {@code date}, and returns the commit. */
    static String commit(Path repo, String date, String file, String content) throws IOException, InterruptedException {
        Files.createDirectories(repo.resolve(file).getParent());
        Files.writeString(repo.resolve(file), content);
        git(repo, null, "add", "-A");
        git(repo, date, "commit", "-q", "-m", "work");
        return git(repo, null, "rev-parse", "HEAD");
    }

    @Test
    void picksTheLastCommitBeforeTheDeadlineAndExportsItWithoutTouchingTheRepository() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("alice"));
        git(repo, null, "init", "-q");
        commit(repo, "2026-11-30T10:00:00+08:00", "src/main/java/A.java", "class A { int v = 1; }");
        String onTime = commit(repo, "2026-12-01T23:58:00+08:00", "src/main/java/A.java", "class A { int v = 2; }");
        commit(repo, "2026-12-02T00:01:00+08:00", "src/main/java/A.java", "class A { int v = 3; }");
        Files.writeString(repo.resolve("src/main/java/A.java"), "class A { int v = 4; } // not committed");
        String statusBefore = git(repo, null, "status", "--porcelain");
        String headBefore = git(repo, null, "rev-parse", "HEAD");

        assertTrue(GitDeadline.isRepository(repo));
        String commit = new GitDeadline(DEADLINE).commit(repo);
        assertEquals(onTime, commit);
        Path exported = GitDeadline.export(repo, commit, dir.resolve("export/alice"));
        assertEquals("class A { int v = 2; }", Files.readString(exported.resolve("src/main/java/A.java")));
        assertFalse(Files.exists(exported.resolve(".git")));

        assertEquals(statusBefore, git(repo, null, "status", "--porcelain"), "the student's work tree is untouched");
        assertEquals(headBefore, git(repo, null, "rev-parse", "HEAD"));
        assertFalse(Files.exists(repo.resolve(".git/worktrees")), "no worktree added");
    }

    @Test
    void aRepositoryWithNothingBeforeTheDeadlineHasNoCommit() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("late"));
        git(repo, null, "init", "-q");
        commit(repo, "2026-12-02T08:00:00+08:00", "src/main/java/A.java", "class A {}");
        String message = assertThrows(GitDeadline.NoCommit.class, () -> new GitDeadline(DEADLINE).commit(repo)).getMessage();
        assertTrue(message.contains("no commit before the deadline 2026-12-01T23:59+08:00"), message);
    }

    @Test
    void aRepositoryWithNoCommitAtAllSaysGitCannotReadIt() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("empty"));
        git(repo, null, "init", "-q");
        String message = assertThrows(GitDeadline.NoCommit.class, () -> new GitDeadline(DEADLINE).commit(repo)).getMessage();
        assertTrue(message.contains("has no commit yet"), message);
        assertTrue(message.contains("commit and push"), message);
        assertFalse(GitDeadline.isRepository(dir));
    }

    /** The issue's repository: the bug on 11-28, the fix on 12-03, and on top a commit dated 11-30. */
    private Path backdated(String name) throws Exception {
        Path repo = Files.createDirectories(dir.resolve(name));
        git(repo, null, "init", "-q");
        commit(repo, "2026-11-28T10:00:00+08:00", "src/main/java/A.java", "class A { int bug; }");
        commit(repo, "2026-12-03T10:00:00+08:00", "src/main/java/A.java", "class A { int fix; }");
        commit(repo, "2026-11-30T10:00:00+08:00", "src/main/java/B.java", "class B {}");
        return repo;
    }

    @Test
    void aBackdatedCommitOnTopOfALateFixIsNotGradedAtTheDeadline() throws Exception {
        Path repo = backdated("mallory");
        String bug = git(repo, null, "rev-parse", "HEAD~2");
        // what a plain git rev-list --before chooses: the backdated HEAD, the fix included
        assertEquals(git(repo, null, "rev-parse", "HEAD"),
                git(repo, null, "rev-list", "-1", "--before=@" + DEADLINE.toEpochSecond(), "HEAD"));
        GitDeadline.Choice choice = new GitDeadline(DEADLINE).choose(repo, java.time.Instant.parse("2026-12-05T00:00:00Z"));
        assertEquals(bug, choice.commit(), "the last commit whose whole history is dated before the deadline");
        String warnings = String.join("\n", choice.warnings());
        assertTrue(warnings.contains("before its parent"), warnings);
        assertTrue(warnings.contains("whole history is dated before the deadline"), warnings);
        assertTrue(warnings.contains("snapshot"), warnings);
        Path exported = GitDeadline.export(repo, choice.commit(), dir.resolve("export/mallory"));
        assertEquals("class A { int bug; }", Files.readString(exported.resolve("src/main/java/A.java")));
    }

    @Test
    void anHonestHistoryHasNoWarningsAndADateInTheFutureIsFlagged() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("honest"));
        git(repo, null, "init", "-q");
        commit(repo, "2026-11-28T10:00:00+08:00", "src/main/java/A.java", "class A { int v = 1; }");
        String last = commit(repo, "2026-11-30T10:00:00+08:00", "src/main/java/A.java", "class A { int v = 2; }");
        java.time.Instant now = java.time.Instant.parse("2026-12-02T00:00:00Z");
        GitDeadline.Choice honest = new GitDeadline(DEADLINE).choose(repo, now);
        assertEquals(last, honest.commit());
        assertEquals(List.of(), honest.warnings());
        commit(repo, "2031-01-01T00:00:00+08:00", "src/main/java/A.java", "class A { int v = 3; }");
        String warnings = String.join("\n", new GitDeadline(DEADLINE).choose(repo, now).warnings());
        assertTrue(warnings.contains("dated in the future (2030-12-31T16:00:00Z)"), warnings);
    }

    @Test
    void aSnapshotKeepsTheCommitAndAHistoryRewrittenSinceIsGradedFromItsBundle() throws Exception {
        Path classFolder = dir.resolve("class");
        Path repo = Files.createDirectories(classFolder.resolve("bob"));
        git(repo, null, "init", "-q");
        String atDeadline = commit(repo, "2026-11-30T10:00:00+08:00", "src/main/java/A.java", "class A { int v = 1; }");
        Files.createDirectories(classFolder.resolve("plain/src/main/java"));
        Path out = dir.resolve("snapshot");
        List<String> said = new ArrayList<>();
        Snapshot taken = Snapshot.take(classFolder, List.of("bob", "plain"), out, null, said::add);
        assertEquals(java.util.Set.of("bob"), taken.repositories().keySet(), "a folder that is no repository is left out");
        assertTrue(Files.isRegularFile(out.resolve("bob.bundle")));
        Snapshot snapshot = Snapshot.read(out);
        assertEquals(atDeadline, snapshot.entry("bob").commit());

        // still there: graded from the repository, nothing to say
        Snapshot.Resolved same = snapshot.resolve(out, repo, snapshot.entry("bob"));
        assertEquals(atDeadline, same.commit());
        assertEquals(null, same.bundle());
        assertEquals(List.of(), same.warnings());

        // the student rewrites history after the deadline, backdating the new commit
        commit(repo, "2026-11-30T11:00:00+08:00", "src/main/java/A.java", "class A { int v = 2; }");
        git(repo, null, "reset", "-q", "--hard", "HEAD~1");
        Files.writeString(repo.resolve("src/main/java/A.java"), "class A { int v = 99; }");
        git(repo, null, "add", "-A");
        git(repo, "2026-11-30T10:00:00+08:00", "commit", "-q", "--amend", "-m", "rewritten");
        git(repo, null, "reflog", "expire", "--expire=now", "--all");
        git(repo, null, "gc", "-q", "--prune=now");
        Snapshot.Resolved rewritten = snapshot.resolve(out, repo, snapshot.entry("bob"));
        assertEquals(atDeadline, rewritten.commit());
        assertEquals(out.resolve("bob.bundle"), rewritten.bundle());
        assertTrue(String.join("\n", rewritten.warnings()).contains("history rewritten since the snapshot"), rewritten.warnings()::toString);
        Path exported = GitDeadline.exportFromBundle(rewritten.bundle(), rewritten.commit(), dir.resolve("export/bob"));
        assertEquals("class A { int v = 1; }", Files.readString(exported.resolve("src/main/java/A.java")));

        Files.delete(out.resolve("bob.bundle"));
        String lost = assertThrows(GitDeadline.NoCommit.class, () -> snapshot.resolve(out, repo, snapshot.entry("bob"))).getMessage();
        assertTrue(lost.contains("bundle") && lost.contains("is missing"), lost);
    }
}
