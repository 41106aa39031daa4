package conclab.grader.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Each exercise's specification (its stubs' Javadoc) has a faithful Chinese rendering beside it,
 * kept in step with the English: {@code Scheduler.zh-CN.md} beside {@code Scheduler.java} holds,
 * for the class and each documented public member, a section that starts with
 * {@code <!-- spec: Scheduler#run(List, Policy) en:1a2b3c4d -->}, the member and the first 8 hex
 * digits of the SHA-256 of its English Javadoc (whitespace collapsed). When the English changes,
 * its hash does, and this test names the sections to translate again; a member added or removed
 * shows the same way. {@code package-info.zh-CN.md} renders the package's documentation
 * ({@code package}).
 *
 * <p>Markdown beside the stub, rather than Chinese inside the Javadoc: students read it on the
 * repository's web page and in the IDE's file tree next to the class, the English stays the one
 * specification the tests are held to, and a change to the English cannot pass unnoticed.
 */
class SpecificationTranslationsTest {

    /** Exercises whose specification is not translated yet: each one leaves the set when it is. */
    private static final Set<String> NOT_YET = Set.of("ipc");

    static final Pattern MARKER = Pattern.compile("<!-- spec: (.+?) en:([0-9a-f]{8}) -->");
    private static final Pattern SOURCE = Pattern.compile("exercises/src/main/java/conclab/([a-z][a-z0-9_]*)/([A-Za-z0-9_-]+)\\.java");

    @Test
    void everyDocumentedPublicMemberHasItsChineseRenderingOfTheCurrentEnglish() throws Exception {
        Map<String, byte[]> bundle = StarterBundle.read();
        List<String> problems = new ArrayList<>();
        Set<String> translated = new TreeSet<>();
        for (var file : bundle.entrySet()) {
            Matcher source = SOURCE.matcher(file.getKey());
            if (!source.matches()) {
                continue;
            }
            String exercise = source.group(1);
            String md = file.getKey().replace(".java", ".zh-CN.md");
            byte[] chinese = bundle.get(md);
            if (NOT_YET.contains(exercise)) {
                assertTrue(chinese == null, md + " exists: take " + exercise + " out of NOT_YET, and translate the rest of it");
                continue;
            }
            translated.add(exercise);
            Map<String, String> english = documented(new String(file.getValue(), StandardCharsets.UTF_8));
            if (english.isEmpty()) {
                continue;
            }
            if (chinese == null) {
                problems.add(md + " is missing; its sections: " + String.join(", ", markers(english).values()));
                continue;
            }
            problems.addAll(compare(md, english, new String(chinese, StandardCharsets.UTF_8)));
        }
        assertTrue(translated.containsAll(Set.of("states", "scheduling")), translated::toString);
        assertEquals(List.of(), problems, () -> String.join("\n\n", problems));
    }

    /** What is wrong with {@code chinese} as the rendering of {@code english} (member to Javadoc). */
    static List<String> compare(String md, Map<String, String> english, String chinese) {
        List<String> problems = new ArrayList<>();
        Map<String, String> expected = markers(english);
        Map<String, String> found = new LinkedHashMap<>();
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher m = MARKER.matcher(chinese);
        int last = -1;
        String lastKey = null;
        while (m.find()) {
            if (lastKey != null) {
                sections.put(lastKey, chinese.substring(last, m.start()));
            }
            found.put(m.group(1), m.group(2));
            lastKey = m.group(1);
            last = m.end();
        }
        if (lastKey != null) {
            sections.put(lastKey, chinese.substring(last));
        }
        for (var entry : english.entrySet()) {
            String key = entry.getKey();
            String hash = found.get(key);
            if (hash == null) {
                problems.add(md + ": no section for " + key + "; add " + expected.get(key) + " and render:\n"
                        + entry.getValue());
            } else if (!hash.equals(hash(entry.getValue()))) {
                problems.add(md + ": the English of " + key + " changed since it was rendered; render it again"
                        + " and mark it " + expected.get(key) + ":\n" + entry.getValue());
            } else if (sections.get(key).codePoints().filter(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HAN).count() < 2) {
                problems.add(md + ": the section of " + key + " holds no Chinese");
            }
        }
        for (String key : found.keySet()) {
            if (!english.containsKey(key)) {
                problems.add(md + ": a section for " + key + ", which has no Javadoc (or no longer exists)");
            }
        }
        return problems;
    }

    private static Map<String, String> markers(Map<String, String> english) {
        Map<String, String> markers = new LinkedHashMap<>();
        english.forEach((key, doc) -> markers.put(key, "<!-- spec: " + key + " en:" + hash(doc) + " -->"));
        return markers;
    }

    /** The first 8 hex digits of the SHA-256 of a Javadoc, its whitespace collapsed. */
    static String hash(String doc) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(doc.strip().replaceAll("\\s+", " ").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Javadoc of a source file's documented public API, by member: {@code package} (a
     * package-info), {@code Type}, {@code Type.Nested}, {@code Type#method(Param, Param)} (the
     * parameters' types as written, without type arguments), {@code Type#Type(Param)} for a
     * constructor, {@code Type#FIELD} for a field or an enum constant.
     */
    static Map<String, String> documented(String code) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Source.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(file));
        DocTrees trees = DocTrees.instance(task);
        Map<String, String> docs = new TreeMap<>();
        for (CompilationUnitTree unit : task.parse()) {
            if (unit.getPackage() != null && unit.getTypeDecls().isEmpty()) {
                String doc = trees.getDocComment(new TreePath(new TreePath(unit), unit.getPackage()));
                if (doc != null) {
                    docs.put("package", doc);
                }
            }
            new TreePathScanner<Void, String>() {
                @Override
                public Void visitClass(ClassTree type, String outer) {
                    if (!shown(type.getModifiers().getFlags(), outer)) {
                        return null;
                    }
                    String name = outer == null ? type.getSimpleName().toString() : outer + "." + type.getSimpleName();
                    put(name);
                    for (Tree member : type.getMembers()) {
                        scan(member, name);
                    }
                    return null;
                }

                @Override
                public Void visitMethod(MethodTree method, String owner) {
                    boolean inInterface = getCurrentPath().getParentPath().getLeaf().getKind() == Tree.Kind.INTERFACE;
                    if (method.getModifiers().getFlags().contains(Modifier.PUBLIC) || inInterface
                            && !method.getModifiers().getFlags().contains(Modifier.PRIVATE)) {
                        String name = method.getName().contentEquals("<init>")
                                ? owner.substring(owner.lastIndexOf('.') + 1) : method.getName().toString();
                        put(owner + "#" + name + "(" + method.getParameters().stream()
                                .map(p -> p.getType().toString().replaceAll("<.*>", ""))
                                .collect(Collectors.joining(", ")) + ")");
                    }
                    return null;
                }

                @Override
                public Void visitVariable(VariableTree field, String owner) {
                    boolean constant = getCurrentPath().getParentPath().getLeaf().getKind() == Tree.Kind.ENUM
                            && field.getModifiers().getFlags().isEmpty();
                    boolean inInterface = getCurrentPath().getParentPath().getLeaf().getKind() == Tree.Kind.INTERFACE;
                    if (constant || inInterface || field.getModifiers().getFlags().contains(Modifier.PUBLIC)) {
                        put(owner + "#" + field.getName());
                    }
                    return null;
                }

                private void put(String key) {
                    String doc = trees.getDocComment(getCurrentPath());
                    if (doc != null && !doc.isBlank()) {
                        docs.put(key, doc);
                    }
                }

                private boolean shown(Set<Modifier> flags, String outer) {
                    Tree.Kind parent = getCurrentPath().getParentPath().getLeaf().getKind();
                    return flags.contains(Modifier.PUBLIC) || outer != null && parent == Tree.Kind.INTERFACE;
                }
            }.scan(new TreePath(unit), null);
        }
        return docs;
    }

    @Test
    void aSectionThatIsMissingStaleUnknownOrNotChineseIsNamed() throws IOException {
        Map<String, String> english = documented("""
                package conclab.x;
                /** A thing. */
                public final class Thing {
                    /** Makes one. @param n how many */
                    public Thing(int n) { }
                    /** Runs it. */
                    public static java.util.List<String> run(java.util.List<Job> jobs, String... rest) { return null; }
                    /** A constant. */
                    public static final int MAX = 3;
                    /** Kept inside. */
                    void hidden() { }
                    public void undocumented() { }
                    /** Nested. */
                    public enum Kind {
                        /** The first. */
                        ONE,
                        TWO
                    }
                }
                """);
        assertEquals(Set.of("Thing", "Thing#Thing(int)", "Thing#run(java.util.List, String[])", "Thing#MAX",
                "Thing.Kind", "Thing.Kind#ONE"), english.keySet());
        String good = english.keySet().stream().map(k -> "<!-- spec: " + k + " en:" + hash(english.get(k))
                + " -->\n东西的说明。\n").collect(Collectors.joining());
        assertEquals(List.of(), compare("T.zh-CN.md", english, good));
        String bad = good.replace("<!-- spec: Thing#MAX en:" + hash(english.get("Thing#MAX")) + " -->", "")
                .replace("en:" + hash(english.get("Thing")), "en:00000000")
                .replace("<!-- spec: Thing.Kind#ONE en:" + hash(english.get("Thing.Kind#ONE")) + " -->\n东西的说明。",
                        "<!-- spec: Thing.Kind#ONE en:" + hash(english.get("Thing.Kind#ONE")) + " -->\nThe first.")
                + "<!-- spec: Thing#gone() en:12345678 -->\n没了。\n";
        List<String> problems = compare("T.zh-CN.md", english, bad);
        assertEquals(4, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("T.zh-CN.md: the English of Thing changed"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("T.zh-CN.md: no section for Thing#MAX; add <!-- spec: Thing#MAX en:")));
        assertTrue(problems.stream().anyMatch(p -> p.equals("T.zh-CN.md: the section of Thing.Kind#ONE holds no Chinese")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("T.zh-CN.md: a section for Thing#gone()")));
        assertEquals(Map.of("package", "The package. "), documented("/** The package. */\npackage conclab.x;\n"));
    }
}
