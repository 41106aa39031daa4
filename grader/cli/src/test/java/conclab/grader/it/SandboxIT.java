package conclab.grader.it;

import static conclab.grader.it.GraderProcess.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import conclab.grader.report.Report;
import conclab.grader.report.ReportWriter;
import conclab.grader.report.TestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the sandbox keeps a submission from, each an attack that worked before there was one:
 * graded end to end in the sandbox (bubblewrap, which CI installs), each must cost nothing, touch
 * nothing outside the submission's work folder and leave nothing running. The sabotage goes into
 * the reference's {@code UdpTimeServer}, whose first test loads it, and prints what it found, which
 * the report keeps as that test's output.
 */
@EnabledOnOs(OS.LINUX)
class SandboxIT {

    private static final String TARGET = "conclab.udp.UdpTimeServer";

    /** A number that names this test run's processes and files. */
    private static String marker(int salt) {
        return salt + "" + (ProcessHandle.current().pid() % 1000 + 1000);
    }

    private static Report grade(Path dir, Path submission, String... options) {
        Path tmp = dir.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = Stream.concat(Stream.of("--exercises", "udp,states", "--sandbox", "require"),
                Stream.of(options)).toList();
        GraderProcess.Result result = GraderProcess.grade(List.of("-Djava.io.tmpdir=" + tmp), submission, dir,
                args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.stderr());
        Report report = result.report();
        assertEquals("graded", report.status(), report.message());
        assertTrue(report.graded().sandbox().startsWith("bubblewrap"), report.graded().sandbox());
        return report;
    }

    /** All the output the tests kept, where the sabotage printed what it found. */
    private static String output(Report report) {
        return GraderProcess.tests(report).stream().map(TestResult::output).filter(o -> o != null)
                .collect(Collectors.joining("\n"));
    }

    private static void assertFullMarks(Report report) {
        assertEquals(report.maxScore(), report.score(), () -> describe(report));
    }

    private static boolean anyProcessNamed(String marker) {
        return ProcessHandle.allProcesses().filter(HostileSubmissionsIT::running)
                .anyMatch(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
    }

    @Test
    void aProcessThatDetachesClearsItsEnvironmentAndRenamesItselfDiesWithTheGrading(@TempDir Path dir) {
        String detached = marker(1);
        String renamed = marker(2);
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, TARGET, "try {"
                + " ProcessBuilder b = new ProcessBuilder(\"setsid\", \"-f\", \"sleep\", \"" + detached + "\");"
                + " b.environment().clear(); b.directory(new java.io.File(\"/\")); b.start();"
                + " new ProcessBuilder(\"sh\", \"-c\", \"(exec -a innocent sleep " + renamed + " &) ; true\").start().waitFor();"
                + " } catch (Exception e) { throw new RuntimeException(e); }");
        Report report = grade(dir, submission, "--test-jvms", "1");

        assertFullMarks(report);
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> !anyProcessNamed(detached) && !anyProcessNamed(renamed));
    }

    @Test
    void nothingOutsideItsWorkFolderCanBeReadOrWritten(@TempDir Path dir) throws IOException {
        String token = "secret-" + marker(3);
        Path secret = Files.writeString(dir.resolve("secret.txt"), token);
        Path classmate = Files.writeString(dir.resolve("classmate.json"), "{\"score\": 11}");
        Path home = Path.of(System.getProperty("user.home"), ".conclab-escape-" + marker(3));
        Path hostTmp = Path.of("/tmp", "conclab-escape-" + marker(3));
        Path report = dir.resolve("report.json");
        Path submission = GraderProcess.copyOfReference(dir);
        StringBuilder attack = new StringBuilder("try {");
        attack.append(" try { System.out.println(\"LEAK \" + java.nio.file.Files.readString(java.nio.file.Path.of(\"")
                .append(secret).append("\"))); } catch (Exception e) { System.out.println(\"READ refused \" + e); }");
        for (Path target : List.of(classmate, report, home, hostTmp)) {
            attack.append(" try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"").append(target)
                    .append("\"), \"{\\\"score\\\": 1000}\"); System.out.println(\"WROTE ").append(target)
                    .append("\"); } catch (Exception e) { System.out.println(\"WRITE refused \" + e); }");
        }
        attack.append(" } catch (Throwable t) { t.printStackTrace(); }");
        Sabotage.once(submission, TARGET, attack.toString());
        Report graded = grade(dir, submission, "--test-jvms", "1");

        assertFullMarks(graded);
        String output = output(graded);
        // what it wrote landed, if anywhere, in its own private /tmp, which ends with it
        assertTrue(output.contains("READ refused"), "the sabotage ran and could not read: " + output);
        String everything = Files.readString(report, StandardCharsets.UTF_8);
        assertFalse(everything.contains(token), "the secret never reached the report");
        assertEquals("{\"score\": 11}", Files.readString(classmate), "the classmate's report is untouched");
        assertFalse(Files.exists(home), home + " was not created");
        assertFalse(Files.exists(hostTmp), hostTmp + " was not created");
        assertTrue(graded.events().stream().noneMatch(e -> e.type().equals("report_file_modified")),
                graded.events().toString());
    }

    @Test
    void aSubmissionInABatchCannotReachItsClassmatesTheirReportsOrTheManifest(@TempDir Path dir) throws IOException {
        Path alice = dir.resolve("class/alice");
        GraderProcess.copyTree(GraderProcess.ROOT.resolve("solutions/src/main/java"), alice.resolve("src/main/java"));
        Path mallory = dir.resolve("class/mallory");
        GraderProcess.copyTree(GraderProcess.ROOT.resolve("solutions/src/main/java"), mallory.resolve("src/main/java"));
        Path reports = dir.resolve("reports");
        Path key = dir.resolve("batch.key");
        Path aliceSource = alice.resolve("src/main/java/conclab/udp/UdpTimeServer.java");
        String self = "java.util.Set<Long> mine = new java.util.HashSet<>(); mine.add(ProcessHandle.current().pid());"
                + " ProcessHandle.current().parent().ifPresent(p -> mine.add(p.pid()));";
        StringBuilder attack = new StringBuilder("try { ").append(self);
        // her sources, the batch's key; her report and the manifest, written while she is graded
        for (Path target : List.of(aliceSource, key)) {
            attack.append(" try { System.out.println(\"LEAK \" + java.nio.file.Files.readString(java.nio.file.Path.of(\"")
                    .append(target).append("\")).length()); } catch (Exception e) { System.out.println(\"READ refused \" + e); }");
        }
        for (Path target : List.of(reports.resolve("alice.json"), reports.resolve(".conclab-batch.json"))) {
            attack.append(" try { java.nio.file.Files.createDirectories(java.nio.file.Path.of(\"").append(reports)
                    .append("\")); java.nio.file.Files.writeString(java.nio.file.Path.of(\"").append(target)
                    .append("\"), \"{}\"); System.out.println(\"WROTE\"); } catch (Exception e) { System.out.println(\"WRITE refused \" + e); }");
        }
        // every process it can see that is not its own JVM or its parent: her test JVMs, if it saw them
        attack.append(" ProcessHandle.allProcesses().filter(p -> !mine.contains(p.pid())).forEach(p ->"
                + " System.out.println(\"KILL \" + p.pid() + \" \" + p.info().commandLine().orElse(\"?\") + \" \" + p.destroyForcibly()));");
        attack.append(" } catch (Throwable t) { t.printStackTrace(); }");
        Sabotage.once(mallory, TARGET, attack.toString());
        Files.createDirectories(dir.resolve("tmp"));

        List<String> jvm = List.of("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        Map<String, String> env = Map.of("CONCLAB_BATCH_KEY", key.toString());
        String[] args = {"grade-all", dir.resolve("class").toString(), "--out", reports.toString(),
            "--exercises", "udp,states", "--jobs", "2", "--sandbox", "require", "--test-jvms", "1"};
        GraderProcess.Result first = GraderProcess.run(GraderProcess.JAR, jvm, env, reports, args);
        assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
        Report hers = ReportWriter.read(reports.resolve("alice.json"));
        Report his = ReportWriter.read(reports.resolve("mallory.json"));
        assertFullMarks(hers);
        assertFullMarks(his);
        String output = output(his);
        // what it wrote, it wrote into its own private /tmp (the class's folders lie in the host's /tmp here)
        assertTrue(output.contains("READ refused") && !output.contains("LEAK"), output);
        assertTrue(output.lines().filter(l -> l.startsWith("KILL ")).noneMatch(l -> l.contains("alice")), output);

        // the manifest and her report are as the grader wrote them: a second run keeps both
        GraderProcess.Result second = GraderProcess.run(GraderProcess.JAR, jvm, env, reports, args);
        assertEquals(0, second.exitCode(), second.stdout() + second.stderr());
        assertTrue(second.stdout().contains("2 unchanged"), second.stdout());
    }

    @Test
    void theGradersProcessesTheNetworkAndPrivilegesAreOutOfReach(@TempDir Path dir) {
        Path submission = GraderProcess.copyOfReference(dir);
        Sabotage.once(submission, TARGET, "try {"
                // every process it can see, and whether it can attach to a JVM among them
                + " ProcessHandle.allProcesses().forEach(p -> System.out.println(\"SEES \" + p.pid() + \" \""
                + "   + p.info().commandLine().orElse(\"?\")));"
                + " for (com.sun.tools.attach.VirtualMachineDescriptor vm : com.sun.tools.attach.VirtualMachine.list())"
                + "   { try { com.sun.tools.attach.VirtualMachine.attach(vm).detach(); System.out.println(\"ATTACHED \" + vm.id()); }"
                + "     catch (Exception e) { System.out.println(\"ATTACH refused \" + vm.id()); } }"
                + " try (java.net.Socket s = new java.net.Socket()) {"
                + "   s.connect(new java.net.InetSocketAddress(\"1.1.1.1\", 53), 1000); System.out.println(\"NET reached\"); }"
                + " catch (Exception e) { System.out.println(\"NET unreachable \" + e); }"
                // a library and a program it writes: where it may write, nothing may run
                + " java.nio.file.Path lib = java.nio.file.Path.of(System.getProperty(\"java.home\"), \"lib\", \"libzip.so\");"
                + " for (String dir : new String[] {\"/tmp\", System.getProperty(\"user.dir\")}) {"
                + "   try { java.nio.file.Path copy = java.nio.file.Path.of(dir, \"copied-\" + System.nanoTime() + \".so\");"
                + "     java.nio.file.Files.copy(lib, copy); System.load(copy.toString()); System.out.println(\"LOADED \" + dir); }"
                + "   catch (Throwable e) { System.out.println(\"LOAD refused \" + dir + \" \" + e); }"
                + "   try { java.nio.file.Path program = java.nio.file.Path.of(dir, \"copied-\" + System.nanoTime());"
                + "     java.nio.file.Files.copy(java.nio.file.Path.of(\"/usr/bin/true\"), program); program.toFile().setExecutable(true);"
                + "     new ProcessBuilder(program.toString()).start().waitFor(); System.out.println(\"RAN \" + dir); }"
                + "   catch (Throwable e) { System.out.println(\"RUN refused \" + dir + \" \" + e); } }"
                + " for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(\"/proc/self/status\")))"
                + "   if (line.startsWith(\"Uid:\") || line.startsWith(\"CapEff:\") || line.startsWith(\"CapPrm:\"))"
                + "     System.out.println(\"SELF \" + line);"
                + " } catch (Throwable t) { t.printStackTrace(); }");
        Report report = grade(dir, submission, "--test-jvms", "1");

        assertFullMarks(report);
        String output = output(report);
        List<String> seen = output.lines().filter(l -> l.startsWith("SEES ")).toList();
        assertFalse(seen.isEmpty(), output);
        assertTrue(seen.stream().noneMatch(l -> l.contains("ForkMain") || l.contains("conclab-grader")
                || l.contains("-jar")), "it sees no process of the grader's: " + seen);
        assertFalse(output.contains("ATTACHED"), output);
        assertTrue(output.contains("NET unreachable"), output);
        assertTrue(output.lines().anyMatch(l -> l.matches("SELF CapEff:\\s+0+")), "no capability: " + output);
        if ("root".equals(System.getProperty("user.name"))) {
            assertTrue(output.lines().anyMatch(l -> l.matches("SELF Uid:\\s+65534\\s.*")),
                    "graded by root, it runs as nobody: " + output);
            // and where it writes, nothing runs (a file system of its own, noexec)
            assertTrue(output.contains("LOAD refused /tmp") && output.contains("RUN refused /tmp"), output);
            assertFalse(output.contains("LOADED") || output.contains("RAN "), output);
        }
    }

    @Test
    void withoutASandboxTheReportSaysSoAndRequireRefusesToGrade(@TempDir Path dir) {
        Path submission = GraderProcess.copyOfReference(dir);
        Path tmp = dir.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GraderProcess.Result off = GraderProcess.grade(List.of("-Djava.io.tmpdir=" + tmp), submission, dir,
                "--exercises", "states", "--sandbox", "off");
        assertEquals(0, off.exitCode(), off.stderr());
        assertEquals("none", off.report().graded().sandbox());
        assertTrue(off.report().warnings().get(0).startsWith("No sandbox (--sandbox off)"), off.report().warnings().toString());

        List<String> noBwrap = List.of("-Djava.io.tmpdir=" + tmp, "-Dconclab.sandbox.bwrap=/nonexistent/bwrap");
        GraderProcess.Result refused = GraderProcess.grade(noBwrap, submission, dir, "--exercises", "states",
                "--sandbox", "require");
        assertEquals(2, refused.exitCode(), refused.stderr());
        assertTrue(refused.stderr().contains("no sandbox can be made here") && refused.stderr().contains("bubblewrap"),
                refused.stderr());

        GraderProcess.Result auto = GraderProcess.grade(noBwrap, submission, dir, "--exercises", "states");
        assertEquals(0, auto.exitCode(), auto.stderr());
        assertEquals("none", auto.report().graded().sandbox());
        assertTrue(auto.report().warnings().get(0).contains("bubblewrap is not installed"),
                auto.report().warnings().toString());
    }

    @Test
    void aGraderJarChangedAfterItsBuildRefusesToGrade(@TempDir Path dir) throws IOException {
        Path jar = Files.copy(GraderProcess.JAR, dir.resolve("conclab-grader.jar"));
        Files.copy(GraderProcess.JAR.resolveSibling(GraderProcess.JAR.getFileName() + ".sha256"),
                dir.resolve("conclab-grader.jar.sha256"));
        Path submission = GraderProcess.copyOfReference(dir);
        Path report = dir.resolve("report.json");
        GraderProcess.Result intact = GraderProcess.run(jar, List.of("-Djava.io.tmpdir=" + dir), Map.of(), report,
                "grade", submission.toString(), "--out", report.toString(), "--exercises", "states");
        assertEquals(0, intact.exitCode(), intact.stderr());
        String hash = intact.report().graded().graderHash();
        assertEquals(64, hash.length(), hash);

        // a file more in it: still a jar that runs, no longer the one its build made
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(jar)) {
            Files.writeString(zip.getPath("extra.txt"), "added after the build");
        }
        GraderProcess.Result changed = GraderProcess.run(jar, List.of("-Djava.io.tmpdir=" + dir), Map.of(), report,
                "grade", submission.toString(), "--out", report.toString(), "--exercises", "states");
        assertEquals(1, changed.exitCode(), changed.stderr());
        assertTrue(changed.stderr().contains("not the one its build made"), changed.stderr());
        assertEquals("error", changed.report().status());
        assertNotEquals(hash, changed.report().graded().graderHash());
    }

    @Test
    void theStubsEarnNothingInTheSandbox(@TempDir Path dir) {
        assumeTrue(Files.isDirectory(GraderProcess.ROOT.resolve("exercises/src/main/java")));
        Report report = grade(dir, GraderProcess.copyOfStubs(dir));
        assertEquals(0, report.score(), () -> describe(report));
    }
}
