package conclab.grader.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The identity of some files, taken once, to tell later whether any of them changed: code under
 * test runs as the same user as the grader and could rewrite the test jars, the grader itself or
 * its class-data archive between two test JVMs.
 *
 * <p>On Unix a file's identity is its inode, size and change time. Every write, truncation,
 * replacement or rename sets the change time, and only the kernel does: unlike the modification
 * time, no call lets a process set it back. It costs one {@code stat} where a hash of the
 * grader's jars and archive would cost a few hundred milliseconds of each run. Elsewhere the
 * identity is the content's SHA-256.
 */
public final class FileSeal {

    private final Map<Path, String> identities;

    private FileSeal(Map<Path, String> identities) {
        this.identities = identities;
    }

    /** Seals {@code files} as they are now. */
    public static FileSeal of(List<Path> files) throws IOException {
        Map<Path, String> identities = new LinkedHashMap<>();
        for (Path file : files) {
            identities.put(file, identity(file));
        }
        return new FileSeal(identities);
    }

    /** The sealed files that changed or vanished since, empty if none did. */
    public List<Path> changed() {
        List<Path> changed = new ArrayList<>();
        identities.forEach((file, identity) -> {
            try {
                if (!identity(file).equals(identity)) {
                    changed.add(file);
                }
            } catch (IOException e) {
                changed.add(file);
            }
        });
        return changed;
    }

    /** {@code file}'s identity now: equal identities mean an unchanged file. */
    public static String identity(Path file) throws IOException {
        try {
            Map<String, Object> unix = Files.readAttributes(file, "unix:ino,size,ctime", LinkOption.NOFOLLOW_LINKS);
            return unix.get("ino") + " " + unix.get("size") + " " + ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return sha256(file);
        }
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
