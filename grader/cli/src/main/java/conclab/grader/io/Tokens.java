package conclab.grader.io;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random tokens that nobody can guess: a fork's secret, a run's mark. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** 128 random bits, in hex. */
    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
