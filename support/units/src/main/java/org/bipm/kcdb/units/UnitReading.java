package org.bipm.kcdb.units;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.measure.Dimension;
import javax.measure.IncommensurableException;
import javax.measure.UnconvertibleException;
import javax.measure.Unit;
import javax.measure.UnitConverter;
import tech.units.indriya.AbstractUnit;

/**
 * A unit as written and as read: the JSR 385 unit (null for a logarithmic unit such as dB, which has no linear
 * conversion), the SI Reference Point IRIs of the units and prefixes it is made of, its own SI Reference Point IRI
 * ({@code mV} → {@code …/SI/units/millivolt}) and its D-SI name ({@code \milli\volt}); the last two are null where
 * the SI Reference Point has no entry for a part of it (%, ppm).
 */
public record UnitReading(String symbol, Unit<?> unit, boolean logarithmic, List<String> siReferencePoint,
                          String iri, String dsi) {

    /** How the KCDB writes the unit of a dimensionless base-unit range. */
    public static final String DIMENSION_ONE = "dimension 1";

    /**
     * How many units' conversions to their system unit, and dimensions, are kept. Indriya works both out again at every
     * call (a product unit's elements multiplied and raised anew), which was a third of what a single submit allocated
     * (its relative-uncertainty check, issue 15 item 7); both are pure functions of the unit, and a CMC is written in a
     * few hundred units. Past this many, they are worked out at each call as before.
     */
    static final int KEPT = 4096;
    private static final Map<Unit<?>, UnitConverter> TO_SI = new ConcurrentHashMap<>();
    private static final Map<Unit<?>, Dimension> DIMENSIONS = new ConcurrentHashMap<>();

    public UnitReading {
        siReferencePoint = List.copyOf(siReferencePoint);
    }

    /**
     * Where the SI Reference Point has no entry for the unit ({@code %}, {@code ppm}, {@code bar}, {@code mmHg}): the
     * unit as a factor times the coherent SI unit it is a multiple of, that unit's IRI included (0.01 ×
     * {@code …/units/one}, 100 000 × {@code …/units/pascal}). Empty where the unit has an IRI of its own, is
     * logarithmic, converts with an offset, or names the KCDB's placeholder X (no SI unit at all).
     */
    public Optional<SiReferencePoint.Multiple> multiple() {
        if (iri != null || logarithmic || SiReferencePoint.placeholder(UnitReader.normalise(symbol))
                || !toSi().isLinear()) {
            return Optional.empty();
        }
        String coherent = dimensionless() ? SiReferencePoint.ONE
                : UnitReader.find(UnitReader.format(unit.getSystemUnit())).map(UnitReading::iri).orElse(null);
        return coherent == null ? Optional.empty()
                : Optional.of(new SiReferencePoint.Multiple(toBaseUnit(1.0), coherent));
    }

    /** Logarithmic units are ratios (a level in dB, an attenuation in Np): they fit dimensionless quantities. */
    public boolean dimensionless() {
        return logarithmic || dimensionOf(unit).equals(dimensionOf(AbstractUnit.ONE));
    }

    /** Same dimension: a voltage range in mV fits a quantity measured in V, not one in A. */
    public boolean sameDimension(Unit<?> other) {
        return !logarithmic && dimensionOf(unit).equals(dimensionOf(other));
    }

    /** The dimension of the unit's system unit (V for mV: electric potential), worked out once per unit. */
    public static Dimension dimensionOf(Unit<?> unit) {
        return kept(DIMENSIONS, unit, u -> u.getSystemUnit().getDimension());
    }

    public boolean sameDimension(UnitReading other) {
        return !other.logarithmic && sameDimension(other.unit);
    }

    /** The coherent SI unit the KCDB calls the base unit: V for mV, "dimension 1" for µg/kg, K for °C. */
    public String baseUnit() {
        requireLinear();
        return dimensionless() ? DIMENSION_ONE : UnitReader.format(unit.getSystemUnit());
    }

    /** A value in this unit as a value in the base unit: 20 °C is 293.15 K. */
    public Double toBaseUnit(Double value) {
        // the Number overload converts exactly (rational factors) before rounding to a double
        return value == null ? null : toSi().convert((Number) value).doubleValue();
    }

    /** A difference (an uncertainty) in this unit in the base unit, without the unit's offset: 0.1 °C is 0.1 K. */
    public Double differenceToBaseUnit(Double value) {
        return value == null ? null
                : Math.abs(toSi().convert((Number) value).doubleValue() - toSi().convert(0.0));
    }

    /**
     * A value and its standard uncertainty in another unit of the same dimension; the uncertainty is converted as a
     * difference so that an offset such as °C → K applies to the value only.
     */
    public double[] convert(double value, double uncertainty, UnitReading target) {
        requireLinear();
        target.requireLinear();
        UnitConverter converter;
        try {
            converter = unit.getConverterToAny(target.unit);
        } catch (IncommensurableException | UnconvertibleException e) {
            throw new IncompatibleUnits(symbol, target.symbol);
        }
        return new double[] {converter.convert(value), difference(converter, uncertainty)};
    }

    /** The conversion to the unit's system unit, worked out once per unit (an immutable converter). */
    private UnitConverter toSi() {
        requireLinear();
        return kept(TO_SI, unit, u -> {
            try {
                return u.getConverterToAny(u.getSystemUnit());
            } catch (IncommensurableException | UnconvertibleException e) {
                throw new IllegalStateException("A unit always converts to its own system unit", e);
            }
        });
    }

    private static <V> V kept(Map<Unit<?>, V> kept, Unit<?> unit, Function<Unit<?>, V> workedOut) {
        V value = kept.get(unit);
        if (value == null) {
            value = workedOut.apply(unit);
            if (kept.size() < KEPT) {
                kept.putIfAbsent(unit, value);
            }
        }
        return value;
    }

    private void requireLinear() {
        if (logarithmic) {
            throw new IncompatibleUnits(symbol, "a linear unit");
        }
    }

    private static double difference(UnitConverter converter, double value) {
        return Math.abs(converter.convert(value) - converter.convert(0.0));
    }
}
