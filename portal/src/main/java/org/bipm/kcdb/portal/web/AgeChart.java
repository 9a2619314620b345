package org.bipm.kcdb.portal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's chart of ages, laid out on the server: one bar per age bucket of the review service's
 * {@code ageHistogram}, scaled to the fullest bucket, so that the page draws it as inline SVG without any script.
 *
 * @param bars    the buckets left to right
 * @param most    the largest count (the top of the scale; 1 when every bucket is empty)
 * @param width   the drawing's width in SVG units
 * @param height  the drawing's height in SVG units, the axis labels included
 */
record AgeChart(List<Bar> bars, long most, int width, int height) {

    static final int BAR_WIDTH = 56;
    static final int GAP = 12;
    static final int PLOT_HEIGHT = 160;
    static final int TOP = 20;

    /**
     * One bucket: its label (days, "84+" for the open one), its count, and where the bar stands.
     *
     * @param x      the bar's left edge
     * @param y      the bar's top
     * @param height the bar's height (0 for an empty bucket)
     */
    record Bar(String label, long cases, int x, int y, int height) {

        public int labelX() {
            return x + BAR_WIDTH / 2;
        }
    }

    /** Null when the API gave no histogram (an older review service): the page then shows no chart. */
    static AgeChart of(Object histogram) {
        if (!(histogram instanceof List<?> buckets) || buckets.isEmpty()) {
            return null;
        }
        long most = 1;
        for (Object bucket : buckets) {
            most = Math.max(most, count(bucket));
        }
        List<Bar> bars = new ArrayList<>();
        int x = GAP;
        for (Object bucket : buckets) {
            long cases = count(bucket);
            int height = (int) Math.round((double) PLOT_HEIGHT * cases / most);
            bars.add(new Bar(label(bucket), cases, x, TOP + PLOT_HEIGHT - height, height));
            x += BAR_WIDTH + GAP;
        }
        return new AgeChart(bars, most, x, TOP + PLOT_HEIGHT + 40);
    }

    /** The baseline's y. */
    public int baseline() {
        return TOP + PLOT_HEIGHT;
    }

    public int barWidth() {
        return BAR_WIDTH;
    }

    private static long count(Object bucket) {
        return bucket instanceof Map<?, ?> b && b.get("cases") instanceof Number n ? n.longValue() : 0;
    }

    private static String label(Object bucket) {
        if (!(bucket instanceof Map<?, ?> b)) {
            return "";
        }
        Object from = b.get("fromDays");
        Object to = b.get("toDays");
        return to == null ? from + "+" : from + "–" + to;
    }
}
