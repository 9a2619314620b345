package org.bipm.kcdb.submission.domain.units;

import org.bipm.kcdb.units.UnknownUnit;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Range;

/**
 * Derives what the KCDB publishes next to the ranges as written: {@code cmcBaseUnit} and
 * {@code cmcUncertaintyBaseUnit} in coherent SI units. A unit that does not read leaves them empty; validation says
 * why.
 */
public final class BaseUnits {

    private BaseUnits() {
    }

    public static CmcContent derive(CmcContent c) {
        if (c == null) {
            return null;
        }
        Range base = convert(c.cmc(), false);
        Range uncertaintyBase = convert(c.cmcUncertainty(), true);
        return new CmcContent(c.domainCode(), c.metrologyAreaLabel(), c.branchLabel(), c.serviceLabel(),
                c.subServiceLabel(), c.individualServiceLabel(), c.quantityValue(), c.instrument(),
                c.instrumentMethod(), c.parameters(), c.cmc(), c.cmcUncertainty(), base, uncertaintyBase,
                c.uncertaintyMode(), c.coverageFactor(), c.confidenceLevel(), c.traceabilitySource(), c.comments(),
                c.nmiServiceCode(), c.supportingComparisons(), c.qmsStatementRef(), c.internationalStandard(),
                c.referenceStandard(), c.uncertaintyEquation(), c.uncertaintyTable(), c.categoryLabel(),
                c.subCategoryLabel(), c.analyteValue(), c.analyteMatrix(), c.measurementTechnique(), c.mechanism(),
                c.uncertaintyConvention(), c.crm(), c.sourceValue(), c.mediumValue(), c.nuclideValue(),
                c.radiationCode(), c.radiationSpecification());
    }

    private static Range convert(Range range, boolean difference) {
        if (range == null || range.unit() == null || range.unit().isBlank()) {
            return null;
        }
        try {
            return (difference ? CmcUnits.uncertaintyToBaseUnit(range) : CmcUnits.toBaseUnit(range)).baseUnit();
        } catch (UnknownUnit | ArithmeticException | IllegalStateException e) {
            return null;
        }
    }
}
