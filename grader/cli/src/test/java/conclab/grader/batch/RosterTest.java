package conclab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.Report.StudentRef;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("roster.csv"), text, StandardCharsets.UTF_8);
    }

    private String problem(String text) throws IOException {
        Path file = file(text);
        return assertThrows(Roster.InvalidRoster.class, () -> Roster.read(file)).getMessage();
    }

    @Test
    void mapsFoldersToStudentsWithChineseNamesQuotesAndCrlf() throws Exception {
        Roster roster = Roster.read(file("\uFEFFfolder,id,name\r\n"
                + "alice,2026001,Alice Martin\r\n"
                + "\r\n"
                + "zhang-san, 2026002 ,张三\r\n"
                + "\"lee, j\",2026003,\"Lee, \"\"JJ\"\" Jae\"\r\n"
                + "nameless,2026004,\r\n"));
        assertEquals(List.of("alice", "zhang-san", "lee, j", "nameless"), List.copyOf(roster.students().keySet()));
        assertEquals(new StudentRef("2026002", "张三"), roster.student("zhang-san"));
        assertEquals(new StudentRef("2026003", "Lee, \"JJ\" Jae"), roster.student("lee, j"));
        assertEquals(new StudentRef("2026004", null), roster.student("nameless"));
        assertNull(roster.student("bob"));
    }

    @Test
    void headerIsRequired() throws IOException {
        assertEquals("roster " + dir.resolve("roster.csv") + " line 1: the header must be folder,id,name, not 'alice,1,Alice'",
                problem("alice,1,Alice\n"));
        assertTrue(problem("").contains("is empty"));
    }

    @Test
    void badLinesAreNamedByTheirNumber() throws IOException {
        assertTrue(problem("folder,id,name\nalice,1,Alice\nbob,2\n").contains("line 3: has 2 fields, expected 3"));
        assertTrue(problem("folder,id,name\nalice,1,Alice,extra\n").contains("line 2: has 4 fields"));
        assertTrue(problem("folder,id,name\n,1,Alice\n").contains("line 2: the folder is empty"));
        assertTrue(problem("folder,id,name\nalice,,Alice\n").contains("line 2: the id is empty"));
        assertTrue(problem("folder,id,name\nalice,1,Alice\nalice,2,Al\n").contains("line 3: folder 'alice' is already on line 2"));
        assertTrue(problem("folder,id,name\nalice,1,Alice\nbob,1,Bob\n").contains("line 3: id '1' is already on line 2"));
        assertTrue(problem("folder,id,name\nalice,1,\"Alice\n").contains("line 2: a quote is not closed"));
        assertTrue(problem("folder,id,name\nalice,1,\"Ali\"ce\n").contains("line 2: text after a closing quote"));
    }

    @Test
    void textThatIsNotUtf8IsRefusedWithTheFix() throws IOException {
        Path file = dir.resolve("gbk.csv");
        Files.write(file, "folder,id,name\nzhang,1,张三\n".getBytes(Charset.forName("GBK")));
        assertTrue(assertThrows(Roster.InvalidRoster.class, () -> Roster.read(file)).getMessage()
                .contains("is not UTF-8 text: save it as UTF-8"));
        assertTrue(assertThrows(Roster.InvalidRoster.class, () -> Roster.read(dir.resolve("none.csv"))).getMessage()
                .contains("no such file"));
    }
}
