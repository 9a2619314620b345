package org.bipm.kcdb.submission.domain.units;

import org.bipm.kcdb.submission.domain.Memo;
import org.bipm.kcdb.units.UnitReading;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.measure.Unit;
import tech.units.indriya.AbstractUnit;
import tech.units.indriya.unit.Units;

/**
 * The dimension a KCDB quantity is measured in, read from its name ("DC voltage" → volt, "Mass fraction" → one).
 * The KCDB's 1768 quantity names carry no unit, so this knows the common kinds and says nothing about the rest:
 * a quantity it does not recognise (a sensitivity, a spectral quantity) is not checked rather than refused.
 * The first matching kind wins, so the specific names come before the general ones.
 */
public final class QuantityKinds {

    private static final Unit<?> ONE = AbstractUnit.ONE;
    private static final Unit<?> GRAY_PER_SECOND = Units.GRAY.divide(Units.SECOND);
    private static final Unit<?> SIEVERT_PER_SECOND = Units.SIEVERT.divide(Units.SECOND);

    private static final List<Kind> KINDS = List.of(
            // no check: names whose unit depends on what follows them
            kind("sensitivity|responsivity|response|spectral|coefficient|hardness|impedance|admittance|"
                    + "scattering|s-parameter|noise|phase|distortion|scale|thermal|diffusivity|"
                    // a ratio or transfer difference is measured at a level of its quantity: V for a voltage ratio
                    + "ratio|transfer difference"),
            // ratios, levels and fractions: dimension one (or a logarithmic unit)
            kind("fraction|efficiency|factor|reflectance|transmittance|absorptance|"
                    + "emissivity|reflection|transmission|attenuation|gain|return loss|insertion loss|linearity|"
                    + "index of refraction|"
                    + "refractive index|relative|level|\\bph\\b|purity|anisotropy|isotop", ONE),
            kind("humidity", ONE, Units.KELVIN),
            kind("activity per unit mass", Units.BECQUEREL.divide(Units.KILOGRAM)),
            kind("activity per unit area", Units.BECQUEREL.divide(Units.SQUARE_METRE)),
            kind("activity per unit volume", Units.BECQUEREL.divide(Units.CUBIC_METRE)),
            kind("emission rate per unit area", Units.SECOND.multiply(Units.SQUARE_METRE).inverse()),
            kind("\\bactivity\\b|emission rate", Units.BECQUEREL),
            kind("kerma area product", Units.GRAY.multiply(Units.SQUARE_METRE)),
            kind("kerma length product", Units.GRAY.multiply(Units.METRE)),
            kind("absorbed dose rate|kerma rate", GRAY_PER_SECOND),
            kind("absorbed dose|kerma", Units.GRAY, GRAY_PER_SECOND),
            kind("dose equivalent", Units.SIEVERT, SIEVERT_PER_SECOND),
            kind("fluence rate", Units.SQUARE_METRE.multiply(Units.SECOND).inverse()),
            kind("fluence", Units.SQUARE_METRE.inverse()),
            kind("mass concentration", Units.KILOGRAM.divide(Units.CUBIC_METRE)),
            kind("amount[- ]of[- ]substance concentration|molar concentration",
                    Units.MOLE.divide(Units.CUBIC_METRE)),
            kind("amount content|molality", Units.MOLE.divide(Units.KILOGRAM)),
            kind("mass.*flow", Units.KILOGRAM.divide(Units.SECOND)),
            kind("volume.*flow", Units.CUBIC_METRE.divide(Units.SECOND)),
            kind("flow ?rate|\\bflow", Units.KILOGRAM.divide(Units.SECOND), Units.CUBIC_METRE.divide(Units.SECOND)),
            kind("flux density", Units.TESLA),
            kind("density", Units.KILOGRAM.divide(Units.CUBIC_METRE)),
            kind("conductivity", Units.SIEMENS.divide(Units.METRE)),
            kind("voltage", Units.VOLT),
            kind("current", Units.AMPERE),
            kind("resistance", Units.OHM),
            kind("capacitance", Units.FARAD),
            kind("inductance", Units.HENRY),
            kind("illuminance", Units.LUX),
            kind("luminous intensity", Units.CANDELA),
            kind("luminous flux", Units.LUMEN),
            kind("luminance", Units.CANDELA.divide(Units.SQUARE_METRE)),
            kind("irradiance", Units.WATT.divide(Units.SQUARE_METRE)),
            kind("power", Units.WATT),
            kind("energy", Units.JOULE),
            kind("frequency", Units.HERTZ),
            kind("time interval|time delay|pulse width|rise ?time|front time|time to half value|duration",
                    Units.SECOND),
            kind("temperature", Units.KELVIN),
            kind("torque", Units.NEWTON.multiply(Units.METRE)),
            kind("force", Units.NEWTON),
            kind("pressure", Units.PASCAL),
            kind("viscosity", Units.PASCAL.multiply(Units.SECOND), Units.SQUARE_METRE.divide(Units.SECOND)),
            kind("acceleration|gravity", Units.METRE_PER_SQUARE_SECOND),
            kind("velocity|speed", Units.METRE_PER_SECOND),
            kind("\\bmass\\b", Units.KILOGRAM),
            kind("\\bangle\\b", Units.RADIAN),
            kind("\\barea\\b", Units.SQUARE_METRE),
            kind("\\bvolume\\b", Units.CUBIC_METRE),
            kind("length|diameter|distance|thickness|height|width|wavelength|flatness|roughness|radius",
                    Units.METRE));

    private QuantityKinds() {
    }

    /** What {@link #of} found for a quantity name: up to twice fifty patterns tried per name. */
    private static final Memo<String, Optional<List<Unit<?>>>> FOUND = new Memo<>(4096, QuantityKinds::find);

    /** The units whose dimension the quantity is measured in; empty when the name says nothing certain. */
    public static Optional<List<Unit<?>>> of(String quantity) {
        if (quantity == null) {
            return Optional.empty();
        }
        return FOUND.get(quantity);
    }

    private static Optional<List<Unit<?>>> find(String quantity) {
        // "Pulsed high voltage, lightning impulse parameters: front time" is a time: the words after the last
        // colon name the quantity more precisely than those before it
        String name = quantity.toLowerCase(Locale.ROOT);
        String detail = name.substring(name.lastIndexOf(':') + 1);
        Optional<Kind> kind = first(detail);
        return (kind.isPresent() ? kind : first(name)).filter(k -> !k.units().isEmpty()).map(Kind::units);
    }

    private static Optional<Kind> first(String name) {
        return KINDS.stream().filter(kind -> kind.name().matcher(name).find()).findFirst();
    }

    /** Whether a unit as read fits the quantity; a logarithmic unit fits the ratios and levels only. */
    public static boolean fits(String quantity, UnitReading reading) {
        return of(quantity).map(units -> units.stream().anyMatch(unit -> unit == ONE ? reading.dimensionless()
                : !reading.logarithmic() && CmcUnits.sameDimension(unit, reading.unit()))).orElse(true);
    }

    private static Kind kind(String pattern, Unit<?>... units) {
        return new Kind(Pattern.compile(pattern), List.of(units));
    }

    private record Kind(Pattern name, List<Unit<?>> units) {
    }
}
