package conclab.grader.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheFileAndLeavesNoTemporaryFileBehind() throws IOException {
        Path target = dir.resolve("report.json");
        AtomicFile.write(target, "{\"a\":1}".getBytes());
        AtomicFile.write(target, "{\"a\":2}".getBytes());
        assertEquals("{\"a\":2}", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs({org.junit.jupiter.api.condition.OS.LINUX, org.junit.jupiter.api.condition.OS.MAC})
    void othersMayReadTheFile() throws IOException {
        Path target = dir.resolve("report.json");
        AtomicFile.write(target, "{}".getBytes());
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target)));
    }

    @Test
    void checkWritableRefusesAMissingFolderAndAFolderTarget() throws IOException {
        assertThrows(IOException.class, () -> AtomicFile.checkWritable(dir.resolve("no/report.json")));
        assertThrows(IOException.class, () -> AtomicFile.checkWritable(dir));
        AtomicFile.checkWritable(dir.resolve("report.json"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "the check leaves nothing behind");
        }
    }
}
