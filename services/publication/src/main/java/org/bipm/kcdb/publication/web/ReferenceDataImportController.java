package org.bipm.kcdb.publication.web;

import java.util.List;
import java.util.Map;
import org.bipm.kcdb.publication.application.ReferenceDataImport;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.web.ApiProblem.FieldError;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/kcdb/imports/reference-data/{table}} (CONTRACT.md §7, {@code kcdb-office}): a KCDB
 * {@code /referenceData/{table}} response as it is; a tree table names its parent as the KCDB path does
 * ({@code ?areaId=3} for {@code branch}).
 */
@RestController
class ReferenceDataImportController {

    private final ReferenceDataImport imports;

    ReferenceDataImportController(ReferenceDataImport imports) {
        this.imports = imports;
    }

    @PostMapping(value = "/api/kcdb/imports/reference-data/{table}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ReferenceDataImport.Report> importTable(Caller caller, @PathVariable String table,
                                                 @RequestParam Map<String, String> parameters,
                                                 @RequestBody JsonNode response) {
        if (!caller.has(Role.KCDB_OFFICE)) {
            throw ApiProblem.forbidden("Only the KCDB office imports reference data.");
        }
        if (!ReferenceDataImport.TABLES.containsKey(table)) {
            throw ApiProblem.notFound("Reference-data table " + table + " (known: "
                    + String.join(", ", ReferenceDataImport.TABLES.keySet().stream().sorted().toList()) + ")");
        }
        String parameter = ReferenceDataImport.TABLES.get(table);
        String parent = null;
        if (parameter != null) {
            String value = parameters.get(parameter);
            boolean valid = value != null && ("domainCode".equals(parameter) ? !value.isBlank()
                    : value.matches("[1-9][0-9]{0,8}"));
            if (!valid) {
                throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "Name the parent the KCDB listed this table under.",
                        List.of(new FieldError(parameter, "domainCode".equals(parameter) ? "is required"
                                : "is required: the KCDB id the table was asked with")));
            }
            parent = parameter + "=" + value;
        }
        // a malformed table is a RuleViolation: 422 invalid-fields naming each field, by the shared mapping
        return imports.run(table, parent, response);
    }
}
