package org.bipm.kcdb.submission.domain;

import org.bipm.kcdb.submission.application.ReferenceData;
import org.bipm.kcdb.submission.domain.reference.ReferenceCatalogue;
import tools.jackson.databind.json.JsonMapper;

/** The reference data as the service seeds it, for tests of the rules. */
public final class TestCatalogue {

    public static final ReferenceCatalogue SEED = new ReferenceCatalogue(
            ReferenceData.readSeed(JsonMapper.builder().build()));

    private TestCatalogue() {
    }
}
