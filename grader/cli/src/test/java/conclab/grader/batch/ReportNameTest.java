package conclab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportNameTest {

    @Test
    void aSafeNameIsKept() {
        assertEquals("alice.json", ReportName.of("alice"));
        assertEquals("zhang-san_2.json", ReportName.of("zhang-san_2"));
        assertEquals("张三.json", ReportName.of("张三"));
    }

    @Test
    void anUnsafeNameIsMadeSafeAndStaysUnique() {
        String spaced = ReportName.of("a b");
        String underscored = ReportName.of("a_b");
        assertTrue(spaced.matches("a_b-[0-9a-f]{8}\\.json"), spaced);
        assertNotEquals(underscored, spaced);
        assertTrue(ReportName.of("../x").matches("_._x-[0-9a-f]{8}\\.json"), ReportName.of("../x"));
        assertTrue(ReportName.of(".conclab-batch").startsWith("_conclab-batch-"), "never a hidden file or a manifest");
        assertTrue(ReportName.of("x".repeat(300)).length() <= 100 + 14);
        assertEquals(ReportName.of("a b"), spaced, "the same name every time, on every shard");
    }
}
