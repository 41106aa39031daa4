package conclab.grader.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Chromium, headless, that loads a page and gives back its DOM after its scripts ran
 * ({@code --dump-dom}). {@code CONCLAB_CHROMIUM} names the browser, else the first of
 * {@code chromium}, {@code chromium-browser}, {@code google-chrome} on the PATH. When no browser
 * can run, a test fails in CI ({@code CI=true}, as CI services and {@code .ci/run} set it) and is
 * skipped elsewhere, with the reason.
 */
final class HeadlessBrowser {

    private HeadlessBrowser() {
    }

    /** The DOM of {@code page} once loaded, serialized as HTML. */
    static String dumpDom(Path page, Path profile) {
        return dumpDom(page, "", profile);
    }

    /** The DOM of {@code page} opened at {@code #fragment} (empty for none), once its scripts ran. */
    static String dumpDom(Path page, String fragment, Path profile) {
        Path browser = find().orElseGet(() -> unavailable("no Chromium found (looked for $CONCLAB_CHROMIUM,"
                + " chromium, chromium-browser, google-chrome on the PATH); install it, e.g."
                + " apt-get install chromium"));
        // without the background-networking flags Chromium keeps trying hosts a closed network refuses
        List<String> command = List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath(),
                "--dump-dom", page.toAbsolutePath().toUri() + (fragment.isEmpty() ? "" : "#" + fragment));
        try {
            Path out = Files.createTempFile("chromium-dom", ".html");
            Path err = Files.createTempFile("chromium-err", ".txt");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return unavailable(browser + " did not finish loading the page within 90 s");
            }
            String dom = Files.readString(out, StandardCharsets.UTF_8);
            String errors = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            if (process.exitValue() != 0 || !dom.contains("<body")) {
                return unavailable(browser + " exited with " + process.exitValue() + " and no page: " + errors);
            }
            return dom;
        } catch (IOException e) {
            return unavailable(browser + " could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> find() {
        String named = System.getenv("CONCLAB_CHROMIUM");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of("chromium", "chromium-browser", "google-chrome")
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    private static <T> T unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true and no browser could run: " + why);
        }
        Assumptions.abort("skipped outside CI: " + why);
        throw new AssertionError("unreachable");
    }
}
