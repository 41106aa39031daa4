package conclab.grader.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SHA-256 of some files, taken once, to tell later whether any of them changed: code under
 * test runs as the same user as the grader and could rewrite the test jars or the grader itself
 * between two test JVMs.
 */
public final class FileSeal {

    private final Map<Path, String> hashes;

    private FileSeal(Map<Path, String> hashes) {
        this.hashes = hashes;
    }

    /** Seals {@code files} as they are now. */
    public static FileSeal of(List<Path> files) throws IOException {
        Map<Path, String> hashes = new LinkedHashMap<>();
        for (Path file : files) {
            hashes.put(file, sha256(file));
        }
        return new FileSeal(hashes);
    }

    /** The SHA-256 of a sealed file as it was sealed. */
    public String hashOf(Path file) {
        String hash = hashes.get(file);
        if (hash == null) {
            throw new IllegalArgumentException(file + " is not sealed");
        }
        return hash;
    }

    /** The sealed files that changed or vanished since, empty if none did. */
    public List<Path> changed() {
        List<Path> changed = new ArrayList<>();
        hashes.forEach((file, hash) -> {
            try {
                if (!sha256(file).equals(hash)) {
                    changed.add(file);
                }
            } catch (IOException e) {
                changed.add(file);
            }
        });
        return changed;
    }

    /** The SHA-256 of one file, in hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
