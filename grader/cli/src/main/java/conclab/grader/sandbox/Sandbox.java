package conclab.grader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The sandboxes of a grading, made with bubblewrap ({@code bwrap}, Debian's package
 * {@code bubblewrap}): a well-kept tool that puts a process in Linux namespaces of its own
 * without a privileged helper.
 *
 * <p>Two sandboxes, nested:
 * <ul>
 *   <li>The <b>test JVM's</b> ({@link #judge}): a network namespace with only loopback, and a file
 *       system that holds the system, the JDK, what the test JVM must load and its work folder, and
 *       nothing else of the machine (no reports, no home folder, no other submission).</li>
 *   <li>The <b>submission's</b> ({@link #submissionPrefix}), inside the first, for its JVM and every
 *       child JVM the tests start: its own PID namespace (nothing it starts outlives it, and it sees
 *       no process but its own), its own user, IPC and UTS namespaces, no capabilities, no further
 *       user namespaces, a new session, a cleared environment, and a file system where only the
 *       work folder it shares with the test JVM and a private {@code /tmp} are writable. It shares
 *       the test JVM's loopback network, so the tests' sockets reach its servers, and nothing else.</li>
 * </ul>
 * When the grader runs as root, both run as {@value #UNPRIVILEGED_UID} ("nobody") instead: root
 * makes the test JVM's sandbox, and {@code setpriv} drops to that user inside it before the JVM
 * starts. The two share the uid, so that the files of their shared work folder are theirs alike.
 */
public final class Sandbox {

    /** System property: where bubblewrap is, when it is not in /usr/bin, /bin or /usr/local/bin. */
    public static final String BWRAP_PROPERTY = "conclab.sandbox.bwrap";

    /** The uid and gid the sandboxes run as when the grader is root. */
    public static final int UNPRIVILEGED_UID = 65534;

    private static final List<String> SYSTEM_LINKS = List.of("bin", "lib", "lib64", "lib32", "libx32", "sbin");
    private static final List<String> ETC = List.of("hosts", "nsswitch.conf", "host.conf", "localtime", "timezone",
            "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "passwd", "group", "alternatives");

    private final String bwrap;
    private final boolean root;
    private final String version;

    private Sandbox(String bwrap, boolean root, String version) {
        this.bwrap = bwrap;
        this.root = root;
        this.version = version;
    }

    /** What a sandbox shows of the machine besides the system: host paths, each at its own place. */
    public record View(List<Path> readOnly, List<Path> writable, Path workingDirectory, Map<String, String> environment) {
    }

    private static volatile Optional<Sandbox> probed;
    private static volatile String unavailableBecause;

    /**
     * The sandbox {@code mode} asks for: empty for {@code off}, and for {@code auto} where none can
     * be made (see {@link #unavailableBecause()}).
     *
     * @throws Unavailable for {@code require} where none can be made
     */
    public static Optional<Sandbox> choose(SandboxMode mode) throws Unavailable {
        if (mode == SandboxMode.OFF) {
            return Optional.empty();
        }
        Optional<Sandbox> found = probe();
        if (found.isEmpty() && mode == SandboxMode.REQUIRE) {
            throw new Unavailable("--sandbox require, but no sandbox can be made here: " + unavailableBecause);
        }
        return found;
    }

    /** Why no sandbox can be made here, once {@link #choose} found none. */
    public static String unavailableBecause() {
        return unavailableBecause;
    }

    private static synchronized Optional<Sandbox> probe() {
        if (probed != null) {
            return probed;
        }
        String because = null;
        Sandbox sandbox = null;
        if (!System.getProperty("os.name", "").equals("Linux")) {
            because = "bubblewrap needs Linux (this is " + System.getProperty("os.name") + ")";
        } else {
            String given = System.getProperty(BWRAP_PROPERTY);
            Optional<String> bwrap = (given != null ? Stream.of(given)
                    : Stream.of("/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"))
                    .filter(p -> Files.isExecutable(Path.of(p))).findFirst();
            if (bwrap.isEmpty()) {
                because = "bubblewrap is not installed: install it (Debian and Ubuntu: apt-get install bubblewrap;"
                        + " Fedora: dnf install bubblewrap)";
            } else {
                boolean root = "root".equals(System.getProperty("user.name")) || isRoot();
                Sandbox candidate = new Sandbox(bwrap.get(), root, versionOf(bwrap.get()));
                because = candidate.works();
                if (because == null) {
                    sandbox = candidate;
                }
            }
        }
        unavailableBecause = because;
        probed = Optional.ofNullable(sandbox);
        return probed;
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String versionOf(String bwrap) {
        try {
            Process p = new ProcessBuilder(bwrap, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor(5, TimeUnit.SECONDS);
            return out.isEmpty() ? "bubblewrap" : out;
        } catch (IOException e) {
            return "bubblewrap";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "bubblewrap";
        }
    }

    /** Runs {@code true} in a submission's sandbox inside a test JVM's: null if it worked, else why not. */
    private String works() {
        Path trial;
        try {
            trial = Files.createTempDirectory("conclab-sandbox-trial-");
        } catch (IOException e) {
            return "no folder for a trial sandbox: " + e.getMessage();
        }
        try {
            return works(new View(List.of(), List.of(trial), trial, Map.of()));
        } finally {
            try {
                Files.deleteIfExists(trial);
            } catch (IOException e) {
                // a trial folder left empty in the temporary folder
            }
        }
    }

    private String works(View none) {
        List<String> command = new ArrayList<>(judge(none, List.of()));
        command.addAll(submissionPrefix(none));
        command.add("true");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "a trial sandbox did not start within 10 s";
            }
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.exitValue() != 0) {
                return "a trial sandbox failed (" + out + "): the kernel must allow unprivileged user"
                        + " namespaces (a container needs them, or must run with --privileged)";
            }
            return null;
        } catch (IOException e) {
            return "bubblewrap could not be run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while trying a sandbox";
        }
    }

    /** Whether the sandboxes run as {@value #UNPRIVILEGED_UID} because the grader is root. */
    public boolean asNobody() {
        return root;
    }

    /** What the report says of it, e.g. {@code bubblewrap 0.8.0: pid, mount, net, user, ipc, uts; uid 65534}. */
    public String description() {
        return version + ": pid, mount, net, user, ipc, uts" + (root ? "; uid " + UNPRIVILEGED_UID : "");
    }

    /**
     * The command that runs {@code command} in the test JVM's sandbox: an empty network of its own,
     * and {@code view} of the files, in which it can start the submission's sandbox.
     */
    public List<String> judge(View view, List<String> command) {
        List<String> args = new ArrayList<>();
        args.add(bwrap);
        args.addAll(List.of("--unshare-net", "--unshare-ipc", "--unshare-uts", "--die-with-parent"));
        if (root) {
            // made by root, so that it can show files whose folders the unprivileged user could
            // not pass through (inside, bubblewrap makes every folder above a mount readable);
            // the command mounts the work folder and drops to that user, keeping no capability
            args.addAll(List.of("--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
                    "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_CHOWN"));
        } else {
            args.add("--unshare-user");
        }
        system(args, "--tmpfs", "/tmp");
        // the machine's own /proc, writable: the submission's sandbox is made from in here
        args.addAll(List.of("--bind", "/proc", "/proc"));
        view(args, view);
        args.add("--");
        if (root) {
            // the work folder, the only one the submission may write, becomes a file system of
            // its own that runs nothing (no library it writes can be loaded), gone with the sandbox
            args.addAll(List.of("sh", "-c", "mount -t tmpfs -o noexec,nosuid,nodev,mode=0755,size=" + WORK_SIZE
                            + " conclab-work \"$0\" && mkdir \"$0/tmp\" \"$0/" + PRIVATE_TMP + "\" && chown -R "
                            + UNPRIVILEGED_UID + ":" + UNPRIVILEGED_UID + " \"$0\" && cd \"$0\" && exec \"$@\"",
                    view.workingDirectory().toString(),
                    "setpriv", "--reuid=" + UNPRIVILEGED_UID, "--regid=" + UNPRIVILEGED_UID,
                    "--clear-groups", "--inh-caps=-all"));
        }
        args.addAll(command);
        return args;
    }

    /** The most the work folder may hold, when it is a file system of its own (as root). */
    static final String WORK_SIZE = "2g";
    /** The submission's {@code /tmp}, in its work folder when that runs nothing (as root). */
    static final String PRIVATE_TMP = ".tmp";

    /**
     * What comes before a command that runs in the submission's sandbox (its JVM, and the child
     * JVMs the tests start), started from inside the test JVM's.
     */
    public List<String> submissionPrefix(View view) {
        List<String> args = new ArrayList<>();
        args.add(bwrap);
        args.addAll(List.of("--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try", "--disable-userns", "--die-with-parent", "--new-session",
                "--cap-drop", "ALL"));
        if (root) {
            system(args, "--bind", view.workingDirectory().resolve(PRIVATE_TMP).toString(), "/tmp");
        } else {
            system(args, "--tmpfs", "/tmp");
        }
        args.addAll(List.of("--proc", "/proc"));
        view(args, view);
        args.add("--");
        return args;
    }

    /** The system, read-only: /usr and its links, a few files of /etc, the JDK; and {@code tmp}, /tmp. */
    private static void system(List<String> args, String... tmp) {
        args.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String link : SYSTEM_LINKS) {
            Path path = Path.of("/", link);
            if (Files.isSymbolicLink(path)) {
                try {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), path.toString()));
                } catch (IOException e) {
                    // without it
                }
            } else if (Files.isDirectory(path)) {
                args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
            }
        }
        Set<Path> folders = new LinkedHashSet<>();
        folder(args, folders, Path.of("/etc/x"));
        for (String name : ETC) {
            args.addAll(List.of("--ro-bind-try", "/etc/" + name, "/etc/" + name));
        }
        for (Path extra : Jdk.outsideUsr()) {
            folder(args, folders, extra);
            args.addAll(List.of("--ro-bind", extra.toString(), extra.toString()));
        }
        args.addAll(List.of("--dev", "/dev"));
        if (tmp[0].equals("--tmpfs")) {
            args.addAll(List.of("--perms", "1777"));
        }
        args.addAll(List.of(tmp));
    }

    private static void view(List<String> args, View view) {
        Set<Path> seen = new LinkedHashSet<>();
        Set<Path> folders = new LinkedHashSet<>(List.of(Path.of("/etc"), Path.of("/tmp"), Path.of("/usr")));
        for (Path path : view.readOnly()) {
            if (seen.add(path)) {
                folder(args, folders, path);
                args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
            }
        }
        for (Path path : view.writable()) {
            if (seen.add(path)) {
                folder(args, folders, path);
                args.addAll(List.of("--bind", path.toString(), path.toString()));
            }
        }
        args.add("--clearenv");
        view.environment().forEach((name, value) -> args.addAll(List.of("--setenv", name, value)));
        args.addAll(List.of("--chdir", view.workingDirectory().toString()));
    }

    /**
     * Makes the folders above {@code path} that are not there yet, open to every user: a sandbox
     * made by root makes them for its own use only, and the unprivileged user inside could not
     * pass through them to what is mounted below.
     */
    private static void folder(List<String> args, Set<Path> made, Path path) {
        List<Path> above = new ArrayList<>();
        for (Path p = path.toAbsolutePath().getParent(); p != null && p.getParent() != null; p = p.getParent()) {
            above.add(0, p);
        }
        for (Path p : above) {
            if (made.add(p)) {
                args.addAll(List.of("--perms", "0755", "--dir", p.toString()));
            }
        }
    }

    /** No sandbox can be made, and {@code --sandbox require} asked for one. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }
}
