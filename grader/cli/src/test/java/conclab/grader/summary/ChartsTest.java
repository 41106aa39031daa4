package conclab.grader.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChartsTest {

    private static int count(String svg, String regex) {
        Matcher m = Pattern.compile(regex).matcher(svg);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static double attribute(String element, String name) {
        Matcher m = Pattern.compile(name + "=\"([-0-9.]+)\"").matcher(element);
        assertTrue(m.find(), element);
        return Double.parseDouble(m.group(1));
    }

    private static List<String> rects(String svg, String css) {
        return Pattern.compile("<rect class=\"" + css + "[^>]*>").matcher(svg).results().map(r -> r.group()).toList();
    }

    @Test
    void aHistogramHasOneBarPerBinAsTallAsItsCount() {
        String svg = Charts.histogram(List.of("a", "b", "c"), new int[] {1, 0, 4});
        List<String> bars = rects(svg, "bar");
        assertEquals(3, bars.size());
        assertEquals(0, attribute(bars.get(1), "height"));
        assertEquals(4 * attribute(bars.get(0), "height"), attribute(bars.get(2), "height"), 2.5);
        assertTrue(svg.startsWith("<svg class=\"chart histogram\""));
        assertTrue(svg.endsWith("</svg>"));
    }

    @Test
    void barsAreAsLongAsTheirShareAndClamped() {
        String svg = Charts.bars("exercises", "t", List.of(new Charts.Bar("udp", 50, "50%"),
                new Charts.Bar("tcp", 250, "odd")));
        List<String> bars = rects(svg, "bar");
        assertEquals(150, attribute(bars.get(0), "width"));
        assertEquals(300, attribute(bars.get(1), "width"));
    }

    @Test
    void aTimelinePlacesEachIntervalOnOneScale() {
        String svg = Charts.timeline("t", List.of(new Charts.Interval("1 lived", 0, 500),
                new Charts.Interval("2 lived", 500, 1000)));
        List<String> rows = rects(svg, "interval");
        assertEquals(2, rows.size());
        assertEquals(attribute(rows.get(0), "x") + attribute(rows.get(0), "width"), attribute(rows.get(1), "x"), 0.2);
        assertEquals(attribute(rows.get(0), "width"), attribute(rows.get(1), "width"), 0.2);
        assertTrue(attribute(rows.get(1), "y") > attribute(rows.get(0), "y"), "one row each");
    }

    @Test
    void aGanttChartHasARowPerCpuAndARectPerSegment() {
        List<List<Charts.Segment>> cpus = MeasurementCharts.gantt("A 0-4, - 4-5 | ~B 0-1, B 1-3, C 3-5");
        String svg = Charts.gantt("g", cpus);
        assertEquals(5, count(svg, "<rect class=\"segment"));
        assertEquals(1, count(svg, "<rect class=\"segment idle"));
        assertTrue(svg.contains(">CPU0<") && svg.contains(">CPU1<"));
        List<String> segments = rects(svg, "segment");
        // A 0-4 and C 3-5 on one time scale: A is twice as long
        assertEquals(attribute(segments.get(0), "width"), 2 * attribute(segments.get(4), "width"), 0.2);
        assertTrue(segments.get(2).contains("fill=\"#bbb\""), "a switch is grey: " + segments.get(2));
    }

    @Test
    void aGaugeTurnsRedPastItsBound() {
        assertFalse(Charts.gauge(50, 100).contains("bar over"));
        assertTrue(Charts.gauge(150, 100).contains("bar over"));
    }

    @Test
    void ticksAreRoundNumbers() {
        assertEquals(1, Charts.niceStep(7));
        assertEquals(200, Charts.niceStep(1301));
        assertEquals(5, Charts.niceStep(51));
        assertEquals(1000, Charts.niceStep(10_000));
    }

    @Test
    void labelsAreEscaped() {
        String svg = Charts.gantt("g", MeasurementCharts.gantt("</svg><script>alert(1)</script> 0-3"));
        assertFalse(svg.contains("<script"), svg);
        assertEquals(1, count(svg, "</svg>"));
        String timeline = Charts.timeline("<b>", List.of(new Charts.Interval("</svg>\"x", 0, 1)));
        assertFalse(timeline.contains("<b>"));
        assertEquals(1, count(timeline, "</svg>"));
    }
}
