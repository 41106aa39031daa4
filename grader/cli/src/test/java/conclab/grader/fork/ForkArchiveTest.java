package conclab.grader.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkArchiveTest {

    private static Path archive(Path dir, String name, Duration age) throws IOException {
        Path file = Files.writeString(dir.resolve(name), name);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    @Test
    void pruningKeepsTheArchiveInUseAndTheNewestOthersYoungerThanAWeek(@TempDir Path cache) throws IOException {
        Path inUse = archive(cache, "fork-inuse.jsa", Duration.ofDays(30));
        Path newest = archive(cache, "fork-a.jsa", Duration.ofMinutes(1));
        Path newer = archive(cache, "fork-b.jsa", Duration.ofMinutes(2));
        Path newerStill = archive(cache, "fork-c.jsa", Duration.ofMinutes(3));
        archive(cache, "fork-d.jsa", Duration.ofMinutes(4)); // one too many
        archive(cache, "fork-old.jsa", Duration.ofDays(8));
        Path notOurs = archive(cache, "other.txt", Duration.ofDays(30));

        ForkArchive.prune(inUse);

        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(List.of(newest, newer, newerStill, inUse, notOurs).stream().sorted().toList(),
                    left.sorted().toList());
        }
        assertEquals(4, ForkArchive.KEPT);
    }
}
