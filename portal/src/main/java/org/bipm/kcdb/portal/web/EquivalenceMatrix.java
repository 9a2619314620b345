package org.bipm.kcdb.portal.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The pairwise degrees of equivalence of an evaluation laid out as a matrix, row institute i against column
 * institute j: dᵢⱼ = xᵢ − xⱼ and its expanded uncertainty U(dᵢⱼ), as the API gives them (the comparison service and
 * the public KCDB API both answer {@code pairwiseDegreesOfEquivalence}). The portal computes nothing here but the
 * ratio |dᵢⱼ|/U(dᵢⱼ) it marks: a pair the API lists in one direction only is shown in the other as −dᵢⱼ with the
 * same U, which is how dᵢⱼ is defined.
 *
 * @param institutes    the rows' and the columns' institutes, in the order of the unilateral degrees of
 *                      equivalence (then any other the pairs name)
 * @param rows          one row per institute
 * @param notEquivalent the pairs (each once, "i – j") whose |dᵢⱼ| exceeds U(dᵢⱼ): the matrix's text alternative
 * @param pairs         how many distinct pairs the matrix shows
 */
record EquivalenceMatrix(List<String> institutes, List<Row> rows, List<String> notEquivalent, int pairs) {

    /**
     * One cell: {@code self} on the diagonal; otherwise dᵢⱼ and U(dᵢⱼ) (null when the API gave none for the pair),
     * formatted to three significant digits, and whether |dᵢⱼ|/U(dᵢⱼ) &gt; 1.
     */
    record Cell(String other, boolean self, String d, String expandedUncertainty, String ratio, boolean exceeds) {
    }

    record Row(String institute, List<Cell> cells) {
    }

    /** Null when the evaluation has no pairwise degrees of equivalence: the page then shows no matrix. */
    static EquivalenceMatrix of(Map<String, Object> evaluation) {
        if (evaluation == null || !(evaluation.get("pairwiseDegreesOfEquivalence") instanceof List<?> listed)
                || listed.isEmpty()) {
            return null;
        }
        Set<String> institutes = new LinkedHashSet<>();
        if (evaluation.get("degreesOfEquivalence") instanceof List<?> unilateral) {
            for (Object d : unilateral) {
                if (d instanceof Map<?, ?> degree && degree.get("institute") != null) {
                    institutes.add(String.valueOf(degree.get("institute")));
                }
            }
        }
        Map<String, double[]> pair = new HashMap<>();
        for (Object p : listed) {
            if (!(p instanceof Map<?, ?> degree) || degree.get("institute") == null || degree.get("other") == null
                    || !(degree.get("d") instanceof Number d)) {
                continue;
            }
            String i = String.valueOf(degree.get("institute"));
            String j = String.valueOf(degree.get("other"));
            institutes.add(i);
            institutes.add(j);
            double u = degree.get("expandedUncertainty") instanceof Number n ? n.doubleValue() : Double.NaN;
            pair.put(i + "\n" + j, new double[] {d.doubleValue(), u});
            pair.putIfAbsent(j + "\n" + i, new double[] {-d.doubleValue(), u});
        }
        List<String> order = List.copyOf(institutes);
        List<Row> rows = new ArrayList<>();
        List<String> notEquivalent = new ArrayList<>();
        int pairs = 0;
        for (int a = 0; a < order.size(); a++) {
            String i = order.get(a);
            List<Cell> cells = new ArrayList<>();
            for (int b = 0; b < order.size(); b++) {
                String j = order.get(b);
                if (a == b) {
                    cells.add(new Cell(j, true, null, null, null, false));
                    continue;
                }
                double[] found = pair.get(i + "\n" + j);
                if (found == null) {
                    cells.add(new Cell(j, false, null, null, null, false));
                    continue;
                }
                boolean known = !Double.isNaN(found[1]) && found[1] > 0;
                double ratio = known ? Math.abs(found[0]) / found[1] : Double.NaN;
                boolean exceeds = known && ratio > 1;
                cells.add(new Cell(j, false, number(found[0]), Double.isNaN(found[1]) ? null : number(found[1]),
                        known ? String.format(Locale.ROOT, "%.2f", ratio) : null, exceeds));
                if (a < b) {
                    pairs++;
                    if (exceeds) {
                        notEquivalent.add(i + " – " + j);
                    }
                }
            }
            rows.add(new Row(i, cells));
        }
        return new EquivalenceMatrix(order, rows, notEquivalent, pairs);
    }

    /** Three significant digits, as the graph of equivalence labels its values. */
    static String number(double value) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        return magnitude >= 1e-3 && magnitude < 1e5
                ? new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros()
                        .toPlainString()
                : String.format(Locale.ROOT, "%.2e", value);
    }
}
