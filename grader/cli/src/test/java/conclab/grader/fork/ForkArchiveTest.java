package conclab.grader.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkArchiveTest {

    @Test
    void theKeysHashIsFnv1aOf64Bits() {
        // the published test vectors of FNV-1a, 64 bits
        assertEquals(0xcbf29ce484222325L, ForkArchive.fnv1a(new byte[0]));
        assertEquals(0xaf63dc4c8601ec8cL, ForkArchive.fnv1a("a".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(0x85944171f73967e8L, ForkArchive.fnv1a("foobar".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static Path archive(Path dir, String name, Duration age) throws IOException {
        Path file = Files.writeString(dir.resolve(name), name);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    @Test
    void pruningKeepsTheArchiveInUseAndTheNewestOthersYoungerThanAWeek(@TempDir Path cache) throws IOException {
        Path inUse = archive(cache, "fork-inuse.jsa", Duration.ofDays(30));
        List<Path> kept = new ArrayList<>(List.of(inUse));
        for (int i = 1; i < ForkArchive.KEPT; i++) {
            kept.add(archive(cache, "fork-" + i + ".jsa", Duration.ofMinutes(i)));
        }
        archive(cache, "fork-one-too-many.jsa", Duration.ofMinutes(ForkArchive.KEPT));
        archive(cache, "fork-old.jsa", Duration.ofDays(8));
        kept.add(archive(cache, "other.txt", Duration.ofDays(30)));

        ForkArchive.prune(inUse);

        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(kept.stream().sorted().toList(), left.sorted().toList());
        }
    }

    @Test
    void anArchiveThatARunningJvmMapsIsNeverPruned(@TempDir Path cache) throws IOException {
        Path inUse = archive(cache, "fork-inuse.jsa", Duration.ofMinutes(1));
        Path mappedOld = archive(cache, "fork-mapped.jsa", Duration.ofDays(30));
        Path unusedOld = archive(cache, "fork-unused.jsa", Duration.ofDays(30));
        try (FileChannel channel = FileChannel.open(mappedOld, StandardOpenOption.READ)) {
            MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, Files.size(mappedOld));

            ForkArchive.prune(inUse);

            assertTrue(Files.exists(mappedOld), "another grader's test JVM maps it");
            assertFalse(Files.exists(unusedOld), "a week old and mapped by nobody");
            assertEquals('f', (char) mapping.get(0));
        }
    }
}
