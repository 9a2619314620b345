package org.bipm.kcdb.events;

/** A measurement condition of a CMC, e.g. "Frequency": "10 Hz to 1 kHz". */
public record Parameter(String parameterName, String parameterValue) {
}
