package org.bipm.kcdb.notification.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.bipm.kcdb.notification.domain.Delivery;
import org.bipm.kcdb.notification.domain.Letter;
import org.bipm.kcdb.notification.domain.NotificationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The messages' words, in English and French: a reminder names the step a person is late on in words. */
class MailComposerTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final MailComposer composer = new MailComposer("https://kcdb.example");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            INTRA_RMO_REVIEW   | intra-RMO review                             | examen intra-ORM
            REVIEWER           | the assigned reviewer's review               | examen par l'examinateur désigné
            WRITER_ANSWER      | the writer's answer after a return           | réponse du rédacteur après un renvoi
            INTENT_DECLARATION | inter-RMO intent: whether the RMO will review | intention inter-ORM
            RMO_REVIEW         | inter-RMO review by the RMO                  | examen inter-ORM par l'ORM
            """)
    void remindersAndEscalationsNameTheStepInWordsInBothLanguages(String step, String english, String french) {
        for (NotificationKind kind : new NotificationKind[] {NotificationKind.DEADLINE_APPROACHING,
                NotificationKind.DEADLINE_OVERDUE}) {
            Letter letter = deadline(kind, step);
            assertThat(composer.told(letter, "en").text()).contains("(" + english + ")").doesNotContain(step);
            assertThat(composer.told(letter, "fr").text()).contains("(" + french).doesNotContain(step);
        }
    }

    @Test
    void theWholeEmailInFrenchNamesTheStepInWordsInTextAndHtml() {
        MailComposer.Mail mail = composer.compose(Delivery.immediate("d-1", "writer.ptb", "writer.ptb@kcdb.example",
                "Writer PTB", "fr", deadline(NotificationKind.DEADLINE_OVERDUE, "WRITER_ANSWER"), NOW));
        assertThat(mail.subject()).isEqualTo("[KCDB] En retard : writer.ptb sur la CMC cmc-1");
        assertThat(mail.text()).contains("(réponse du rédacteur après un renvoi)").doesNotContain("WRITER_ANSWER");
        assertThat(mail.html()).contains("réponse du rédacteur après un renvoi").doesNotContain("WRITER_ANSWER");
    }

    @Test
    void aStepThisVersionDoesNotKnowReadsAsAStepOfTheReviewNotItsCode() {
        Letter letter = deadline(NotificationKind.DEADLINE_APPROACHING, "SOME_LATER_STEP");
        assertThat(composer.told(letter, "en").text()).contains("(a step of the review)")
                .doesNotContain("SOME_LATER_STEP");
        assertThat(composer.told(letter, "fr").text()).contains("(une étape de l'examen)");
    }

    @Test
    void anExtensionTellsTheOldAndTheNewDateInBothLanguages() {
        Letter letter = new Letter(NotificationKind.DEADLINE_EXTENDED, "cmc-1", "/reviews/r-1", Map.of("cmc", "cmc-1",
                "previousDeadline", "2027-01-02", "deadline", "2027-02-01", "actor", "jcrb.secretary"), NOW);
        MailComposer.Told english = composer.told(letter, "en");
        assertThat(english.title()).isEqualTo("More time for CMC cmc-1: now due 2027-02-01");
        assertThat(english.text()).contains("from 2027-01-02 to 2027-02-01");
        MailComposer.Told french = composer.told(letter, "fr");
        assertThat(french.title()).isEqualTo("Délai prolongé pour la CMC cmc-1 : échéance le 2027-02-01");
        assertThat(french.text()).contains("du 2027-01-02 au 2027-02-01");
        assertThat(french.url()).isEqualTo("https://kcdb.example/reviews/r-1");
    }

    private static Letter deadline(NotificationKind kind, String step) {
        return new Letter(kind, "cmc-1", "/reviews/r-1", Map.of("cmc", "cmc-1", "rmo", "writer.ptb",
                "deadline", "2027-01-02", "deadlineKind", step), NOW);
    }
}
