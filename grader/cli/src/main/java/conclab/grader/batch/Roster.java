package conclab.grader.batch;

import conclab.grader.report.Report.StudentRef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who each submission folder is from, read from a UTF-8 CSV file with the header
 * {@code folder,id,name}:
 *
 * <pre>
 * folder,id,name
 * alice,2026001,Alice Martin
 * zhang-san,2026002,张三
 * "lee, j",2026003,"Lee, Jae"
 * </pre>
 *
 * <p>Fields may be quoted ({@code "a, b"}, with {@code ""} for a quote); a field may not span
 * lines. Blank lines are skipped; the folder and the id are required, the name may be empty.
 *
 * @param students folder name to student, in the file's order
 */
public record Roster(Map<String, StudentRef> students) {

    public Roster {
        students = Collections.unmodifiableMap(new LinkedHashMap<>(students));
    }

    /** No roster: nobody is named. */
    public static final Roster NONE = new Roster(Map.of());

    /**
     * Reads a roster file.
     *
     * @throws InvalidRoster naming the file, the line, what is wrong and how to fix it
     */
    public static Roster read(Path file) throws InvalidRoster {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidRoster(file, 0, "no such file");
        } catch (IOException e) {
            throw new InvalidRoster(file, 0, "cannot be read (" + e.getMessage() + ")");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRoster(file, 0, "is not UTF-8 text: save it as UTF-8 (e.g. 'CSV UTF-8' in a spreadsheet)");
        }
        return parse(file, text);
    }

    public static Roster parse(Path file, String text) throws InvalidRoster {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // the byte order mark spreadsheets put first
        }
        String[] lines = text.split("\r?\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length) {
            throw new InvalidRoster(file, 0, "is empty: its first line must be the header folder,id,name");
        }
        List<String> header = fields(file, first + 1, lines[first]);
        if (!header.stream().map(h -> h.trim().toLowerCase(java.util.Locale.ROOT)).toList()
                .equals(List.of("folder", "id", "name"))) {
            throw new InvalidRoster(file, first + 1, "the header must be folder,id,name, not '" + lines[first] + "'");
        }
        Map<String, StudentRef> students = new LinkedHashMap<>();
        Map<String, Integer> folderLines = new HashMap<>();
        Map<String, Integer> idLines = new HashMap<>();
        for (int i = first + 1; i < lines.length; i++) {
            int number = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> row = fields(file, number, lines[i]);
            if (row.size() != 3) {
                throw new InvalidRoster(file, number, "has " + row.size() + " fields, expected 3 (folder,id,name);"
                        + " quote a field that holds a comma, like \"Lee, Jae\"");
            }
            String folder = row.get(0).trim();
            String id = row.get(1).trim();
            String name = row.get(2).trim();
            if (folder.isEmpty() || id.isEmpty()) {
                throw new InvalidRoster(file, number, "the " + (folder.isEmpty() ? "folder" : "id") + " is empty");
            }
            if (folderLines.containsKey(normalized(folder))) {
                throw new InvalidRoster(file, number, "folder '" + folder + "' is already on line " + folderLines.get(normalized(folder)));
            }
            if (idLines.containsKey(id)) {
                throw new InvalidRoster(file, number, "id '" + id + "' is already on line " + idLines.get(id));
            }
            folderLines.put(normalized(folder), number);
            idLines.put(id, number);
            students.put(normalized(folder), new StudentRef(id, name.isEmpty() ? null : name));
        }
        return new Roster(students);
    }

    /** The fields of one CSV line. */
    private static List<String> fields(Path file, int number, String line) throws InvalidRoster {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw new InvalidRoster(file, number, "text after a closing quote at column " + (i + 1)
                        + ": write a quote inside a quoted field as \"\"");
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new InvalidRoster(file, number, "a quote is not closed: a field may not span lines");
        }
        fields.add(field.toString());
        return fields;
    }

    /** The student a folder is from, or null when the roster does not name it. */
    public StudentRef student(String folder) {
        return students.get(normalized(folder));
    }

    /**
     * A folder name as the roster compares it: Unicode NFC. A macOS zip spells "é" as "e" and a
     * combining accent (NFD), a spreadsheet as one character: the same name either way.
     */
    public static String normalized(String folder) {
        return java.text.Normalizer.normalize(folder, java.text.Normalizer.Form.NFC);
    }

    /** A roster file that cannot be used. */
    public static final class InvalidRoster extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidRoster(Path file, int line, String problem) {
            super("roster " + file + (line > 0 ? " line " + line : "") + ": " + problem);
        }
    }
}
