package conclab.grader.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private static PlannedTest test(String id) {
        String exercise = id.substring("conclab.".length(), id.indexOf('.', "conclab.".length()));
        return new PlannedTest(id, "[" + id + "]", id, exercise, 1, null, "visible", 10_000);
    }

    private static final List<PlannedTest> SUITE = List.of(
            test("conclab.udp.UdpClientTest#a"), test("conclab.udp.UdpClientTest#b"),
            test("conclab.udp.UdpClientHiddenTest#c"),
            test("conclab.ipc.ProcessQueueTest#d"), test("conclab.ipc.ProcessQueueHiddenTest#e"),
            test("conclab.states.MachineTest#f"));

    private static List<List<String>> drain(WorkQueue work) {
        List<List<String>> pieces = new java.util.ArrayList<>();
        for (Optional<List<PlannedTest>> piece; (piece = work.take(t -> true)).isPresent(); ) {
            pieces.add(piece.get().stream().map(PlannedTest::id).toList());
        }
        return pieces;
    }

    @Test
    void handsOutAClassAtATimeTheLongestExerciseFirstAndTheSuitesOrderWithinIt() {
        // ipc is expected to take longest, then udp; within udp its public class comes first,
        // though its hidden one is expected to take longer
        Map<String, Long> expected = Map.of("conclab.udp.UdpClientTest#a", 10L, "conclab.udp.UdpClientHiddenTest#c", 300L,
                "conclab.ipc.ProcessQueueTest#d", 200L, "conclab.ipc.ProcessQueueHiddenTest#e", 200L);
        WorkQueue work = new WorkQueue();
        work.add(SUITE, t -> expected.getOrDefault(t.id(), 0L));

        assertEquals(5, work.pieces());
        assertEquals(6, work.size());
        assertEquals(List.of(List.of("conclab.ipc.ProcessQueueTest#d"), List.of("conclab.ipc.ProcessQueueHiddenTest#e"),
                List.of("conclab.udp.UdpClientTest#a", "conclab.udp.UdpClientTest#b"),
                List.of("conclab.udp.UdpClientHiddenTest#c"), List.of("conclab.states.MachineTest#f")), drain(work));
    }

    @Test
    void withoutTheReferencesTimesKeepsTheSuitesOrder() {
        WorkQueue work = new WorkQueue();
        work.add(SUITE, t -> 0);

        assertEquals(List.of(List.of("conclab.udp.UdpClientTest#a", "conclab.udp.UdpClientTest#b"),
                List.of("conclab.udp.UdpClientHiddenTest#c"), List.of("conclab.ipc.ProcessQueueTest#d"),
                List.of("conclab.ipc.ProcessQueueHiddenTest#e"), List.of("conclab.states.MachineTest#f")), drain(work));
    }

    @Test
    void leavesOutTestsThatNoLongerWantAResultAndPiecesLeftEmptyAndPutsARestBackFirst() {
        // a test given up meanwhile (its exercise hung too often) is handed to no test JVM
        Set<String> closed = Set.of("conclab.udp.UdpClientTest#a", "conclab.udp.UdpClientHiddenTest#c");
        WorkQueue work = new WorkQueue();
        work.add(SUITE, t -> 0);

        assertEquals("conclab.udp.UdpClientTest#b", work.next(t -> !closed.contains(t.id())).orElseThrow().id());
        assertEquals(List.of("conclab.udp.UdpClientTest#b"),
                work.take(t -> !closed.contains(t.id())).orElseThrow().stream().map(PlannedTest::id).toList());
        assertEquals(List.of("conclab.ipc.ProcessQueueTest#d"),
                work.take(t -> !closed.contains(t.id())).orElseThrow().stream().map(PlannedTest::id).toList());
        work.putBack(List.of(test("conclab.udp.UdpClientTest#b")));
        assertEquals(List.of("conclab.udp.UdpClientTest#b"),
                work.take(t -> true).orElseThrow().stream().map(PlannedTest::id).toList());
        work.clear();
        assertEquals(Optional.empty(), work.take(t -> true));
        assertEquals(Optional.empty(), work.next(t -> true));
    }
}
