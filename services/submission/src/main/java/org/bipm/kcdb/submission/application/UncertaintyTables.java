package org.bipm.kcdb.submission.application;

import java.util.ArrayList;
import java.util.List;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.support.domain.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An uncertainty table's contents are the KCDB's JSON string {"row_1":{"col_1":"…"},…}: it must read as JSON and
 * have the rows and columns the table declares. Checked here, where JSON is read, not in the domain.
 */
final class UncertaintyTables {

    private final JsonMapper json;

    UncertaintyTables(JsonMapper json) {
        this.json = json;
    }

    List<Violation> check(CmcContent content) {
        List<Violation> violations = new ArrayList<>();
        if (content == null) {
            return violations;
        }
        check(content.uncertaintyTable(), "uncertaintyTable", violations);
        if (content.crm() != null) {
            check(content.crm().uncertaintyTable(), "crm.uncertaintyTable", violations);
        }
        return violations;
    }

    private void check(CmcContent.UncertaintyTable table, String field, List<Violation> violations) {
        if (table == null || table.tableContents() == null || table.tableContents().isBlank()
                || table.tableRows() == null || table.tableCols() == null) {
            return;
        }
        String contents = field + ".tableContents";
        JsonNode root;
        try {
            root = json.readTree(table.tableContents());
        } catch (JacksonException e) {
            violations.add(new Violation(contents, "is not JSON: give {\"row_1\":{\"col_1\":\"…\"},…}"));
            return;
        }
        if (root == null || !root.isObject()) {
            violations.add(new Violation(contents, "must be a JSON object of rows {\"row_1\":{…},…}"));
            return;
        }
        if (root.size() != table.tableRows()) {
            violations.add(new Violation(contents, "has " + root.size() + " rows, the table declares "
                    + table.tableRows()));
            return;
        }
        for (int r = 1; r <= table.tableRows(); r++) {
            JsonNode row = root.get("row_" + r);
            if (row == null || !row.isObject() || row.size() != table.tableCols()) {
                violations.add(new Violation(contents, "row_" + r + " must have the " + table.tableCols()
                        + " declared columns col_1…col_" + table.tableCols()));
                return;
            }
        }
    }
}
