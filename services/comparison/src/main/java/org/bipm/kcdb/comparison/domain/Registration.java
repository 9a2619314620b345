package org.bipm.kcdb.comparison.domain;

import java.time.LocalDate;
import java.util.List;

/** What a pilot laboratory's coordinator registers. */
public record Registration(String identifier, String type, String organiser, String metrologyAreaLabel,
                           String measurand, String unit, String pilot, List<String> participants,
                           List<String> linkingLaboratories, String linkedTo, String protocolReference,
                           LocalDate plannedStart, LocalDate plannedEnd) {
}
