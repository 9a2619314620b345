package org.bipm.kcdb.units;

/** A unit as written that is not a unit: a typing error, an unknown symbol, an operator left dangling. */
public class UnknownUnit extends RuntimeException {

    public UnknownUnit(String symbol) {
        super("'" + symbol + "' is not a unit this platform reads (SI symbols with prefixes and products, e.g. "
                + "mV, µg/kg, °C, mol/mol, J s, W/(m²·sr·nm), %, dB)");
    }
}
