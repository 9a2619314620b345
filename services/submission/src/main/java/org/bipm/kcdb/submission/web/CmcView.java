package org.bipm.kcdb.submission.web;

import org.bipm.kcdb.units.UnknownUnit;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.submission.domain.CmcStatus;
import org.bipm.kcdb.submission.domain.units.CmcUnits;
import org.bipm.kcdb.support.persistence.Versioned;

/**
 * A CMC as the API returns it: its KCDB fields plus the server's, among them the SI Reference Point IRIs of the units
 * and prefixes each unit is written with (DOMAIN.md §6.1), keyed by the unit's JSON path.
 */
public record CmcView(String id, CmcStatus status, long version, String institute, String country, String rmo,
                      String kcdbCode, Integer kcdbVersion, String supersedesKcdbCode, boolean deletionRequest,
                      int round, String createdBy,
                      Instant createdAt, Instant updatedAt, @JsonUnwrapped CmcContent content,
                      Map<String, List<String>> siReferencePoint) {

    static CmcView of(Versioned<Cmc> stored) {
        Cmc cmc = stored.aggregate();
        return new CmcView(cmc.id(), cmc.status(), stored.version(), cmc.institute(), cmc.country(), cmc.rmo(),
                cmc.kcdbCode(), cmc.kcdbVersion(), cmc.supersedesKcdbCode(), cmc.deletionRequest(), cmc.round(),
                cmc.createdBy(), cmc.createdAt(), cmc.updatedAt(),
                cmc.content(), iris(cmc.content()));
    }

    private static Map<String, List<String>> iris(CmcContent content) {
        Map<String, List<String>> iris = new LinkedHashMap<>();
        if (content != null) {
            put(iris, "cmc.unit", content.cmc());
            put(iris, "cmcUncertainty.unit", content.cmcUncertainty());
            if (content.crm() != null) {
                put(iris, "crm.value.unit", content.crm().value());
                put(iris, "crm.uncertainty.unit", content.crm().uncertainty());
            }
        }
        return iris;
    }

    private static void put(Map<String, List<String>> iris, String field, Range range) {
        if (range == null || range.unit() == null || range.unit().isBlank()) {
            return;
        }
        try {
            iris.put(field, CmcUnits.read(range.unit()).siReferencePoint());
        } catch (UnknownUnit e) {
            // an unreadable unit has no IRIs; validation tells the writer
        }
    }
}
