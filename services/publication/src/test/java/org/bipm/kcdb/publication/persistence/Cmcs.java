package org.bipm.kcdb.publication.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bipm.kcdb.events.CmcContent.Crm;
import org.bipm.kcdb.events.CmcContent.UncertaintyEquation;
import org.bipm.kcdb.events.CmcContent.UncertaintyTable;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Parameter;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.publication.domain.PublicationStatus;
import org.bipm.kcdb.publication.domain.PublishedCmc;

/** Published CMCs of the three domains, modelled on the real records the KCDB API examples show. */
public final class Cmcs {

    private Cmcs() {
    }

    /** The MSL illuminance-meter CMC of DOMAIN.md §4.3 (APMP-PR-NZ-00000624-1). */
    public static PublishedCmc mslIlluminance() {
        CmcContent content = new CmcContent("PHYSICS", "PR", "PR/Photo", "1", "2", "1",
                "Illuminance responsivity, tungsten source", "Illuminance meter", "Standard lamp",
                List.of(new Parameter("Illuminance", "0.005 lx to 10 lx"),
                        new Parameter("Correlated colour temperature", "2700 K to 3000 K")),
                new Range(null, null, "A/lx, V/lx, reading/lx"), new Range(3.0, 3.0, "%"), new Range(null, null, "X/lx"),
                new Range(3.0, 3.0, "dimension 1"), "Relative", 2.3, 95.0, "MSL", null, "MSLT.O.001, MSLT.O.016",
                List.of(), null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
        LocalDate day = LocalDate.parse("2012-11-29");
        return new PublishedCmc("cmc-msl-624", 7852, "APMP-PR-NZ-00000624-1", 1, PublicationStatus.PUBLISHED, day, day,
                day, "MSL", "NZ", "APMP", content, Instant.parse("2012-11-29T10:00:00Z"));
    }

    /** A PTB AC-current CMC (EM/AC service 6), with an uncertainty table. */
    public static PublishedCmc ptbAcCurrent(String cmcId, long id, String code, PublicationStatus status,
                                            String published) {
        CmcContent content = new CmcContent("PHYSICS", "EM", "EM/AC", "6", "1", "1", "AC current",
                "Thermal converter", "AC-DC transfer", List.of(new Parameter("Frequency", "10 Hz to 100 kHz")),
                new Range(0.001, 20.0, "A"), new Range(2.0, 40.0, "µA/A"), new Range(0.001, 20.0, "A"),
                new Range(2e-6, 4e-5, "dimension 1"), "Relative", 2.0, 95.0, "PTB", "water-cooled shunts",
                "PTB-2.13-01", List.of(), null, "IEC 60051", null, new UncertaintyEquation("U = 2 µA/A + 0.1 µA", null),
                new UncertaintyTable("AC-DC difference", 2, 2, "by frequency",
                        "{\"row_1\":{\"col_1\":\"10 Hz\",\"col_2\":\"40 µA/A\"}}"),
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        LocalDate day = LocalDate.parse(published);
        return new PublishedCmc(cmcId, id, code, Integer.parseInt(code.substring(code.lastIndexOf('-') + 1)), status,
                day, day, day, "PTB", "DE", "EURAMET", content, day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
    }

    /** The NMIJ antimony CMC of the msl-kcdb examples (QM-1, high purity chemicals), with its CRM block. */
    public static PublishedCmc nmijAntimony() {
        CmcContent content = new CmcContent("CHEM-BIO", "QM", null, null, null, null, "Mass fraction", null, null,
                List.of(), new Range(0.001, 10.0, "µg/kg"), new Range(10.0, 1.0, "%"), new Range(1e-12, 1e-8, "kg/kg"),
                new Range(0.1, 0.01, "dimension 1"), "Relative", 2.0, 95.0, "NMIJ/AIST", "trace elements",
                "NMIJ CRM 7202", List.of(), null, null, null, null, null, "1", null, "antimony",
                "high purity antimony", "Liquid-solid extraction with SPE cleanup and bracketing LC-IDMS/MS",
                "NMIJ CRM 7202, NMIJ CRM 7203", "Two",
                new Crm(new Range(0.5, 5.0, "mg/kg"), new Range(0.1, 0.2, "mg/kg"), 2.0, 95.0, "Absolute", null,
                        new UncertaintyTable("CRM", 1, 1, null, "{\"row_1\":{\"col_1\":\"0.1\"}}")),
                null, null, null, null, null);
        LocalDate day = LocalDate.parse("2017-08-30");
        return new PublishedCmc("cmc-nmij-sb", 21000, "APMP-QM-JP-000001GZ-2", 2, PublicationStatus.PUBLISHED, day,
                day, LocalDate.parse("2021-01-12"), "NMIJ AIST", "JP", "APMP", content,
                Instant.parse("2021-01-12T00:00:00Z"));
    }

    /** The NMIJ Cr-51 activity CMC (RI/RAD, radiation code 2.1.3.2: Activity, Liquid, Multi-radionuclide). */
    public static PublishedCmc nmijCr51() {
        CmcContent content = new CmcContent("RADIATION", "RI", "RAD", null, null, null, "Activity",
                "Multiple nuclide source, solution", "Ge detector, multichannel analyzer", List.of(),
                new Range(1e3, 1e6, "Bq"), new Range(1.5, 3.0, "%"), new Range(1e3, 1e6, "Bq"),
                new Range(0.015, 0.03, "dimension 1"), "Relative", 2.0, 95.0, "NMIJ/AIST", null,
                "APM-RAD-NMIJ/AIST-2144", List.of(), null, "ISO 8655-6",
                "Comparison with the NMIJ/AIST standard source", null, null, null, null, null, null, null, null, null,
                null, "Multi-radionuclide source", "Liquid", "Cr-51", "2.1.3.2",
                "10 ml to 500 ml NMIJ/AIST standard cylindrical plastic bottle");
        LocalDate day = LocalDate.parse("2015-03-02");
        return new PublishedCmc("cmc-nmij-cr51", 23054, "APMP-RI-JP-00000HSE-1", 1, PublicationStatus.PUBLISHED, day,
                day, day, "NMIJ AIST", "JP", "APMP", content, Instant.parse("2015-03-02T00:00:00Z"));
    }
}
