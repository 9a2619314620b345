package org.bipm.kcdb.submission.domain.units;

import java.util.List;
import javax.measure.Unit;

/**
 * A unit as written and as read: the JSR 385 unit (null for a logarithmic unit such as dB, which has no linear
 * conversion), and the SI Reference Point IRIs of the units and prefixes it is made of.
 */
public record UnitReading(String symbol, Unit<?> unit, boolean logarithmic, List<String> siReferencePoint) {

    public UnitReading {
        siReferencePoint = List.copyOf(siReferencePoint);
    }

    /** Logarithmic units are ratios (a level in dB, an attenuation in Np): they fit dimensionless quantities. */
    public boolean dimensionless() {
        return logarithmic || CmcUnits.dimensionless(unit);
    }
}
