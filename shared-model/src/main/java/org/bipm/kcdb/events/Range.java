package org.bipm.kcdb.events;

/** A range as the KCDB writes it: either limit may be absent (a single point or an open range). */
public record Range(Double lowerLimit, Double upperLimit, String unit) {
}
