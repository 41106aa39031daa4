package conclab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {

    private static final List<String> CLASS = IntStream.range(0, 23).mapToObj(i -> String.format("s%02d", i)).toList();

    @Test
    void shardsCoverEveryFolderExactlyOnceAndDifferInSizeByOneAtMost() {
        for (int count = 1; count <= 30; count++) {
            List<String> union = new ArrayList<>();
            int smallest = Integer.MAX_VALUE;
            int largest = 0;
            for (int index = 0; index < count; index++) {
                List<String> part = new Shard(index, count).select(CLASS);
                union.addAll(part);
                smallest = Math.min(smallest, part.size());
                largest = Math.max(largest, part.size());
            }
            assertEquals(CLASS, union.stream().sorted().toList(), "shards of " + count);
            assertTrue(largest - smallest <= 1, "shards of " + count + " from " + smallest + " to " + largest);
        }
    }

    @Test
    void roundRobinOverSortedNames() {
        assertEquals(List.of("s01", "s04", "s07", "s10", "s13", "s16", "s19", "s22"), new Shard(1, 3).select(CLASS));
        assertEquals(CLASS, Shard.ALL.select(CLASS));
    }

    @Test
    void parsesIndexOverCount() {
        assertEquals(new Shard(2, 4), Shard.parse("2/4"));
        assertEquals(new Shard(0, 1), Shard.parse(" 0/1 "));
    }

    @Test
    void refusesWhatIsNotAShardWithTheFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("4/4")).getMessage()
                .contains("index counts from 0, so it must be below 4 (0/4 to 3/4)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("0/0")).getMessage()
                .contains("at least 1"));
        for (String bad : List.of("1", "1/2/3", "-1/2", "a/b", "1/", "/2", "1.5/2", "")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad)).getMessage()
                    .contains("is not I/N"), bad);
        }
    }

    @Test
    void eachShardHasItsOwnManifest() {
        assertEquals(".conclab-batch.json", Shard.ALL.manifestName());
        assertEquals(".conclab-batch-1-of-3.json", new Shard(1, 3).manifestName());
    }
}
