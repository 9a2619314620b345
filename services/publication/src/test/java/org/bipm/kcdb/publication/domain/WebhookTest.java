package org.bipm.kcdb.publication.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.bipm.kcdb.publication.domain.Webhook.Due;
import org.bipm.kcdb.publication.domain.Webhook.Parked;
import org.bipm.kcdb.publication.domain.Webhook.Policy;
import org.junit.jupiter.api.Test;

class WebhookTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Policy POLICY = new Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(3), 7);

    final Webhook registered = Webhook.register("w-1", "service-account-rmo-sim", "https://sim.example/kcdb",
            "0123456789abcdef", Set.of(), Set.of(), Set.of("SIM"), Set.of(), 41, T0, "SIM");

    @Test
    void aNewWebhookStartsAfterThePositionItWasRegisteredAt() {
        assertThat(registered.position()).isEqualTo(41);
        assertThat(registered.readyAt(T0)).isTrue();
        assertThat(registered.rmos()).containsExactly("SIM");
    }

    @Test
    void aDeliveredEventMovesThePositionOnAndForgetsEarlierFailures() {
        Webhook failedOnce = registered.failed(due(42, "cmc-a"), "HTTP 503", POLICY, T0);
        Webhook delivered = failedOnce.delivered(due(42, "cmc-a"), T0.plusSeconds(1));
        assertThat(delivered.position()).isEqualTo(42);
        assertThat(delivered.attempts()).isZero();
        assertThat(delivered.failuresInARow()).isZero();
    }

    @Test
    void failuresAreRetriedWithExponentialBackoffUpToTheLimit() {
        Webhook once = registered.failed(due(42, "cmc-a"), "HTTP 503", POLICY, T0);
        assertThat(once.nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(once.readyAt(T0.plusMillis(999))).isFalse();
        assertThat(once.position()).as("the event is not passed").isEqualTo(41);
        Webhook twice = once.failed(due(42, "cmc-a"), "HTTP 503", POLICY, T0.plusSeconds(1));
        assertThat(twice.nextAttemptAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(new Policy(10, Duration.ofSeconds(1), Duration.ofSeconds(3), 50).backoff(5))
                .as("capped").isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void afterTheLastAttemptTheEventIsParkedAndLaterEventsAboutTheSameCmcWaitBehindIt() {
        Webhook parked = failTimes(registered, due(42, "cmc-a"), 3);
        assertThat(parked.parked()).extracting(Parked::position, Parked::attempts, Parked::lastError)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(42L, 3, "HTTP 503"));
        assertThat(parked.position()).as("delivery goes on with the next event").isEqualTo(42);
        assertThat(parked.heldBack("cmc-a")).isTrue();
        assertThat(parked.heldBack("cmc-b")).isFalse();

        Webhook behind = parked.parkedBehind(due(43, "cmc-a"), T0);
        Webhook other = behind.delivered(due(44, "cmc-b"), T0);
        assertThat(other.parked()).extracting(Parked::position).containsExactly(42L, 43L);
        assertThat(other.position()).isEqualTo(44);
        assertThat(other.failuresInARow()).isZero();
    }

    @Test
    void redeliveryQueuesTheParkedEventsOldestFirstBeforeAnythingNew() {
        Webhook parked = failTimes(registered, due(42, "cmc-a"), 3).parkedBehind(due(43, "cmc-a"), T0);
        Webhook queued = parked.redeliverParked(T0);
        assertThat(queued.parked()).isEmpty();
        assertThat(queued.nextRedelivery()).map(Parked::position).contains(42L);
        assertThat(queued.heldBack("cmc-a")).isFalse();

        Webhook first = queued.delivered(new Due(42, "e-42", "cmc-a", true), T0);
        assertThat(first.nextRedelivery()).map(Parked::position).contains(43L);
        assertThat(first.position()).as("redelivery does not move the position").isEqualTo(43);
        Webhook second = first.delivered(new Due(43, "e-43", "cmc-a", true), T0);
        assertThat(second.nextRedelivery()).isEmpty();
    }

    @Test
    void aRedeliveryThatFailsAgainIsParkedAgainAndTakesItsFollowersWithIt() {
        Webhook queued = failTimes(registered, due(42, "cmc-a"), 3).parkedBehind(due(43, "cmc-a"), T0)
                .redeliverParked(T0);
        Webhook again = failTimes(queued, new Due(42, "e-42", "cmc-a", true), 3);
        assertThat(again.parked()).extracting(Parked::position).containsExactly(42L);
        assertThat(again.heldBack("cmc-a")).isTrue();
        assertThat(again.nextRedelivery()).map(Parked::position).contains(43L);
    }

    @Test
    void tooManyFailuresInARowDisableTheWebhookAndRedeliveryEnablesItAgain() {
        Webhook w = failTimes(registered, due(42, "cmc-a"), 3);
        w = failTimes(w, due(43, "cmc-b"), 3);
        assertThat(w.status()).isEqualTo(Webhook.Status.ACTIVE);
        w = w.failed(due(44, "cmc-c"), "connection refused", POLICY, T0);
        assertThat(w.status()).isEqualTo(Webhook.Status.DISABLED);
        assertThat(w.disabledReason()).startsWith("7 failed deliveries in a row");
        assertThat(w.readyAt(T0.plus(Duration.ofDays(1)))).isFalse();

        Webhook enabled = w.redeliverParked(T0);
        assertThat(enabled.status()).isEqualTo(Webhook.Status.ACTIVE);
        assertThat(enabled.readyAt(T0)).isTrue();
        assertThat(enabled.nextRedelivery()).map(Parked::position).contains(42L);
        assertThat(enabled.disabledReason()).isNull();
    }

    private static Webhook failTimes(Webhook webhook, Due due, int times) {
        Webhook w = webhook;
        for (int i = 0; i < times; i++) {
            w = w.failed(due, "HTTP 503", POLICY, T0);
        }
        return w;
    }

    private static Due due(long position, String subject) {
        return new Due(position, "e-" + position, subject, false);
    }
}
