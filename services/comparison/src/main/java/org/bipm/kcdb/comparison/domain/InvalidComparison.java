package org.bipm.kcdb.comparison.domain;

import java.util.List;
import org.bipm.kcdb.support.domain.InvalidFields;
import org.bipm.kcdb.support.domain.Violation;

/** A request that breaks the nomenclature, the participation rules or the result rules; lists every field at fault. */
public class InvalidComparison extends InvalidFields {

    public InvalidComparison(List<Violation> problems) {
        super("The request has " + problems.size() + " invalid field(s).", problems);
    }
}
