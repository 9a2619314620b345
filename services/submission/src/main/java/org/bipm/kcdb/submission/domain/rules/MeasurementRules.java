package org.bipm.kcdb.submission.domain.rules;

import java.util.Set;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.submission.domain.units.CmcUnits;
import org.bipm.kcdb.submission.domain.units.QuantityKinds;
import org.bipm.kcdb.units.Magnitudes;
import org.bipm.kcdb.units.UnitReading;
import org.bipm.kcdb.units.UnknownUnit;

/**
 * The numbers of a CMC: the measurand range and its unit, the expanded uncertainty (a range, an equation or a
 * table), absolute or relative, k and the level of confidence, and the same for the CRM block of chemistry CMCs.
 */
final class MeasurementRules {

    static final Set<String> UNCERTAINTY_MODES = Set.of("Absolute", "Relative");
    /** A relative expanded uncertainty above 100 % or below 1e-19 is a typing error, not a capability. */
    static final double LARGEST_RELATIVE = 1.0;
    static final double SMALLEST_RELATIVE = 1e-19;
    static final int LARGEST_TABLE = 1000;

    private MeasurementRules() {
    }

    static void check(CmcContent cmc, boolean complete, Violations v) {
        UnitReading measurand = range(cmc.cmc(), "cmc", complete, v);
        if (measurand != null && cmc.quantityValue() != null && !QuantityKinds.fits(cmc.quantityValue(), measurand)) {
            v.add("cmc.unit", "'" + cmc.cmc().unit() + "' is not a unit of " + cmc.quantityValue());
        }
        uncertainty(cmc.cmcUncertainty(), cmc.uncertaintyEquation(), cmc.uncertaintyTable(), cmc.uncertaintyMode(),
                measurand, "", "cmcUncertainty", complete, v);
        if (complete) {
            v.required(cmc.coverageFactor(), "coverageFactor");
            v.required(cmc.confidenceLevel(), "confidenceLevel");
        }
        CoverageRules.check(cmc.coverageFactor(), cmc.confidenceLevel(), "", v);
        if (cmc.uncertaintyConvention() != null && !Set.of("One", "Two").contains(cmc.uncertaintyConvention())) {
            v.add("uncertaintyConvention", "must be One or Two");
        }
        CmcContent.Crm crm = cmc.crm();
        if (crm != null) {
            UnitReading value = range(crm.value(), "crm.value", complete, v);
            uncertainty(crm.uncertainty(), crm.uncertaintyEquation(), crm.uncertaintyTable(), crm.uncertaintyMode(),
                    value, "crm.", "crm.uncertainty", complete, v);
            if (complete) {
                v.required(crm.coverageFactor(), "crm.coverageFactor");
                v.required(crm.confidenceLevel(), "crm.confidenceLevel");
            }
            CoverageRules.check(crm.coverageFactor(), crm.confidenceLevel(), "crm.", v);
        }
    }

    /** A range with optional limits (a single value has one); lower ≤ upper. Returns its unit once read. */
    private static UnitReading range(Range range, String field, boolean complete, Violations v) {
        if (range == null) {
            if (complete) {
                v.add(field, "is required");
            }
            return null;
        }
        if (complete && range.lowerLimit() == null && range.upperLimit() == null) {
            v.add(field, "needs a lower limit, an upper limit or both");
        }
        finite(range.lowerLimit(), field + ".lowerLimit", v);
        finite(range.upperLimit(), field + ".upperLimit", v);
        if (range.lowerLimit() != null && range.upperLimit() != null && range.lowerLimit() > range.upperLimit()) {
            v.add(field + ".lowerLimit", "must not exceed the upper limit " + range.upperLimit());
        }
        return unit(range.unit(), field + ".unit", complete, v);
    }

    private static UnitReading unit(String unit, String field, boolean complete, Violations v) {
        if (unit == null || unit.isBlank()) {
            if (complete) {
                v.add(field, "is required");
            }
            return null;
        }
        try {
            return CmcUnits.read(unit);
        } catch (UnknownUnit e) {
            v.add(field, e.getMessage());
            return null;
        }
    }

    /**
     * The uncertainty's limits are positional (the one at the lower end of the range, the one at the upper end), so
     * they need not be ordered; each must be positive. Relative ones are dimensionless and plausible; absolute ones
     * are in a unit of the measurand's dimension.
     */
    private static void uncertainty(Range range, CmcContent.UncertaintyEquation equation,
                                    CmcContent.UncertaintyTable table, String mode, UnitReading measurand,
                                    String prefix, String field, boolean complete, Violations v) {
        String modeField = prefix.isEmpty() ? "uncertaintyMode" : prefix + "uncertaintyMode";
        if (complete && range == null && equation == null && table == null) {
            v.add(field, "give the expanded uncertainty as a range, an equation or a table");
        }
        if (complete) {
            v.required(mode, modeField);
        }
        if (mode != null && !UNCERTAINTY_MODES.contains(mode)) {
            v.add(modeField, "must be Absolute or Relative");
        }
        String equationField = prefix.isEmpty() ? "uncertaintyEquation" : prefix + "uncertaintyEquation";
        if (equation != null && (equation.equation() == null || equation.equation().isBlank())) {
            v.add(equationField + ".equation", "is required when an uncertainty equation is given");
        }
        String tableField = prefix.isEmpty() ? "uncertaintyTable" : prefix + "uncertaintyTable";
        if (table != null) {
            size(table.tableRows(), tableField + ".tableRows", v);
            size(table.tableCols(), tableField + ".tableCols", v);
            if (table.tableContents() == null || table.tableContents().isBlank()) {
                v.add(tableField + ".tableContents", "is required when an uncertainty table is given");
            }
        }
        if (range == null) {
            return;
        }
        if (complete && range.lowerLimit() == null && range.upperLimit() == null) {
            v.add(field, "needs at least one value");
        }
        finite(range.lowerLimit(), field + ".lowerLimit", v);
        finite(range.upperLimit(), field + ".upperLimit", v);
        positive(range.lowerLimit(), field + ".lowerLimit", v);
        positive(range.upperLimit(), field + ".upperLimit", v);
        UnitReading unit = unit(range.unit(), field + ".unit", complete, v);
        if (unit == null || v.has(modeField) || mode == null) {
            return;
        }
        if ("Relative".equals(mode)) {
            relative(range, unit, field, v);
        } else if (measurand != null && !sameKind(measurand, unit)) {
            v.add(field + ".unit", "an absolute uncertainty is in a unit of the measurand ('" + measurand.symbol()
                    + "'), not '" + unit.symbol() + "'");
        }
    }

    private static void relative(Range range, UnitReading unit, String field, Violations v) {
        if (!unit.dimensionless() || unit.logarithmic()) {
            v.add(field + ".unit", "a relative uncertainty is a ratio (%, µV/V, mg/kg, 1), not '" + unit.symbol() + "'");
            return;
        }
        for (Double limit : new Double[] {range.lowerLimit(), range.upperLimit()}) {
            if (limit == null || !(limit > 0)) {
                continue;
            }
            if (!Double.isFinite(limit)) {
                continue;
            }
            double ratio = unit.differenceToBaseUnit(limit);
            if (ratio > LARGEST_RELATIVE || ratio < SMALLEST_RELATIVE) {
                v.add(field, "a relative uncertainty of " + limit + " " + unit.symbol()
                        + " is outside the plausible range (1e-19 to 100 %)");
                return;
            }
        }
    }

    private static boolean sameKind(UnitReading a, UnitReading b) {
        if (a.logarithmic() || b.logarithmic()) {
            return a.dimensionless() && b.dimensionless();
        }
        return CmcUnits.sameDimension(a.unit(), b.unit());
    }

    private static void finite(Double value, String field, Violations v) {
        if (value != null && !Magnitudes.sane(value)) {
            v.add(field, Magnitudes.describe());
        }
    }

    private static void positive(Double value, String field, Violations v) {
        if (value != null && !(value > 0)) {
            v.add(field, "must be greater than zero");
        }
    }

    private static void size(Integer value, String field, Violations v) {
        if (value == null || value < 1 || value > LARGEST_TABLE) {
            v.add(field, "must be between 1 and " + LARGEST_TABLE);
        }
    }
}
