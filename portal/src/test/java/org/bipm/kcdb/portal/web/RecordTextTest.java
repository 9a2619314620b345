package org.bipm.kcdb.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A CMC's structured fields, as the submission service's history writes them, read as a metrologist reads them. */
class RecordTextTest {

    @Test
    void aRangeReadsAsItsLimitsAndUnit() {
        assertThat(RecordText.readable("Range[lowerLimit=1.0, upperLimit=10.0, unit=V]")).isEqualTo("1 – 10 V");
        assertThat(RecordText.readable("Range[lowerLimit=5.0E-6, upperLimit=5.0E-6, unit=µV/V]"))
                .as("one value when both limits are the same").isEqualTo("5 × 10⁻⁶ µV/V");
        assertThat(RecordText.readable("Range[lowerLimit=0.001, upperLimit=1.0E7, unit=mol/kg]"))
                .isEqualTo("0.001 – 1 × 10⁷ mol/kg");
        assertThat(RecordText.readable("Range[lowerLimit=null, upperLimit=2.5, unit=%]")).isEqualTo("2.5 %");
    }

    @Test
    void parametersListsAndOtherRecordsReadByName() {
        assertThat(RecordText.readable("[Parameter[parameterName=Frequency, parameterValue=50 Hz, 60 Hz], "
                + "Parameter[parameterName=Temperature, parameterValue=(23 ± 1) °C]]"))
                .isEqualTo("Frequency: 50 Hz, 60 Hz; Temperature: (23 ± 1) °C");
        assertThat(RecordText.readable("[CCEM-K1, CCEM-K2]")).isEqualTo("CCEM-K1; CCEM-K2");
        assertThat(RecordText.readable("UncertaintyEquation[equation=U = 2 [µV] + 3e-6 · V, equationComment=null]"))
                .isEqualTo("equation: U = 2 [µV] + 3e-6 · V");
        assertThat(RecordText.readable("Crm[value=Range[lowerLimit=1.0, upperLimit=2.0, unit=mg/kg], "
                + "uncertainty=null, coverageFactor=2.0, confidenceLevel=null, uncertaintyMode=RELATIVE, "
                + "uncertaintyEquation=null, uncertaintyTable=null]"))
                .isEqualTo("value: 1 – 2 mg/kg, coverageFactor: 2, uncertaintyMode: RELATIVE");
    }

    @Test
    void numbersReadWithoutJavasTrailingZerosAndTextStaysAsWritten() {
        assertThat(RecordText.readable("2.0")).isEqualTo("2");
        assertThat(RecordText.readable("95.45")).isEqualTo("95.45");
        assertThat(RecordText.readable("1.0E-9")).isEqualTo("1 × 10⁻⁹");
        assertThat(RecordText.readable("DC voltage")).isEqualTo("DC voltage");
        assertThat(RecordText.readable("Zener [type 732B]")).as("text that is no record").isEqualTo("Zener [type 732B]");
        assertThat(RecordText.readable("Range[broken")).isEqualTo("Range[broken");
        assertThat(RecordText.readable(null)).isNull();
    }
}
