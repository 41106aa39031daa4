package conclab.grader.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import conclab.grader.io.AtomicFile;
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
 * What the batch grader wrote into a reports folder: for each report, an HMAC-SHA256 of its name,
 * the options it was graded with and its bytes, keyed with a {@link BatchKey} kept outside the
 * folder, and the options. A report whose bytes no longer match was changed by someone else and
 * is not trusted; so is one whose manifest entry was rewritten along with it, since only the
 * key's holder can compute the HMAC (a plain SHA-256, which a manifest once held, anybody can). A
 * manifest written with another key, or in the older unkeyed form, vouches for nothing: its
 * reports are graded again. The manifest is rewritten atomically after each report, so
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
     * @param hmac       HMAC-SHA256 of the report's name, its options and its bytes, in hex
     * @param requestKey the options it was graded with
     */
    public record Entry(String hmac, String requestKey) {
    }

    /** The manifest's format: 2 is keyed; 1 held plain SHA-256 digests and is trusted no more. */
    static final int VERSION = 2;

    /** The manifest file's content. */
    record Content(int version, Map<String, Entry> reports) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Path file;
    private final Map<String, Entry> own;
    private final Map<String, List<Entry>> all;
    private final byte[] key;

    private BatchManifest(Path file, Map<String, Entry> own, Map<String, List<Entry>> all, byte[] key) {
        this.file = file;
        this.own = own;
        this.all = all;
        this.key = key.clone();
    }

    /**
     * Opens the manifest {@code name} in {@code folder}, and reads every manifest there for trust.
     * A manifest that cannot be read vouches for nothing: its reports are graded again.
     */
    public static BatchManifest open(Path folder, String name, BatchKey key) {
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
        return new BatchManifest(folder.resolve(name), own, all, key.bytes());
    }

    static boolean isManifest(String fileName) {
        return fileName.startsWith(".conclab-batch") && fileName.endsWith(".json");
    }

    private static Map<String, Entry> read(Path manifest) {
        try {
            Content content = JSON.readValue(manifest.toFile(), Content.class);
            return content.version() != VERSION || content.reports() == null ? Map.of() : content.reports();
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
        return entries.stream().anyMatch(e -> vouches(e, reportName, bytes)) ? Trust.TRUSTED : Trust.EDITED;
    }

    /** The options the report was graded with, from the manifest that vouches for these bytes. */
    public synchronized String requestKey(String reportName, byte[] bytes) {
        return all.getOrDefault(reportName, List.of()).stream().filter(e -> vouches(e, reportName, bytes))
                .map(Entry::requestKey).findFirst().orElse(null);
    }

    /** Records a report just written, and writes the manifest, atomically. */
    public synchronized void record(String reportName, byte[] bytes, String requestKey) throws IOException {
        Entry entry = new Entry(hmac(reportName, requestKey, bytes), requestKey);
        own.put(reportName, entry);
        all.put(reportName, new ArrayList<>(List.of(entry)));
        AtomicFile.write(file, JSON.writeValueAsBytes(new Content(VERSION, own)));
    }

    private boolean vouches(Entry entry, String reportName, byte[] bytes) {
        return entry.hmac() != null && entry.requestKey() != null
                && java.security.MessageDigest.isEqual(entry.hmac().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                hmac(reportName, entry.requestKey(), bytes).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The HMAC of a report: its name and options too, so that no entry vouches for another report or options. */
    String hmac(String reportName, String requestKey, byte[] bytes) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            mac.update(reportName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(requestKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(bytes));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public Path file() {
        return file;
    }
}
