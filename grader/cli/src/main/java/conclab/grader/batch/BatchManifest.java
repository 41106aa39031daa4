package conclab.grader.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import conclab.grader.io.AtomicFile;
import conclab.grader.io.FileSeal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the batch grader wrote into a reports folder: for each report, the SHA-256 of its bytes
 * and the options it was graded with. A report whose bytes no longer match was changed by
 * someone else and is not trusted. The manifest is rewritten atomically after each report, so
 * a batch killed at any moment leaves a manifest that is whole and that never vouches for a
 * report it has not seen.
 *
 * <p>Each shard keeps its own manifest ({@link Shard#manifestName()}), so the folders of all
 * shards merge by copying; trust is looked up in every manifest of the folder.
 */
public final class BatchManifest {

    /** What the manifests say of a report's bytes. */
    public enum Trust {
        /** A manifest has exactly these bytes' SHA-256. */
        TRUSTED,
        /** A manifest has the report, with another SHA-256: edited since. */
        EDITED,
        /** No manifest has the report. */
        UNKNOWN
    }

    /**
     * One report.
     *
     * @param sha256     of the report file's bytes
     * @param requestKey the options it was graded with
     */
    public record Entry(String sha256, String requestKey) {
    }

    /** The manifest file's content. */
    record Content(int version, Map<String, Entry> reports) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Path file;
    private final Map<String, Entry> own;
    private final Map<String, List<Entry>> all;

    private BatchManifest(Path file, Map<String, Entry> own, Map<String, List<Entry>> all) {
        this.file = file;
        this.own = own;
        this.all = all;
    }

    /**
     * Opens the manifest {@code name} in {@code folder}, and reads every manifest there for trust.
     * A manifest that cannot be read vouches for nothing: its reports are graded again.
     */
    public static BatchManifest open(Path folder, String name) {
        Map<String, List<Entry>> all = new TreeMap<>();
        Map<String, Entry> own = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path manifest : files.filter(p -> isManifest(p.getFileName().toString())).sorted().toList()) {
                Map<String, Entry> entries = read(manifest);
                entries.forEach((report, entry) -> all.computeIfAbsent(report, r -> new ArrayList<>()).add(entry));
                if (manifest.getFileName().toString().equals(name)) {
                    own.putAll(entries);
                }
            }
        } catch (IOException e) {
            // no folder yet, or unreadable: nothing is trusted
        }
        return new BatchManifest(folder.resolve(name), own, all);
    }

    static boolean isManifest(String fileName) {
        return fileName.startsWith(".conclab-batch") && fileName.endsWith(".json");
    }

    private static Map<String, Entry> read(Path manifest) {
        try {
            Content content = JSON.readValue(manifest.toFile(), Content.class);
            return content.reports() == null ? Map.of() : content.reports();
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** What the manifests say of a report file's current bytes. */
    public synchronized Trust trust(String reportName, byte[] bytes) {
        List<Entry> entries = all.get(reportName);
        if (entries == null) {
            return Trust.UNKNOWN;
        }
        String sha = sha256(bytes);
        return entries.stream().anyMatch(e -> e.sha256().equals(sha)) ? Trust.TRUSTED : Trust.EDITED;
    }

    /** The options the report was graded with, from the manifest that vouches for these bytes. */
    public synchronized String requestKey(String reportName, byte[] bytes) {
        String sha = sha256(bytes);
        return all.getOrDefault(reportName, List.of()).stream().filter(e -> e.sha256().equals(sha))
                .map(Entry::requestKey).findFirst().orElse(null);
    }

    /** Records a report just written, and writes the manifest, atomically. */
    public synchronized void record(String reportName, byte[] bytes, String requestKey) throws IOException {
        Entry entry = new Entry(sha256(bytes), requestKey);
        own.put(reportName, entry);
        all.put(reportName, new ArrayList<>(List.of(entry)));
        AtomicFile.write(file, JSON.writeValueAsBytes(new Content(1, own)));
    }

    public Path file() {
        return file;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(FileSeal.digest().digest(bytes));
    }
}
