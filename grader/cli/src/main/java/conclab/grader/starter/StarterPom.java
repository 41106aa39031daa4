package conclab.grader.starter;

import java.util.ArrayList;
import java.util.List;

/**
 * The students' {@code exercises/pom.xml}, made from the maintainers' {@code exercises/pom.xml}
 * so that the two never drift apart: the parent is the starter's root ({@value #STARTER_PARENT}
 * instead of {@value #MAINTAINERS_PARENT}, same version), and what only the maintainers' build
 * needs is left out: a line ending in {@value #LINE_MARK}, and every line from one holding
 * {@value #BEGIN} to one holding {@value #END}.
 */
final class StarterPom {

    static final String MAINTAINERS_PARENT = "<artifactId>conclab-parent</artifactId>";
    static final String STARTER_PARENT = "<artifactId>conclab-starter</artifactId>";
    static final String LINE_MARK = "<!-- maintainers only -->";
    static final String BEGIN = "<!-- maintainers only: begin -->";
    static final String END = "<!-- maintainers only: end -->";

    private StarterPom() {
    }

    /**
     * The students' pom made from {@code maintainers}.
     *
     * @throws IllegalStateException when the pom does not have the expected parent or its marks
     *                               do not pair up: a defect of the maintainers' pom, never to
     *                               be shipped half-made
     */
    static String of(String maintainers) {
        int parent = maintainers.indexOf("<parent>");
        int artifact = maintainers.indexOf(MAINTAINERS_PARENT);
        if (parent < 0 || artifact < parent || artifact > maintainers.indexOf("</parent>")) {
            throw new IllegalStateException("exercises/pom.xml has no parent " + MAINTAINERS_PARENT
                    + ": the students' pom could not be made from it");
        }
        List<String> kept = new ArrayList<>();
        boolean inBlock = false;
        String pom = maintainers.substring(0, artifact) + STARTER_PARENT
                + maintainers.substring(artifact + MAINTAINERS_PARENT.length());
        for (String line : pom.split("\n", -1)) {
            String code = line.strip();
            if (code.equals(BEGIN) || code.equals(END)) {
                if (inBlock == code.equals(BEGIN)) {
                    throw new IllegalStateException("exercises/pom.xml: " + code + " where "
                            + (inBlock ? END : BEGIN) + " was expected");
                }
                inBlock = !inBlock;
            } else if (!inBlock && !code.endsWith(LINE_MARK)) {
                kept.add(line);
            }
        }
        if (inBlock) {
            throw new IllegalStateException("exercises/pom.xml: " + BEGIN + " without " + END);
        }
        return String.join("\n", kept);
    }
}
