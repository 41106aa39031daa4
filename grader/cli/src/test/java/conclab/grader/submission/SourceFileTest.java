package conclab.grader.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFileTest {

    @TempDir
    Path root;

    private SourceFile read(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return SourceFile.read(root, file);
    }

    @Test
    void theDeclaredPackageCountsNotTheFolder() throws IOException {
        SourceFile file = read("elsewhere/Points.java",
                "/* package conclab.udp; */\n// package nope;\n@Deprecated package conclab.harness;\nclass Points {}");
        assertEquals("conclab.harness", file.packageName());
        assertEquals("conclab.harness.Points", file.qualifiedName());
        assertEquals("elsewhere/Points.java", file.relativePath());
        assertTrue(SubmissionCompiler.isTrusted(file.packageName()));
    }

    @Test
    void exerciseIsTheSegmentAfterConclab() throws IOException {
        assertEquals(Optional.of("udp"), read("a/A.java", "package conclab.udp.internal;").exercise());
        assertEquals(Optional.of("udp"), read("b/B.java", "package   conclab . udp ;").exercise());
        assertEquals(Optional.empty(), read("C.java", "class C {}").exercise());
        assertEquals(Optional.empty(), read("d/D.java", "package org.example;").exercise());
    }

    @Test
    void trustedPackagesMatchWholeSegments() {
        assertTrue(SubmissionCompiler.isTrusted("org.junit.jupiter.api"));
        assertTrue(SubmissionCompiler.isTrusted("java.lang"));
        assertFalse(SubmissionCompiler.isTrusted("conclab.labs"));
        assertFalse(SubmissionCompiler.isTrusted("javafun"));
        assertFalse(SubmissionCompiler.isTrusted(""));
    }
}
