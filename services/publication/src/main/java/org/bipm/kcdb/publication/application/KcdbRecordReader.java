package org.bipm.kcdb.publication.application;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Parameter;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.publication.domain.KcdbCode;
import org.bipm.kcdb.publication.domain.PublicationStatus;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.support.domain.Violation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one CMC as today's KCDB API returns it (DOMAIN.md §1.3, all three domains) into a published record, keeping
 * its id, code, version, status and dates. The country and RMO come from the code, which is what the KCDB itself
 * keys on; every other field the KCDB publishes (nmiName, nmiIdentifier, ROR and Wikidata identifiers,
 * nmiServiceLink, groupIdentifier, countryValue, the classification names, ...) is kept as the KCDB wrote it, so the
 * record reads back identical.
 *
 * <p>A record is refused, with each bad field named, when a required field is missing (id, kcdbCode, status,
 * domainCode, metrologyAreaLabel, nmiCode, publicationDate), when the code is not a KCDB code, when the domain, area,
 * status or uncertainty mode is not one the KCDB knows, when a date does not parse, when the area, RMO or domain
 * contradicts the code, or when a field has the wrong JSON type (a range that is not an object, a limit or a
 * coverage factor that is not a number, parameters that are not a list of objects): such a record would otherwise
 * be stored with that field silently lost.
 */
final class KcdbRecordReader {

    static final String MASKED = "<masked>";
    private static final Set<String> DOMAINS = Set.of("PHYSICS", "CHEM-BIO", "RADIATION");
    private static final Set<String> UNCERTAINTY_MODES = Set.of("Absolute", "Relative");
    private static final List<String> RANGES = List.of("cmc", "cmcUncertainty", "cmcBaseUnit",
            "cmcUncertaintyBaseUnit", "crm", "crmUncertainty");
    private static final List<String> NUMBERS = List.of("coverageFactor", "confidenceLevel", "crmCoverageFactor",
            "crmConfidenceLevel");
    private static final List<String> OBJECTS = List.of("uncertaintyEquation", "uncertaintyTable",
            "crmUncertaintyEquation", "crmUncertaintyTable");
    private static final List<String> TEXTS = List.of("countryValue", "nmiName", "nmiRorIdentifier",
            "nmiWikiDataIdentifier", "nmiServiceCode", "nmiServiceLink", "groupIdentifier", "quantityValue",
            "traceabilitySource", "comments", "internationalStandard", "branchLabel", "branchValue", "serviceValue",
            "subServiceValue", "individualServiceValue", "physicsCode", "kcdbServiceCategory", "instrument",
            "instrumentMethod", "categoryValue", "subCategoryValue", "analyteValue", "analyteMatrix",
            "measurmentTechnique", "mechanism", "uncertaintyConvention", "sourceValue", "mediumValue", "nuclideValue",
            "radiationCode", "radiationSpecification", "referenceStandard");
    /** Kept by this platform from now on, or held in the content (tables, whose contents may be masked). */
    private static final List<String> NOT_KEPT_AS_PUBLISHED = List.of("status", "statusDate", "uncertaintyTable",
            "crmUncertaintyTable", "versions");

    private KcdbRecordReader() {
    }

    /** The record, or the reasons it cannot be imported. */
    record Read(PublishedCmc cmc, List<Violation> errors) {
    }

    static Read read(JsonNode r) {
        List<Violation> errors = new ArrayList<>();
        if (r == null || !r.isObject()) {
            return new Read(null, List.of(new Violation("(record)", "must be a JSON object")));
        }
        long id = r.path("id").isIntegralNumber() ? r.get("id").asLong() : -1;
        if (id < 1) {
            errors.add(new Violation("id", "must be a positive integer"));
        }
        KcdbCode code = KcdbCode.parse(text(r, "kcdbCode")).orElse(null);
        if (code == null) {
            errors.add(new Violation("kcdbCode", "must be <RMO>-<AREA>-<ISO2>-<8 base-36>-<version>"));
        }
        PublicationStatus status = PublicationStatus.fromLabel(text(r, "status")).orElse(null);
        if (status == null) {
            errors.add(new Violation("status", "must be Published, Archived, Greyed out or Deleted"));
        }
        String domain = text(r, "domainCode");
        if (domain == null || !DOMAINS.contains(domain)) {
            errors.add(new Violation("domainCode", "must be PHYSICS, CHEM-BIO or RADIATION"));
        }
        String area = text(r, "metrologyAreaLabel");
        if (area == null) {
            errors.add(new Violation("metrologyAreaLabel", "is required"));
        } else if (domain != null && DOMAINS.contains(domain) && !domain.equals(domainOf(area))) {
            errors.add(new Violation("domainCode", "does not match the metrology area " + area + " ("
                    + domainOf(area) + ")"));
        }
        if (code != null && area != null && !area.equals(code.area())) {
            errors.add(new Violation("metrologyAreaLabel",
                    "does not match the area of the code (" + code.area() + ")"));
        }
        if (code != null && text(r, "rmo") != null && !code.rmo().equals(text(r, "rmo"))) {
            errors.add(new Violation("rmo", "does not match the RMO of the code (" + code.rmo() + ")"));
        }
        String institute = text(r, "nmiCode");
        if (institute == null) {
            errors.add(new Violation("nmiCode", "is required"));
        }
        String mode = text(r, "uncertaintyMode");
        if (mode != null && !UNCERTAINTY_MODES.contains(mode)) {
            errors.add(new Violation("uncertaintyMode", "must be Absolute or Relative"));
        }
        if (r.has("nmiIdentifier") && !r.get("nmiIdentifier").isNull() && !r.get("nmiIdentifier").isIntegralNumber()) {
            errors.add(new Violation("nmiIdentifier", "must be an integer (the KCDB's institute id)"));
        }
        types(r, errors);
        LocalDate publicationDate = date(r, "publicationDate", true, errors);
        LocalDate statusDate = date(r, "statusDate", false, errors);
        LocalDate approvalDate = date(r, "approvalDate", false, errors);
        if (!errors.isEmpty()) {
            return new Read(null, errors);
        }
        PublishedCmc cmc = new PublishedCmc("kcdb-" + id, id, code.toString(), code.version(), status,
                statusDate == null ? publicationDate : statusDate, approvalDate, publicationDate, institute,
                code.country(), code.rmo(), content(r, domain, code.area()),
                publicationDate.atStartOfDay().toInstant(ZoneOffset.UTC), asPublished(r));
        return new Read(cmc, List.of());
    }

    /** The record as the KCDB published it, less what the platform keeps itself from now on. */
    private static String asPublished(JsonNode r) {
        ObjectNode copy = ((ObjectNode) r).deepCopy();
        NOT_KEPT_AS_PUBLISHED.forEach(copy::remove);
        return copy.toString();
    }

    private static String domainOf(String area) {
        return switch (area) {
            case "QM" -> "CHEM-BIO";
            case "RI" -> "RADIATION";
            default -> "PHYSICS";
        };
    }

    /** A field of the wrong JSON type would be lost on the way in: it is an error, not a null. */
    private static void types(JsonNode r, List<Violation> errors) {
        for (String field : RANGES) {
            JsonNode range = present(r, field);
            if (range == null) {
                continue;
            }
            if (!range.isObject()) {
                errors.add(new Violation(field, "must be an object {lowerLimit, upperLimit, unit}"));
                continue;
            }
            for (String limit : List.of("lowerLimit", "upperLimit")) {
                JsonNode value = present(range, limit);
                if (value != null && !value.isNumber()) {
                    errors.add(new Violation(field + "." + limit, "must be a number or null"));
                }
            }
            JsonNode unit = present(range, "unit");
            if (unit != null && !unit.isString()) {
                errors.add(new Violation(field + ".unit", "must be a string"));
            }
        }
        for (String field : NUMBERS) {
            JsonNode value = present(r, field);
            if (value != null && !value.isNumber()) {
                errors.add(new Violation(field, "must be a number or null"));
            }
        }
        for (String field : OBJECTS) {
            JsonNode value = present(r, field);
            if (value != null && !value.isObject()) {
                errors.add(new Violation(field, "must be an object or null"));
            }
        }
        for (String field : TEXTS) {
            JsonNode value = present(r, field);
            if (value != null && !value.isString() && !value.isNumber()) {
                errors.add(new Violation(field, "must be a string"));
            }
        }
        JsonNode categoryLabel = present(r, "categoryLabel");
        if (categoryLabel != null && !categoryLabel.isString() && !categoryLabel.isIntegralNumber()) {
            errors.add(new Violation("categoryLabel", "must be a number"));
        }
        JsonNode parameters = present(r, "parameters");
        if (parameters != null) {
            if (!parameters.isArray()) {
                errors.add(new Violation("parameters", "must be a list of {parameterName, parameterValue}"));
            } else {
                for (int i = 0; i < parameters.size(); i++) {
                    if (!parameters.get(i).isObject() || text(parameters.get(i), "parameterName") == null) {
                        errors.add(new Violation("parameters[" + i + "]", "must be {parameterName, parameterValue}"));
                    }
                }
            }
        }
    }

    private static JsonNode present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static CmcContent content(JsonNode r, String domain, String area) {
        String[] physics = text(r, "physicsCode") == null ? new String[0] : text(r, "physicsCode").split("\\.");
        return new CmcContent(domain, area, text(r, "branchLabel"), part(physics, 0), part(physics, 1),
                part(physics, 2), text(r, "quantityValue"), text(r, "instrument"), text(r, "instrumentMethod"),
                parameters(r.path("parameters")), range(r.get("cmc")), range(r.get("cmcUncertainty")),
                range(r.get("cmcBaseUnit")), range(r.get("cmcUncertaintyBaseUnit")), text(r, "uncertaintyMode"),
                number(r, "coverageFactor"), number(r, "confidenceLevel"), text(r, "traceabilitySource"),
                text(r, "comments"), text(r, "nmiServiceCode"), List.of(), null, text(r, "internationalStandard"),
                text(r, "referenceStandard"), equation(r.get("uncertaintyEquation")),
                table(r.get("uncertaintyTable")), text(r, "categoryLabel"), text(r, "subCategoryLabel"),
                text(r, "analyteValue"), text(r, "analyteMatrix"), text(r, "measurmentTechnique"),
                text(r, "mechanism"), text(r, "uncertaintyConvention"), crm(r), text(r, "sourceValue"),
                text(r, "mediumValue"), text(r, "nuclideValue"), text(r, "radiationCode"),
                text(r, "radiationSpecification"));
    }

    private static CmcContent.Crm crm(JsonNode r) {
        Range value = range(r.get("crm"));
        Range uncertainty = range(r.get("crmUncertainty"));
        if (value == null && uncertainty == null) {
            return null;
        }
        return new CmcContent.Crm(value, uncertainty, number(r, "crmCoverageFactor"), number(r, "crmConfidenceLevel"),
                text(r, "crmUncertaintyMode"), equation(r.get("crmUncertaintyEquation")),
                table(r.get("crmUncertaintyTable")));
    }

    private static List<Parameter> parameters(JsonNode list) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode p : list) {
            if (text(p, "parameterName") != null) {
                parameters.add(new Parameter(text(p, "parameterName"), text(p, "parameterValue")));
            }
        }
        return parameters;
    }

    private static Range range(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new Range(number(node, "lowerLimit"), number(node, "upperLimit"), text(node, "unit"));
    }

    private static CmcContent.UncertaintyEquation equation(JsonNode node) {
        return node == null || text(node, "equation") == null ? null
                : new CmcContent.UncertaintyEquation(text(node, "equation"), text(node, "equationComment"));
    }

    /** A table exported without showTable=true has its contents masked: the rest of it is still worth keeping. */
    private static CmcContent.UncertaintyTable table(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        String contents = text(node, "tableContents");
        return new CmcContent.UncertaintyTable(asWritten(node, "tableName"), integer(node, "tableRows"),
                integer(node, "tableCols"), asWritten(node, "tableComment"), MASKED.equals(contents) ? null : contents);
    }

    private static LocalDate date(JsonNode r, String field, boolean required, List<Violation> errors) {
        String value = text(r, field);
        if (value == null) {
            if (required) {
                errors.add(new Violation(field, "is required (YYYY-MM-DD)"));
            }
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Violation(field, "must be a date YYYY-MM-DD"));
            return null;
        }
    }

    private static String part(String[] parts, int i) {
        return i < parts.length && !parts[i].isBlank() ? parts[i] : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isString() ? value.asString() : value.toString();
        return text.isBlank() ? null : text;
    }

    /** Tables are answered from the content, so an empty comment stays empty as the KCDB wrote it. */
    private static String asWritten(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.isString() ? value.asString() : value.toString();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asDouble() : null;
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isIntegralNumber() ? value.asInt() : null;
    }
}
