package org.bipm.kcdb.publication.application;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bipm.kcdb.comparisons.ComparisonIdentifier;
import org.bipm.kcdb.publication.domain.KcdbEvaluation;
import org.bipm.kcdb.publication.domain.PublicComparison;
import org.bipm.kcdb.support.domain.Violation;
import tools.jackson.databind.JsonNode;

/**
 * Reads one comparison as the office brings it over from today's KCDB, in the shape
 * {@code GET /api/kcdb/comparisons/{identifier}} answers (so an export of one platform imports into another):
 * identifier, type, status, organiser, area, measurand, unit, pilot, participants, linking laboratories, the CIPM
 * comparison it is linked to, dates, and where published its {@code evaluation} (KCRV, results, degrees of
 * equivalence, pairwise ones). Each malformed field is named.
 */
final class KcdbComparisonReader {

    private static final Set<String> TYPES = Set.of("KEY", "SUPPLEMENTARY");
    private static final Set<String> STATUSES = Set.of("PLANNED", "MEASUREMENTS", "DRAFT_A", "DRAFT_B", "APPROVED",
            "PUBLISHED", "WITHDRAWN");

    private KcdbComparisonReader() {
    }

    record Read(PublicComparison comparison, List<Violation> errors) {
    }

    static Read read(JsonNode c) {
        List<Violation> errors = new ArrayList<>();
        if (c == null || !c.isObject()) {
            return new Read(null, List.of(new Violation("(record)", "must be a JSON object")));
        }
        String identifier = text(c, "identifier", errors);
        if (identifier == null) {
            errors.add(new Violation("identifier", "is required"));
        } else if (!ComparisonIdentifier.wellFormed(identifier)) {
            errors.add(new Violation("identifier",
                    "is not a KCDB comparison identifier (e.g. CCM.M-K7, EURAMET.L-S24)"));
        }
        String type = text(c, "type", errors);
        if (type == null || !TYPES.contains(type)) {
            errors.add(new Violation("type", "must be KEY or SUPPLEMENTARY"));
        } else if (identifier != null && ComparisonIdentifier.parse(identifier)
                .map(id -> id.key() != "KEY".equals(type)).orElse(false)) {
            errors.add(new Violation("type", "contradicts the identifier (-K is a key comparison, -S supplementary)"));
        }
        String status = text(c, "status", errors);
        if (status == null || !STATUSES.contains(status)) {
            errors.add(new Violation("status", "must be one of " + String.join(", ", List.of("PLANNED",
                    "MEASUREMENTS", "DRAFT_A", "DRAFT_B", "APPROVED", "PUBLISHED", "WITHDRAWN"))));
        }
        String area = text(c, "metrologyAreaLabel", errors);
        if (area == null) {
            errors.add(new Violation("metrologyAreaLabel", "is required"));
        }
        String organiser = text(c, "organiser", errors);
        String measurand = text(c, "measurand", errors);
        String unit = text(c, "unit", errors);
        String pilot = text(c, "pilot", errors);
        String linkedTo = text(c, "linkedTo", errors);
        if (linkedTo != null && !ComparisonIdentifier.wellFormed(linkedTo)) {
            errors.add(new Violation("linkedTo", "is not a KCDB comparison identifier"));
        }
        String protocolReference = text(c, "protocolReference", errors);
        List<String> participants = institutes(c, "participants", errors);
        List<String> linking = institutes(c, "linkingLaboratories", errors);
        LocalDate plannedStart = date(c, "plannedStart", errors);
        LocalDate plannedEnd = date(c, "plannedEnd", errors);
        Instant registeredAt = instant(c, "registeredAt", errors);
        Instant publishedAt = instant(c, "publishedAt", errors);
        KcdbEvaluation evaluation = evaluation(c.get("evaluation"), unit, participants, errors);
        if (!errors.isEmpty()) {
            return new Read(null, errors);
        }
        return new Read(new PublicComparison(identifier, type, organiser, area, measurand, unit, pilot, participants,
                linking, linkedTo, protocolReference, plannedStart, plannedEnd, status, registeredAt, publishedAt,
                null, null, true, evaluation), List.of());
    }

    private static KcdbEvaluation evaluation(JsonNode e, String unit, List<String> participants,
                                             List<Violation> errors) {
        if (e == null || e.isNull()) {
            return null;
        }
        if (!e.isObject()) {
            errors.add(new Violation("evaluation", "must be an object"));
            return null;
        }
        int before = errors.size();
        List<KcdbEvaluation.Result> results = new ArrayList<>();
        Set<String> withResult = new HashSet<>();
        for (JsonNode r : list(e, "evaluation.results", errors)) {
            int i = results.size();
            String where = "evaluation.results[" + i + "]";
            String institute = institute(r, where, participants, errors);
            if (institute != null && !withResult.add(institute)) {
                errors.add(new Violation(where + ".institute", "has a second result (one per laboratory)"));
            }
            results.add(new KcdbEvaluation.Result(institute, required(r, "value", where, errors),
                    optional(r, "standardUncertainty", where, errors)));
        }
        List<KcdbEvaluation.Degree> degrees = new ArrayList<>();
        for (JsonNode d : list(e, "evaluation.degreesOfEquivalence", errors)) {
            String where = "evaluation.degreesOfEquivalence[" + degrees.size() + "]";
            degrees.add(new KcdbEvaluation.Degree(institute(d, where, participants, errors),
                    required(d, "d", where, errors), optional(d, "standardUncertainty", where, errors),
                    optional(d, "expandedUncertainty", where, errors), optional(d, "en", where, errors)));
        }
        List<KcdbEvaluation.PairwiseDegree> pairs = new ArrayList<>();
        for (JsonNode p : list(e, "evaluation.pairwiseDegreesOfEquivalence", errors)) {
            String where = "evaluation.pairwiseDegreesOfEquivalence[" + pairs.size() + "]";
            String institute = institute(p, where, participants, errors);
            JsonNode other = p.get("other");
            String otherInstitute = other != null && other.isString() && !other.asString().isBlank()
                    ? other.asString() : null;
            if (otherInstitute == null) {
                errors.add(new Violation(where + ".other", "is required (the other laboratory)"));
            } else if (!participants.isEmpty() && !participants.contains(otherInstitute)) {
                errors.add(new Violation(where + ".other", "is not a participant"));
            }
            pairs.add(new KcdbEvaluation.PairwiseDegree(institute, otherInstitute, required(p, "d", where, errors),
                    optional(p, "expandedUncertainty", where, errors)));
        }
        JsonNode method = e.get("method");
        JsonNode evaluationUnit = e.get("unit");
        Double kcrv = optional(e, "kcrv", "evaluation", errors);
        Double u = optional(e, "kcrvStandardUncertainty", "evaluation", errors);
        Double expanded = optional(e, "kcrvExpandedUncertainty", "evaluation", errors);
        Double k = optional(e, "coverageFactor", "evaluation", errors);
        if (errors.size() > before) {
            return null;
        }
        return new KcdbEvaluation(method != null && method.isString() ? method.asString() : null,
                evaluationUnit != null && evaluationUnit.isString() ? evaluationUnit.asString() : unit, kcrv, u,
                expanded, k, results, degrees, pairs);
    }

    private static List<JsonNode> list(JsonNode node, String path, List<Violation> errors) {
        JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
        List<JsonNode> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (!value.isArray()) {
            errors.add(new Violation(path, "must be a list"));
            return items;
        }
        for (JsonNode item : value) {
            if (!item.isObject()) {
                errors.add(new Violation(path + "[" + items.size() + "]", "must be an object"));
            }
            items.add(item);
        }
        return items;
    }

    private static String institute(JsonNode node, String where, List<String> participants, List<Violation> errors) {
        JsonNode value = node.get("institute");
        if (value == null || !value.isString() || value.asString().isBlank()) {
            errors.add(new Violation(where + ".institute", "is required"));
            return null;
        }
        if (!participants.isEmpty() && !participants.contains(value.asString())) {
            errors.add(new Violation(where + ".institute", "is not a participant"));
        }
        return value.asString();
    }

    private static double required(JsonNode node, String field, String where, List<Violation> errors) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            errors.add(new Violation(where + "." + field, "must be a number"));
            return 0;
        }
        return value.asDouble();
    }

    private static Double optional(JsonNode node, String field, String where, List<Violation> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            errors.add(new Violation(where + "." + field, "must be a number or null"));
            return null;
        }
        return value.asDouble();
    }

    private static List<String> institutes(JsonNode c, String field, List<Violation> errors) {
        JsonNode value = c.get(field);
        List<String> institutes = new ArrayList<>();
        if (value == null || value.isNull()) {
            return institutes;
        }
        if (!value.isArray()) {
            errors.add(new Violation(field, "must be a list of institute acronyms"));
            return institutes;
        }
        for (JsonNode institute : value) {
            if (!institute.isString() || institute.asString().isBlank()) {
                errors.add(new Violation(field + "[" + institutes.size() + "]", "must be an institute acronym"));
            } else if (institutes.contains(institute.asString())) {
                errors.add(new Violation(field + "[" + institutes.size() + "]", "is listed twice"));
            }
            institutes.add(institute.isString() ? institute.asString() : null);
        }
        return institutes;
    }

    private static String text(JsonNode c, String field, List<Violation> errors) {
        JsonNode value = c.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.add(new Violation(field, "must be a string"));
            return null;
        }
        return value.asString().isBlank() ? null : value.asString();
    }

    private static LocalDate date(JsonNode c, String field, List<Violation> errors) {
        String value = text(c, field, errors);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Violation(field, "must be a date YYYY-MM-DD"));
            return null;
        }
    }

    /** An instant, or a date as the KCDB's pages give it (taken at midnight UTC). */
    private static Instant instant(JsonNode c, String field, List<Violation> errors) {
        String value = text(c, field, errors);
        if (value == null) {
            return null;
        }
        try {
            // to the millisecond, as the store keeps it: importing again then finds it unchanged
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            errors.add(new Violation(field, "must be a date YYYY-MM-DD or an ISO-8601 instant"));
            return null;
        }
    }
}
