package org.bipm.kcdb.comparison.domain;

import java.util.List;

/** A request that breaks the nomenclature, the participation rules or the result rules; lists every field at fault. */
public class InvalidComparison extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidComparison(List<FieldProblem> problems) {
        super("The request has " + problems.size() + " invalid field(s).");
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public record FieldProblem(String field, String message) {
    }
}
