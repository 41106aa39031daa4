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
}
