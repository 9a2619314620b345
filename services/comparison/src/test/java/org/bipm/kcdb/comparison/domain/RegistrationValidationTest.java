package org.bipm.kcdb.comparison.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bipm.kcdb.support.domain.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegistrationValidationTest {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    static final List<String> REQUIRED = List.of("identifier", "type", "metrologyAreaLabel", "measurand", "unit",
            "pilot", "participants");

    static Registration sound() {
        return new Registration("CCM.M-K7", "KEY", "CCM", "M", "Mass of a 1 kg standard", "mg", "PTB",
                List.of("PTB", "NPL", "NIST"), List.of("NPL"), null, "protocol v1", LocalDate.of(2026, 1, 1),
                LocalDate.of(2027, 12, 31));
    }

    static Registration without(String field) throws ReflectiveOperationException {
        RecordComponent[] components = Registration.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getName().equals(field) ? null : components[i].getAccessor().invoke(sound());
        }
        return Registration.class.getDeclaredConstructor(types).newInstance(values);
    }

    static List<String> refused(Registration registration) {
        InvalidComparison invalid = catchThrowableOfType(InvalidComparison.class,
                () -> Comparison.register(registration, "coordinator.ptb", T0));
        assertThat(invalid).as("refused with field problems").isNotNull();
        return invalid.violations().stream().map(Violation::field).toList();
    }

    static Stream<String> required() {
        return REQUIRED.stream();
    }

    @ParameterizedTest
    @MethodSource("required")
    void eachRequiredFieldMissingIsNamed(String field) throws ReflectiveOperationException {
        assertThat(refused(without(field))).contains(field);
    }

    @Test
    void anEmptyRegistrationNamesEveryRequiredField() {
        assertThat(refused(new Registration(null, null, null, null, null, null, null, null, null, null, null, null,
                null))).containsAll(REQUIRED);
    }

    @Test
    void nullParticipantsAndLinkingLaboratoriesAreNamed() {
        Registration r = sound();
        assertThat(refused(new Registration(r.identifier(), r.type(), r.organiser(), r.metrologyAreaLabel(),
                r.measurand(), r.unit(), r.pilot(), Arrays.asList("PTB", null, "NIST"), Arrays.asList((String) null),
                r.linkedTo(), r.protocolReference(), r.plannedStart(), r.plannedEnd())))
                .contains("participants[1]", "linkingLaboratories[0]");
    }

    @Test
    void theOptionalFieldsMayBeAbsent() throws ReflectiveOperationException {
        for (String optional : List.of("organiser", "linkingLaboratories", "linkedTo", "protocolReference",
                "plannedStart", "plannedEnd")) {
            Registration r = without(optional);
            assertThatCode(() -> Comparison.register(r, "coordinator.ptb", T0)).as(optional)
                    .doesNotThrowAnyException();
        }
    }
}
