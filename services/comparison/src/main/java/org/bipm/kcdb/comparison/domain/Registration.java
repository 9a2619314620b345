package org.bipm.kcdb.comparison.domain;

import java.util.List;

/** What a pilot laboratory's coordinator registers. */
public record Registration(String identifier, String type, String organiser, String metrologyAreaLabel,
                           String measurand, String unit, String pilot, List<String> participants, String linkedTo,
                           String protocolReference) {
}
