package conclab.grader.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class FileSealTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /**
     * File times advance in ticks of the kernel's coarse clock (a few milliseconds): code under
     * test tampers seconds after the seal, so the test writes, too, after a tick has passed.
     */
    private void afterTheNextClockTick(Path sealed) throws IOException {
        FileTime sealedAt = (FileTime) Files.getAttribute(sealed, "unix:ctime");
        Path probe = dir.resolve("probe");
        long deadline = System.nanoTime() + 5_000_000_000L;
        do {
            Files.writeString(probe, "tick");
            assertTrue(System.nanoTime() < deadline, "the file system's clock did not advance in 5 s");
        } while (((FileTime) Files.getAttribute(probe, "unix:ctime")).compareTo(sealedAt) <= 0);
    }

    @Test
    void filesLeftAloneAreNotChanged() throws IOException {
        Path a = file("a.jar", "aaa");
        Path b = file("b.jar", "bbb");
        FileSeal seal = FileSeal.of(List.of(a, b));
        Files.readString(a);
        assertEquals(List.of(), seal.changed());
    }

    @Test
    void aWriteIsSeenEvenWithTheSameSizeAndTheModificationTimeSetBack() throws IOException {
        Path a = file("a.jar", "aaa");
        FileTime modified = Files.getLastModifiedTime(a);
        FileSeal seal = FileSeal.of(List.of(a, file("b.jar", "bbb")));
        afterTheNextClockTick(a);
        Files.writeString(a, "zzz", StandardOpenOption.TRUNCATE_EXISTING);
        Files.setLastModifiedTime(a, modified);
        assertEquals(List.of(a), seal.changed());
    }

    @Test
    void aReplacementAndADeletionAreSeen() throws IOException {
        Path a = file("a.jar", "aaa");
        Path b = file("b.jar", "bbb");
        FileSeal seal = FileSeal.of(List.of(a, b));
        afterTheNextClockTick(a);
        Files.move(file("forged.jar", "aaa"), a, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(b);
        assertEquals(List.of(a, b), seal.changed());
    }
}
