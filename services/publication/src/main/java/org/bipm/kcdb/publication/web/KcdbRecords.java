package org.bipm.kcdb.publication.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.publication.domain.PublishedCmc;

/** A published CMC in the KCDB API v1.0.13's field names and shape (DOMAIN.md §1.3 and §4.3). */
final class KcdbRecords {

    private KcdbRecords() {
    }

    static Map<String, Object> toApi(PublishedCmc cmc) {
        CmcContent c = cmc.content();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", cmc.kcdbId());
        r.put("kcdbCode", cmc.kcdbCode());
        r.put("status", cmc.status().label());
        r.put("statusDate", cmc.statusDate());
        r.put("domainCode", c.domainCode());
        r.put("metrologyAreaLabel", c.metrologyAreaLabel());
        r.put("rmo", cmc.rmo());
        r.put("countryValue", countryName(cmc.country()));
        r.put("nmiCode", cmc.institute());
        r.put("nmiServiceCode", c.nmiServiceCode());
        r.put("quantityValue", c.quantityValue());
        r.put("cmc", range(c.cmc()));
        r.put("cmcUncertainty", range(c.cmcUncertainty()));
        r.put("cmcBaseUnit", range(c.cmcBaseUnit()));
        r.put("cmcUncertaintyBaseUnit", range(c.cmcUncertaintyBaseUnit()));
        r.put("confidenceLevel", c.confidenceLevel());
        r.put("coverageFactor", c.coverageFactor());
        r.put("uncertaintyMode", c.uncertaintyMode());
        r.put("traceabilitySource", c.traceabilitySource());
        r.put("comments", c.comments());
        if ("PHYSICS".equals(c.domainCode())) {
            String physicsCode = physicsCode(c);
            r.put("branchLabel", c.branchLabel());
            r.put("serviceValue", c.serviceLabel());
            r.put("subServiceValue", c.subServiceLabel());
            r.put("individualServiceValue", c.individualServiceLabel());
            r.put("physicsCode", physicsCode);
            r.put("kcdbServiceCategory", c.branchLabel() == null ? null : c.branchLabel() + "-" + physicsCode);
            r.put("instrument", c.instrument());
            r.put("instrumentMethod", c.instrumentMethod());
            r.put("parameters", c.parameters());
        }
        r.put("approvalDate", cmc.approvalDate());
        r.put("publicationDate", cmc.publicationDate());
        return r;
    }

    static String physicsCode(CmcContent c) {
        StringBuilder code = new StringBuilder();
        for (String part : new String[] {c.serviceLabel(), c.subServiceLabel(), c.individualServiceLabel()}) {
            if (part != null && !part.isBlank()) {
                code.append(code.isEmpty() ? "" : ".").append(part);
            }
        }
        return code.toString();
    }

    private static Map<String, Object> range(Range range) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("lowerLimit", range == null ? null : range.lowerLimit());
        r.put("upperLimit", range == null ? null : range.upperLimit());
        r.put("unit", range == null ? null : range.unit());
        return r;
    }

    static String countryName(String iso2) {
        if (iso2 == null) {
            return null;
        }
        String name = new Locale("", iso2).getDisplayCountry(Locale.ENGLISH);
        return name.isBlank() ? iso2 : name;
    }
}
