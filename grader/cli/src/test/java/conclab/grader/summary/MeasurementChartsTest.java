package conclab.grader.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeasurementChartsTest {

    @Test
    void readsIntervals() {
        assertEquals(List.of(new Charts.Interval("1 lived", 0, 427), new Charts.Interval("parent went on", 0, 1301)),
                MeasurementCharts.intervals("1 lived:0-427;parent went on:0-1301"));
    }

    @Test
    void readsAGanttChartPerCpu() {
        assertEquals(List.of(List.of(new Charts.Segment("A", false, 0, 4), new Charts.Segment(null, false, 4, 5)),
                        List.of(new Charts.Segment("B", true, 0, 1))),
                MeasurementCharts.gantt("A 0-4, - 4-5 | ~B 0-1"));
    }

    @Test
    void leavesOutWhatDoesNotParse() {
        assertEquals(List.of(new Charts.Interval("ok", 1, 2)), MeasurementCharts.intervals("garbage;ok:1-2;x:1-;:"));
        assertEquals(List.of(List.of(new Charts.Segment("A", false, 0, 1))),
                MeasurementCharts.gantt("A 0-1, nonsense, B x-y | ... | "));
        assertEquals(List.of(), MeasurementCharts.gantt(""));
    }

    @Test
    void drawsAtMostSoMuch() {
        String many = "A 0-1, ".repeat(MeasurementCharts.MOST + 50);
        assertEquals(MeasurementCharts.MOST, MeasurementCharts.gantt(many).get(0).size());
    }

    @Test
    void pairsAMeasurementWithItsBound() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("wentOnMs", "1159");
        m.put("wentOnBoundMs", "3465");
        m.put("sumOfLivesMs", "3065");
        m.put("closeNoticedMs", ">1500");
        m.put("closeNoticedBoundMs", "1500");
        Map<String, long[]> pairs = MeasurementCharts.bounded(m);
        assertEquals(List.of("wentOnMs"), List.copyOf(pairs.keySet()));
        assertEquals(3465, pairs.get("wentOnMs")[1]);
    }
}
