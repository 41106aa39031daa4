package conclab.grader.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import conclab.grader.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The commit of every repository of a class as it stood when the snapshot was taken (at the
 * deadline, e.g. by a scheduled workflow), which {@code grade-all --snapshot} then grades: a
 * deadline that does not rest on dates the students set. A folder {@code DIR} holds
 * {@code snapshot.json} and, per repository, a git bundle of HEAD's history
 * ({@code NAME.bundle}), so that a history rewritten or deleted after the snapshot still yields
 * the commit that was there. The grader compares each repository with its snapshot and says when
 * the snapshot's commit is no longer in its history.
 *
 * @param version      {@value #VERSION}
 * @param takenAt      when it was taken
 * @param deadline     the deadline it was taken for, if one was given: then each commit is the one
 *                     {@link GitDeadline} chooses in HEAD's history; null: each HEAD
 * @param repositories folder name to what was recorded of it
 */
public record Snapshot(int version, String takenAt, String deadline, Map<String, Entry> repositories) {

    static final int VERSION = 1;
    static final String FILE = "snapshot.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * One repository.
     *
     * @param commit   the commit to grade; null when there was none (the problem says why)
     * @param head     HEAD's commit when the snapshot was taken
     * @param bundle   the bundle file's name in the snapshot's folder; null if none was written
     * @param warnings what the dates looked like then
     * @param problem  why there is no commit; null otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String commit, String head, String bundle, List<String> warnings, String problem) {
        public Entry {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    /** What grading a repository from the snapshot found: the commit, where to export it from, and what to say. */
    record Resolved(String commit, Path bundle, List<String> warnings, String late) {
    }

    /**
     * Takes a snapshot of the repositories among {@code folders} of {@code classFolder} into
     * {@code out}, a folder (created if missing). Folders that are not git repositories are
     * left out (grade-all grades their working tree).
     */
    public static Snapshot take(Path classFolder, List<String> folders, Path out, OffsetDateTime deadline,
                                java.util.function.Consumer<String> progress) throws IOException {
        Files.createDirectories(out);
        Instant now = Instant.now();
        Map<String, Entry> entries = new TreeMap<>();
        for (String name : folders) {
            Path folder = classFolder.resolve(name);
            if (!GitDeadline.isRepository(folder)) {
                progress.accept(name + ": not a git repository, left out (grade-all grades its working tree)");
                continue;
            }
            Entry entry;
            try {
                String head = GitDeadline.head(folder);
                List<String> warnings = new ArrayList<>();
                String commit = head;
                if (deadline != null) {
                    GitDeadline.Choice choice = new GitDeadline(deadline).choose(folder, now);
                    commit = choice.commit();
                    warnings.addAll(choice.warnings());
                } else {
                    warnings.addAll(GitDeadline.dateWarnings(GitDeadline.history(folder, "HEAD"), now));
                }
                String bundle = ReportName.of(name).replaceFirst("\\.json$", ".bundle");
                GitDeadline.bundle(folder, out.resolve(bundle));
                entry = new Entry(commit, head, bundle, warnings, null);
            } catch (GitDeadline.NoCommit e) {
                entry = new Entry(null, null, null, List.of(), e.getMessage());
            }
            entries.put(name, entry);
            progress.accept(name + ": " + (entry.commit() != null ? GitDeadline.abbrev(entry.commit())
                    + (entry.warnings().isEmpty() ? "" : " (" + entry.warnings().size() + " warnings about its dates)")
                    : entry.problem()));
        }
        Snapshot snapshot = new Snapshot(VERSION, now.toString(), deadline == null ? null : deadline.toString(), entries);
        AtomicFile.write(out.resolve(FILE), JSON.writeValueAsBytes(snapshot));
        return snapshot;
    }

    /**
     * Reads the snapshot in folder {@code dir}.
     *
     * @throws IOException naming what is wrong and what to give instead
     */
    public static Snapshot read(Path dir) throws IOException {
        Path file = Files.isDirectory(dir) ? dir.resolve(FILE) : dir;
        if (!Files.isRegularFile(file)) {
            throw new IOException("no snapshot at " + dir + ": give the folder the snapshot command wrote (it holds " + FILE + ")");
        }
        Snapshot snapshot;
        try {
            snapshot = JSON.readValue(file.toFile(), Snapshot.class);
        } catch (IOException e) {
            throw new IOException(file + " is not a snapshot (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (snapshot.version() != VERSION || snapshot.repositories() == null || snapshot.takenAt() == null) {
            throw new IOException(file + " is not a snapshot of version " + VERSION + " that this grader reads");
        }
        return snapshot;
    }

    /** What the snapshot says of a folder; null when it does not know it. */
    Entry entry(String folder) {
        return repositories.get(folder);
    }

    /**
     * Where the snapshot's commit of {@code folder} is graded from: the repository while the
     * commit is still in HEAD's history, else the snapshot's bundle, with a warning that the
     * history was rewritten since.
     *
     * @param dir the snapshot's folder
     */
    Resolved resolve(Path dir, Path folder, Entry entry) throws IOException, GitDeadline.NoCommit {
        if (entry.commit() == null) {
            throw new GitDeadline.NoCommit("the snapshot taken at " + takenAt + " has no commit of it: " + entry.problem());
        }
        List<String> warnings = new ArrayList<>(entry.warnings());
        String late = entry.head() != null && !entry.head().equals(entry.commit())
                ? "HEAD was " + GitDeadline.abbrev(entry.head()) + " when the snapshot was taken, after the commit graded" : null;
        if (GitDeadline.isRepository(folder) && GitDeadline.inHistoryOfHead(folder, entry.commit())) {
            String head = GitDeadline.git(folder, "rev-parse", "HEAD").stdout().strip();
            if (late == null && !head.equals(entry.commit())) {
                late = "commits since the snapshot taken at " + takenAt + " (HEAD now " + GitDeadline.abbrev(head) + ")";
            }
            return new Resolved(entry.commit(), null, warnings, late);
        }
        warnings.add("history rewritten since the snapshot taken at " + takenAt + ": its commit "
                + GitDeadline.abbrev(entry.commit()) + " is no longer in HEAD's history; graded from the snapshot's bundle");
        Path bundle = entry.bundle() == null ? null : dir.resolve(entry.bundle());
        if (bundle == null || !Files.isRegularFile(bundle)) {
            throw new GitDeadline.NoCommit("history rewritten since the snapshot taken at " + takenAt + ", and the snapshot's"
                    + " bundle " + (bundle == null ? "" : bundle + " ") + "is missing: commit " + entry.commit() + " cannot be had");
        }
        return new Resolved(entry.commit(), bundle, warnings, late);
    }
}
