package org.bipm.kcdb.submission.domain.rules;

import java.util.regex.Pattern;

/**
 * A key or supplementary comparison identifier as the KCDB registers it: the organiser (a CC, the BIPM or an RMO),
 * optional metrology area and sub-field, K or S and a number, and optional suffixes: CCEM-K8, CCM.M-K1,
 * EURAMET.EM-K8, APMP.QM-S5, CCRI(II)-K2.Co-60, SIM.M.P-K1, CCQM-K55.a.
 */
public final class ComparisonIdentifier {

    private static final Pattern FORM = Pattern.compile(
            "^(BIPM|CCAUV|CCEM|CCL|CCM|CCPR|CCQM|CCRI|CCT|CCTF|AFRIMETS|APMP|COOMET|EURAMET|GULFMET|SIM)"
                    + "(\\((I|II|III)\\))?(\\.[A-Z][A-Za-z]{0,5}(\\((I|II|III)\\))?)*-[KS][0-9]{1,4}(\\.[A-Za-z0-9-]+)*$");

    private ComparisonIdentifier() {
    }

    public static boolean wellFormed(String identifier) {
        return identifier != null && FORM.matcher(identifier.strip()).matches();
    }
}
