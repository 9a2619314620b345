package org.bipm.kcdb.comparison.web;

import java.util.List;
import java.util.Locale;
import org.bipm.kcdb.comparison.domain.evaluation.DegreeOfEquivalence;

/**
 * The graph of equivalence as the KCDB draws it: one point per laboratory at dᵢ with a ±U(dᵢ) bar, around a zero
 * line for the KCRV. Laboratories that did not contribute to the KCRV are drawn hollow.
 */
final class EquivalenceGraph {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 90;

    private EquivalenceGraph() {
    }

    static String svg(String identifier, String unit, List<DegreeOfEquivalence> degrees) {
        double extent = 0;
        for (DegreeOfEquivalence d : degrees) {
            extent = Math.max(extent, Math.abs(d.d()) + d.expandedUncertainty());
        }
        extent = extent == 0 ? 1 : extent * 1.1;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double step = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, degrees.size());
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Degrees of equivalence, ").append(escape(identifier))
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("  <title>Degrees of equivalence: ").append(escape(identifier)).append("</title>\n");
        svg.append("  <text x=\"").append(WIDTH / 2).append("\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">")
                .append(escape(identifier)).append(": dᵢ and U(dᵢ)</text>\n");
        double zero = TOP + plotHeight / 2;
        svg.append(line(LEFT, zero, WIDTH - RIGHT, zero, "#888", "4 3"));
        svg.append(line(LEFT, TOP, LEFT, TOP + plotHeight, "#000", null));
        for (int tick = -2; tick <= 2; tick++) {
            double value = extent * tick / 2;
            double y = zero - plotHeight / 2 * tick / 2;
            svg.append(String.format(Locale.ROOT,
                    "  <text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.3g</text>%n", LEFT - 6, y + 4, value));
        }
        svg.append(String.format(Locale.ROOT,
                "  <text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" text-anchor=\"middle\">dᵢ / %s</text>%n",
                zero, zero, escape(unit)));
        for (int i = 0; i < degrees.size(); i++) {
            DegreeOfEquivalence d = degrees.get(i);
            double x = LEFT + step * (i + 0.5);
            double y = zero - d.d() / extent * plotHeight / 2;
            double bar = d.expandedUncertainty() / extent * plotHeight / 2;
            svg.append(String.format(Locale.ROOT, "  <g class=\"laboratory\" data-institute=\"%s\">%n",
                    escape(d.institute())));
            svg.append(line(x, y - bar, x, y + bar, "#1f4e8c", null));
            svg.append(line(x - 5, y - bar, x + 5, y - bar, "#1f4e8c", null));
            svg.append(line(x - 5, y + bar, x + 5, y + bar, "#1f4e8c", null));
            svg.append(String.format(Locale.ROOT,
                    "    <circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"#1f4e8c\"><title>%s: d = %.4g, "
                            + "U(d) = %.4g</title></circle>%n",
                    x, y, d.contributing() ? "#1f4e8c" : "#fff", escape(d.institute()), d.d(),
                    d.expandedUncertainty()));
            double labelY = TOP + plotHeight + 14;
            svg.append(String.format(Locale.ROOT,
                    "    <text x=\"%.1f\" y=\"%.1f\" transform=\"rotate(45 %.1f %.1f)\">%s</text>%n", x, labelY, x,
                    labelY, escape(d.institute())));
            svg.append("  </g>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String dash) {
        return String.format(Locale.ROOT,
                "    <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n", x1, y1, x2, y2, colour,
                dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
