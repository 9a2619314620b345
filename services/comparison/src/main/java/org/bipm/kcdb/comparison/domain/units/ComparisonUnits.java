package org.bipm.kcdb.comparison.domain.units;

import java.util.Optional;
import javax.measure.IncommensurableException;
import javax.measure.UnconvertibleException;
import javax.measure.Unit;
import javax.measure.UnitConverter;
import javax.measure.format.MeasurementParseException;
import tech.units.indriya.AbstractUnit;
import tech.units.indriya.format.SimpleUnitFormat;

/**
 * Units as participants write them (JSR 385, Indriya), with the few that metrology reports need and Indriya lacks.
 * A result is converted to the comparison's unit before evaluation.
 */
public final class ComparisonUnits {

    private static final SimpleUnitFormat FORMAT = SimpleUnitFormat.getNewInstance();

    static {
        // Dimensionless ratios common in comparison reports; "ppm" is deprecated by the SI but still reported.
        FORMAT.label(AbstractUnit.ONE.divide(1_000_000), "ppm");
        FORMAT.label(AbstractUnit.ONE.divide(1_000_000_000), "ppb");
    }

    private ComparisonUnits() {
    }

    public static Optional<Unit<?>> parse(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FORMAT.parse(symbol.strip().replace('μ', 'µ')));
        } catch (MeasurementParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The value and standard uncertainty in the target unit. The uncertainty is converted as a difference from zero,
     * so that an offset such as °C → K applies to the value only.
     */
    public static double[] convert(double value, double standardUncertainty, String from, String to) {
        Unit<?> source = parse(from).orElseThrow(() -> new UnknownUnit(from));
        Unit<?> target = parse(to).orElseThrow(() -> new UnknownUnit(to));
        UnitConverter converter;
        try {
            converter = source.getConverterToAny(target);
        } catch (IncommensurableException | UnconvertibleException e) {
            throw new IncompatibleUnit(from, to);
        }
        double converted = converter.convert(value);
        double uncertainty = Math.abs(converter.convert(standardUncertainty) - converter.convert(0.0));
        return new double[] {converted, uncertainty};
    }

    /** A unit symbol that cannot be read. */
    public static class UnknownUnit extends RuntimeException {
        public UnknownUnit(String symbol) {
            super("'" + symbol + "' is not a unit symbol this service reads (SI symbols with prefixes, e.g. mV, "
                    + "µg/kg, °C, mol/mol)");
        }
    }

    /** Units of different dimensions. */
    public static class IncompatibleUnit extends RuntimeException {
        public IncompatibleUnit(String from, String to) {
            super("'" + from + "' cannot be converted to the comparison's unit '" + to + "'");
        }
    }
}
