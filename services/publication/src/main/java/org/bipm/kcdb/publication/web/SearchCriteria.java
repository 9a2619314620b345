package org.bipm.kcdb.publication.web;

import java.util.List;

/** The request bodies of the KCDB API's searches (v1.0.13), field for field. */
final class SearchCriteria {

    private SearchCriteria() {
    }

    /** What every search takes. */
    interface Common {
        Integer page();

        Integer pageSize();

        Boolean showTable();

        String status();

        String keywords();
    }

    /** What every domain search takes besides. */
    interface Advanced extends Common {
        String metrologyAreaLabel();

        List<String> countries();

        String publicDateFrom();

        String publicDateTo();
    }

    record Physics(Integer page, Integer pageSize, Boolean showTable, String status, String keywords,
                   String metrologyAreaLabel, String branchLabel, String serviceLabel, String subServiceLabel,
                   String individualServiceLabel, String physicsCode, List<String> countries, String publicDateFrom,
                   String publicDateTo) implements Advanced {
    }

    record ChemistryAndBiology(Integer page, Integer pageSize, Boolean showTable, String status, String keywords,
                               String metrologyAreaLabel, String categoryLabel, String analyteLabel,
                               List<String> countries, String publicDateFrom, String publicDateTo)
            implements Advanced {
    }

    record Radiation(Integer page, Integer pageSize, Boolean showTable, String status, String keywords,
                     String metrologyAreaLabel, String branchLabel, String quantityLabel, String sourceLabel,
                     String mediumLabel, String nuclideLabel, List<String> countries, String publicDateFrom,
                     String publicDateTo) implements Advanced {
    }
}
