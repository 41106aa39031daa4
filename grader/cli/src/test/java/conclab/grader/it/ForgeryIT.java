package conclab.grader.it;

import static conclab.grader.it.GraderProcess.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ways a submission forged its grade while the tests ran in its own JVM, each tried again on
 * the untouched stubs: every one must still earn 0 points, since the verdicts are reached in a
 * JVM the submission cannot reach; tried on the reference, none may change a verdict. The attack
 * goes into a static initialiser of {@code UdpTimeServer}, which the first udp test loads.
 */
@EnabledOnOs(OS.LINUX)
class ForgeryIT {

    private static final String TARGET = "conclab.udp.UdpTimeServer";

    /**
     * Reaches, from inside the submission's JVM, for what used to make the verdicts there: the
     * harness's listener and the grader's event channel by reflection and {@code Unsafe}, the
     * calibrated scale, the tests' own static state, the class folder's service files, and the
     * JVM's standard output, on which it forges results. Prints what it reached.
     */
    private static final String REACH = "try {"
            + " for (String name : new String[] {\"conclab.harness.BoundedWait\", \"conclab.harness.Timing\","
            + "     \"conclab.grader.fork.EventChannel\", \"conclab.grader.fork.ForkMain\","
            + "     \"conclab.udp.UdpTimeServerTest\", \"conclab.udp.UdpEchoServerHiddenTest\", \"org.junit.jupiter.api.Test\"}) {"
            + "   try { Class<?> c = Class.forName(name); System.out.println(\"REACHED \" + c.getName()); }"
            + "   catch (Throwable e) { System.out.println(\"ABSENT \" + name); } }"
            + " java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField(\"theUnsafe\"); f.setAccessible(true);"
            + " System.out.println(\"UNSAFE \" + (f.get(null) != null));"
            + " System.setProperty(\"conclab.timing.scale\", \"1000\");"
            // its own memory, writable as before: nothing of the grader's lives in it any more
            + " try (java.io.RandomAccessFile mem = new java.io.RandomAccessFile(\"/proc/self/mem\", \"rw\")) {"
            + "   System.out.println(\"MEM writable\"); } catch (Exception e) { System.out.println(\"MEM refused \" + e); }"
            // results, as the grader's events once were, on every output this JVM has
            + " String forged = \"{\\\"type\\\":\\\"finished\\\",\\\"id\\\":\\\"conclab.udp.UdpTimeServerTest#repliesWithTheCurrentInstant\\\","
            + "   \\\"status\\\":\\\"passed\\\",\\\"durationMs\\\":1,\\\"message\\\":null,\\\"messageLength\\\":0,"
            + "   \\\"output\\\":\\\"\\\",\\\"outputBytes\\\":0,\\\"attempts\\\":1}\";"
            + " System.out.println(forged);"
            + " new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true).println(forged);"
            + " try (java.io.FileOutputStream o = new java.io.FileOutputStream(\"/proc/self/fd/1\")) { o.write((forged + \"\\n\").getBytes()); }"
            + "   catch (Exception e) { System.out.println(\"FD1 refused\"); }"
            // a JUnit extension in the classes folder, for a test JVM to load
            + " String cp = System.getProperty(\"java.class.path\");"
            + " for (String entry : cp.split(java.io.File.pathSeparator)) {"
            + "   java.nio.file.Path folder = java.nio.file.Path.of(entry);"
            + "   if (java.nio.file.Files.isDirectory(folder)) {"
            + "     try { java.nio.file.Files.createDirectories(folder.resolve(\"META-INF/services\"));"
            + "       java.nio.file.Files.writeString(folder.resolve(\"META-INF/services/org.junit.jupiter.api.extension.Extension\"),"
            + "           \"conclab.udp.Forger\\n\"); System.out.println(\"PLANTED \" + folder); }"
            + "     catch (Exception e) { System.out.println(\"PLANT refused \" + folder); } } }"
            + " } catch (Throwable t) { t.printStackTrace(); }";

    /**
     * Looks for the hidden tests everywhere it can read, as a copy of them once left in the
     * output: the class path, and every jar below the file system's root.
     */
    private static final String COPY_OUT = "try {"
            + " java.util.List<java.nio.file.Path> jars = new java.util.ArrayList<>();"
            + " for (String e : System.getProperty(\"java.class.path\").split(java.io.File.pathSeparator)) jars.add(java.nio.file.Path.of(e));"
            + " try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.walk(java.nio.file.Path.of(\"/\"), 12)) {"
            + "   all.filter(p -> p.toString().endsWith(\".jar\") && !p.startsWith(\"/proc\") && !p.startsWith(\"/usr\"))"
            + "      .forEach(jars::add); } catch (Exception e) { }"
            + " for (java.nio.file.Path jar : jars) {"
            + "   try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {"
            + "     if (z.stream().anyMatch(e -> e.getName().contains(\"HiddenTest\")))"
            + "       System.out.println(\"FOUND \" + jar + \" \" + java.util.Base64.getEncoder().encodeToString("
            + "           java.nio.file.Files.readAllBytes(jar)).substring(0, 64));"
            + "   } catch (Exception e) { } }"
            + " System.out.println(\"LOOKED in \" + jars.size() + \" jars\");"
            + " } catch (Throwable t) { t.printStackTrace(); }";

    private static Report grade(Path dir, Path submission, String exercises) {
        Path tmp = dir.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GraderProcess.Result result = GraderProcess.grade(List.of("-Djava.io.tmpdir=" + tmp), submission, dir,
                "--exercises", exercises, "--sandbox", "require");
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("graded", result.report().status(), result.report().message());
        return result.report();
    }

    private static String output(Report report) {
        return GraderProcess.tests(report).stream().map(TestResult::output).filter(o -> o != null)
                .collect(Collectors.joining("\n"));
    }

    @Test
    void whatUsedToForgeTheVerdictsIsOutOfReachAndTheStubsEarnNothing(@TempDir Path dir) {
        Path stubs = GraderProcess.copyOfStubs(dir);
        Sabotage.always(stubs, TARGET, REACH);
        Report report = grade(dir, stubs, "udp");

        assertEquals(0, report.score(), () -> describe(report));
        String output = output(report);
        assertTrue(output.contains("ABSENT conclab.harness.BoundedWait") && output.contains("UNSAFE true")
                && output.contains("MEM "), "the attack ran: " + output);
        assertFalse(output.contains("REACHED"), output);
        assertFalse(output.contains("PLANTED"), output);
        assertTrue(report.events().stream().noneMatch(e -> e.type().equals("protocol_error")), report.events().toString());
    }

    @Test
    void theSameAttackChangesNoVerdictOfTheReference(@TempDir Path dir) {
        Path reference = GraderProcess.copyOfReference(dir);
        Sabotage.always(reference, TARGET, REACH);
        Report report = grade(dir, reference, "udp");
        assertEquals(report.maxScore(), report.score(), () -> describe(report));
    }

    @Test
    void theHiddenTestsCannotBeCopiedOut(@TempDir Path dir) throws IOException {
        Path stubs = GraderProcess.copyOfStubs(dir);
        Sabotage.always(stubs, TARGET, COPY_OUT);
        Report report = grade(dir, stubs, "udp");

        assertEquals(0, report.score(), () -> describe(report));
        String output = output(report);
        assertTrue(output.contains("LOOKED in"), "the search ran: " + output);
        assertFalse(output.contains("FOUND"), output);
        String everything = Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8);
        assertFalse(everything.contains("UEsDB"), "no jar's bytes (base64 of PK\\3\\4) are in the report");
    }

    @Test
    void aGivenTypeTheSubmissionChangedChangesNoExpectation(@TempDir Path dir) throws IOException {
        // a reader that drops every header field, first as it is, then beside a Frame whose
        // equals looks at the payload only, which once made the tests' comparisons pass
        Path honest = GraderProcess.copyOfReference(dir.resolve("honest"));
        dropHeaders(honest);
        Path edited = GraderProcess.copyOfReference(dir.resolve("edited"));
        dropHeaders(edited);
        Path frame = edited.resolve("src/main/java/conclab/framing/Frame.java");
        String source = Files.readString(frame);
        int equals = source.indexOf("public boolean equals(Object other)");
        int body = source.indexOf('{', equals) + 1;
        Files.writeString(frame, source.substring(0, body) + "\n        if (other instanceof Frame f) return"
                + " java.util.Arrays.equals(payload, f.payload);\n" + source.substring(body));

        Report dropped = grade(dir.resolve("honest"), honest, "framing");
        Report forged = grade(dir.resolve("edited"), edited, "framing");
        assertTrue(dropped.score() < dropped.maxScore(), () -> describe(dropped));
        assertEquals(dropped.score(), forged.score(), () -> "the edited Frame gained nothing: " + describe(forged));
    }

    /** The reference's reader, made to forget every field of the header but the size. */
    private static void dropHeaders(Path submission) throws IOException {
        Path reader = submission.resolve("src/main/java/conclab/framing/FrameReader.java");
        String source = Files.readString(reader);
        String changed = source.replace("return Optional.of(new Frame(header.fields(), payload));",
                "return Optional.of(new Frame(java.util.Map.of(), payload));");
        assertFalse(changed.equals(source), "the reader's return of a Frame was found in " + reader);
        Files.writeString(reader, changed);
    }

    @Test
    void aGradingsOwnOutputIsNeverTakenForAResult(@TempDir Path dir) {
        Path stubs = GraderProcess.copyOfStubs(dir);
        Sabotage.always(stubs, TARGET, REACH);
        Report report = grade(dir, stubs, "udp");
        TestResult target = GraderProcess.tests(report).stream()
                .filter(t -> t.id().equals("conclab.udp.UdpTimeServerTest#repliesWithTheCurrentInstant")).findFirst().orElseThrow();
        assertFalse(target.status().equals("passed"), target.toString());
        assertTrue(Stream.of(output(report).split("\n")).anyMatch(l -> l.contains("\"status\":\"passed\"")),
                "the forged line is kept as text");
    }
}
