package org.bipm.kcdb.units;

/** Two units of different dimensions: a value in one cannot be expressed in the other. */
public class IncompatibleUnits extends RuntimeException {

    public IncompatibleUnits(String from, String to) {
        super("'" + from + "' cannot be converted to '" + to + "'");
    }
}
