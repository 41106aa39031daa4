package conclab.grader.course;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An assignment of a course, read from a JSON file such as:
 *
 * <pre>{@code
 * {
 *   "course": "Foundations of Concurrency, autumn 2026",
 *   "assignment": "week 3: sockets",
 *   "exercises": { "udp": 1, "tcp": 2 },
 *   "deadline": "2026-12-01T23:59:00+08:00"
 * }
 * }</pre>
 *
 * <p>Only the exercises named are graded (and exported to students); an exercise's weight
 * multiplies its points in the weighted total, so above {@code tcp} counts twice as much per point
 * as {@code udp}. A weight of 0 grades an exercise for feedback without counting it. The deadline
 * is optional: batch grading of git repositories grades the last commit before it.
 *
 * @param course     the course's name, for reports and the gradebook
 * @param assignment the assignment's name; may be null
 * @param weights    exercise id to weight, in the file's order; never empty
 * @param deadline   the deadline, with its offset; null when the file gives none
 */
public record Course(String course, String assignment, Map<String, Double> weights,
                     OffsetDateTime deadline) {

    private static final Set<String> FIELDS = Set.of("course", "assignment", "exercises", "deadline");
    /**
     * The largest weight: more is a typo (a weight of {@code 1e308} made every total infinite),
     * and a thousand times an exercise's points is already more than any course needs.
     */
    public static final double MAX_WEIGHT = 1000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"udp": 1, "udp": 2} would silently keep the second weight
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public Course {
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** The exercise ids the assignment includes, in the file's order. */
    public Set<String> exercises() {
        return weights.keySet();
    }

    /** The weight of an exercise; 1 for one the course does not name. */
    public double weight(String exercise) {
        return weights.getOrDefault(exercise, 1.0);
    }

    /**
     * The exercises to grade or export: the course's, narrowed to {@code chosen} when that is not
     * empty, in the course file's order. {@code --exercises} narrows a course, never widens it.
     *
     * @throws OutsideCourse naming the first chosen exercise the course does not include
     */
    public java.util.List<String> narrowed(java.util.Collection<String> chosen) throws OutsideCourse {
        for (String id : chosen) {
            if (!weights.containsKey(id)) {
                throw new OutsideCourse(id);
            }
        }
        return weights.keySet().stream().filter(id -> chosen.isEmpty() || chosen.contains(id)).toList();
    }

    /** An exercise chosen with {@code --exercises} that the course file does not include. */
    public static final class OutsideCourse extends Exception {
        private static final long serialVersionUID = 1L;
        private final String exercise;

        OutsideCourse(String exercise) {
            super("--exercises names '" + exercise + "', which the course file does not include:"
                    + " --exercises narrows a course; add it to the course file or leave it out");
            this.exercise = exercise;
        }

        public String exercise() {
            return exercise;
        }
    }

    /**
     * Reads a course file.
     *
     * @throws InvalidCourse naming the file, what is wrong and how to fix it
     */
    public static Course read(Path file) throws InvalidCourse {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InvalidCourse(file, "no such file");
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new InvalidCourse(file, "a key appears twice (" + e.getOriginalMessage() + " at line "
                        + e.getLocation().getLineNr() + "): give each exercise once, with its one weight");
            }
            throw new InvalidCourse(file, "not valid JSON (" + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new InvalidCourse(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidCourse(file, "must hold a JSON object like {\"course\": \"...\", \"exercises\": {\"udp\": 1}}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidCourse(file, "unknown field '" + name + "': the fields are course, assignment, exercises and deadline");
            }
        }
        String course = text(file, root, "course", true);
        String assignment = text(file, root, "assignment", false);
        JsonNode exercises = root.get("exercises");
        if (exercises == null || !exercises.isObject() || exercises.isEmpty()) {
            throw new InvalidCourse(file, "'exercises' must map at least one exercise id to its weight, like {\"udp\": 1, \"tcp\": 2}");
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = exercises.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String id = entry.getKey();
            if (!id.matches("[a-z][a-z0-9_]*")) {
                throw new InvalidCourse(file, "'" + id + "' is not an exercise id (lower-case, like udp)");
            }
            JsonNode weight = entry.getValue();
            if (!weight.isNumber() || !(weight.asDouble() >= 0) || !(weight.asDouble() <= MAX_WEIGHT)) {
                throw new InvalidCourse(file, "the weight of " + id + " must be a number from 0 to "
                        + (long) MAX_WEIGHT + ", not " + weight);
            }
            weights.put(id, weight.asDouble());
        }
        if (weights.values().stream().allMatch(w -> w == 0)) {
            throw new InvalidCourse(file, "every weight is 0: give at least one exercise a weight above 0");
        }
        String deadline = text(file, root, "deadline", false);
        try {
            return new Course(course, assignment, weights,
                    deadline == null ? null : OffsetDateTime.parse(deadline));
        } catch (DateTimeParseException e) {
            throw new InvalidCourse(file, "'deadline' must be an ISO-8601 time with its offset, like 2026-12-01T23:59:00+08:00, not '" + deadline + "'");
        }
    }

    private static String text(Path file, JsonNode root, String field, boolean required) throws InvalidCourse {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidCourse(file, "'" + field + "' is missing: give the course's name, like \"course\": \"Concurrency 2026\"");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new InvalidCourse(file, "'" + field + "' must be a non-empty string");
        }
        return node.asText();
    }

    /** A course file that cannot be used. */
    public static final class InvalidCourse extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidCourse(Path file, String problem) {
            super("course file " + file + ": " + problem);
        }
    }
}
