package conclab.grader.it;

import static conclab.grader.it.GraderProcess.describe;
import static conclab.grader.it.GraderProcess.exercise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What of a submission is compiled, and what can never change a grade. */
class SubmissionRulesIT {

    @Test
    void editedPublicTestsChangeNothing(@TempDir Path dir) {
        // the stubs, with the student's copy of a public test edited to pass, and a copy of a
        // test class put among the sources, where it would shadow the pristine one
        Path repo = dir.resolve("repo");
        GraderProcess.copyTree(GraderProcess.ROOT.resolve("exercises/src/main/java"), repo.resolve("exercises/src/main/java"));
        String passing = "package conclab.udp;\nimport org.junit.jupiter.api.Test;\n"
                + "class UdpEchoServerTest { @Test void echoesADatagramBackToItsSender() { } }\n";
        GraderProcess.write(repo.resolve("exercises/src/test/java/conclab/udp/UdpEchoServerTest.java"), passing);
        GraderProcess.write(repo.resolve("exercises/src/main/java/conclab/udp/UdpEchoServerTest.java"),
                "package conclab.udp;\npublic class UdpEchoServerTest { }\n");

        Report report = GraderProcess.grade(repo, dir).report();

        assertEquals(0, report.score(), () -> describe(report));
        assertTrue(GraderProcess.tests(report).stream().anyMatch(
                t -> t.id().equals("conclab.udp.UdpEchoServerTest#echoesADatagramBackToItsSender")
                        && !t.status().equals("passed")), () -> describe(report));
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("UdpEchoServerTest.java")
                && w.contains("name of a test class")), report.warnings().toString());
    }

    @Test
    void trustedPackagesAreNeverTakenFromASubmission(@TempDir Path dir) {
        Path submission = GraderProcess.copyOfReference(dir);
        // a Points that would make every test worth nothing, and a Timing with no bounds
        GraderProcess.write(submission.resolve("src/main/java/conclab/harness/Points.java"),
                "package conclab.harness;\npublic @interface Points { int value() default 0; int DEFAULT = 0; }\n");
        GraderProcess.write(submission.resolve("src/main/java/org/junit/jupiter/api/Assertions.java"),
                "package org.junit.jupiter.api;\npublic class Assertions { }\n");

        Report report = GraderProcess.grade(submission, dir).report();

        assertEquals(report.maxScore(), report.score(), () -> describe(report));
        assertTrue(report.maxScore() > 0);
        assertEquals(2, report.warnings().stream().filter(w -> w.contains("is the grader's own")).count(),
                report.warnings().toString());
    }

    @Test
    void aPackageThatDoesNotCompileCostsOnlyItsExercise(@TempDir Path dir) {
        Path submission = GraderProcess.copyOfReference(dir);
        GraderProcess.write(submission.resolve("src/main/java/conclab/udp/Broken.java"),
                "package conclab.udp;\nclass Broken { int x = ; }\n");
        GraderProcess.write(submission.resolve("src/main/java/Scratch.java"), "class Scratch { oops }\n");

        GraderProcess.Result result = GraderProcess.grade(submission, dir);
        Report report = result.report();

        assertEquals(0, result.exitCode(), result.stderr());
        ExerciseResult udp = exercise(report, "udp");
        assertEquals("compile_error", udp.status());
        assertEquals(0, udp.score());
        assertTrue(udp.maxScore() > 0, "its tests still count in the maximum");
        assertFalse(udp.diagnostics().isEmpty());
        assertEquals("conclab/udp/Broken.java", udp.diagnostics().get(0).file());
        assertEquals(2, udp.diagnostics().get(0).line());
        assertTrue(udp.tests().stream().allMatch(t -> t.status().equals("not_run")
                && t.message().contains("does not compile")), () -> describe(report));
        assertTrue(report.warnings().stream().anyMatch(w -> w.startsWith("Scratch.java was left out")),
                report.warnings().toString());
    }

    @Test
    void aMissingExerciseIsReportedAsMissing(@TempDir Path dir) {
        Path submission = dir.resolve("submission");
        GraderProcess.write(submission.resolve("src/main/java/conclab/other/Hello.java"),
                "package conclab.other;\npublic class Hello { }\n");

        Report report = GraderProcess.grade(submission, dir).report();

        ExerciseResult udp = exercise(report, "udp");
        assertEquals("missing", udp.status());
        assertTrue(udp.tests().stream().allMatch(t -> t.status().equals("not_run")
                && t.message().contains("no code in package conclab.udp")), () -> describe(report));
        assertEquals(0, report.score());
    }
}
