package conclab.grader.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Part {@code index} of {@code count} of a class: the submission folders, sorted by name, are
 * dealt out round robin, so that the i-th folder (from 0) belongs to shard {@code i mod count}.
 * Every folder is in exactly one shard and the shards differ in size by one at most. Adding or
 * removing a folder moves the folders after it to other shards, which only costs their being
 * graded again there.
 *
 * @param index from 0 to {@code count - 1}
 * @param count the number of shards, at least 1
 */
public record Shard(int index, int count) {

    /** The whole class. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist");
        }
    }

    /**
     * Reads {@code I/N}, as in {@code --shard 0/4}.
     *
     * @throws IllegalArgumentException with a message that says what is wrong and how to write it
     */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2 || !parts[0].matches("\\d{1,6}") || !parts[1].matches("\\d{1,6}")) {
            throw new IllegalArgumentException("--shard '" + text + "' is not I/N: write the shard's"
                    + " index from 0 and the number of shards, like 0/4");
        }
        int index = Integer.parseInt(parts[0]);
        int count = Integer.parseInt(parts[1]);
        if (count < 1) {
            throw new IllegalArgumentException("--shard " + text + ": the number of shards must be at least 1");
        }
        if (index >= count) {
            throw new IllegalArgumentException("--shard " + text + ": the index counts from 0, so it must be below "
                    + count + " (0/" + count + " to " + (count - 1) + "/" + count + ")");
        }
        return new Shard(index, count);
    }

    /** The names of this shard, from all the class's names already sorted. */
    public List<String> select(List<String> sortedNames) {
        List<String> mine = new ArrayList<>();
        for (int i = index; i < sortedNames.size(); i += count) {
            mine.add(sortedNames.get(i));
        }
        return mine;
    }

    /** The manifest of this shard's reports: one per shard, so shards' folders merge by copying. */
    public String manifestName() {
        return count == 1 ? ".conclab-batch.json" : ".conclab-batch-" + index + "-of-" + count + ".json";
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
