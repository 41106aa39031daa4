package conclab.grader.sandbox;

import java.util.Locale;

/** What {@code --sandbox} asks for. */
public enum SandboxMode {
    /** A sandbox where one can be made; elsewhere a grading without, which the report says. */
    AUTO,
    /** A sandbox, or no grading at all. */
    REQUIRE,
    /** No sandbox: for debugging the grader itself. */
    OFF;

    /** The mode {@code --sandbox value} names. */
    public static SandboxMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sandbox takes auto, require or off, not '" + value + "'");
        }
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
