package org.bipm.kcdb.publication.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bipm.kcdb.publication.application.CloudEventJson;
import org.bipm.kcdb.publication.application.FeedScope;
import org.bipm.kcdb.publication.application.WebhookTargets;
import org.bipm.kcdb.publication.domain.FeedEntry;
import org.bipm.kcdb.publication.domain.FeedFilter;
import org.bipm.kcdb.publication.domain.Webhook;
import org.bipm.kcdb.publication.persistence.EventFeed;
import org.bipm.kcdb.publication.persistence.WebhookQueries;
import org.bipm.kcdb.support.metrics.DeliveryMeters;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.core.Exceptions;
import reactor.netty.http.client.HttpClient;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the feed to each active webhook in order, signed, at least once, each only what its registrant may read
 * ({@link FeedScope}). Every step is saved with the webhook's
 * version, so a concurrent change (a redelivery request, another instance) stops this round instead of being
 * overwritten; another instance may then repeat an event, which receivers recognise by its id.
 *
 * <p>Each webhook has its own lane: a round starts, for every active webhook whose lane is idle, a lane on a thread
 * of its own, so a receiver that sleeps or refuses holds up only its own events (each attempt ends after the
 * timeout). One lane per webhook in this instance keeps its order; a lane reads its webhook afresh when it starts,
 * so it never works from what the round read before a previous lane saved.
 */
public class WebhookDelivery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
    static final int EVENTS_PER_ROUND = 100;
    static final String UNREACHABLE = "unreachable";
    static final String TIMEOUT = "timeout";

    private final AggregateStore<Webhook> webhooks;
    private final EventFeed feed;
    private final WebhookTargets targets;
    private final WebClient http;
    private final JsonMapper json;
    private final Clock clock;
    private final Webhook.Policy policy;
    private final Duration timeout;
    private final ThreadPoolExecutor lanes;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final DeliveryMeters meters;

    public WebhookDelivery(AggregateStore<Webhook> webhooks, EventFeed feed, WebhookTargets targets, JsonMapper json,
                           Clock clock, Webhook.Policy policy, Duration timeout) {
        this(webhooks, feed, targets, json, clock, policy, timeout, 64);
    }

    /**
     * @param targets  where deliveries may go, checked again at each one, on the addresses the connection uses
     * @param parallel how many webhooks may be delivered to at the same time; more wait for a later round
     */
    public WebhookDelivery(AggregateStore<Webhook> webhooks, EventFeed feed, WebhookTargets targets, JsonMapper json,
                           Clock clock, Webhook.Policy policy, Duration timeout, int parallel) {
        this(webhooks, feed, targets, json, clock, policy, timeout, parallel,
                DeliveryMeters.webhooks(new SimpleMeterRegistry()));
    }

    /** @param meters counts each attempt that was saved: delivered, failed (tried again later) or parked */
    public WebhookDelivery(AggregateStore<Webhook> webhooks, EventFeed feed, WebhookTargets targets, JsonMapper json,
                           Clock clock, Webhook.Policy policy, Duration timeout, int parallel,
                           DeliveryMeters meters) {
        this.meters = meters;
        this.webhooks = webhooks;
        this.feed = feed;
        this.targets = targets;
        this.http = client(targets);
        this.json = json;
        this.clock = clock;
        this.policy = policy;
        this.timeout = timeout;
        AtomicInteger threads = new AtomicInteger();
        this.lanes = new ThreadPoolExecutor(0, parallel, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "webhook-lane-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Redirects are not followed: a receiver could otherwise send the delivery on to an internal address. */
    static WebClient client(WebhookTargets targets) {
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                .resolver(targets.resolver()).followRedirect(false))).build();
    }

    /** Starts a lane for every active webhook that has none running; returns without waiting for them. */
    public void deliverDue() {
        if (closed) {
            return;
        }
        List<Versioned<Webhook>> active = WebhookQueries.active(webhooks).collectList().block();
        for (Versioned<Webhook> webhook : active == null ? List.<Versioned<Webhook>>of() : active) {
            String id = webhook.aggregate().id();
            if (!webhook.aggregate().readyAt(clock.instant()) || !busy.add(id)) {
                continue;
            }
            try {
                lanes.execute(() -> lane(id));
            } catch (RejectedExecutionException full) {
                busy.remove(id); // every lane is taken (or closing): a later round comes back to it
            }
        }
    }

    /** Stops the lanes: an attempt under way is abandoned unsaved, so it is made again after a restart. */
    @Override
    public void close() {
        closed = true;
        lanes.shutdownNow();
    }

    private void lane(String id) {
        try {
            Versioned<Webhook> current = webhooks.find(id).block();
            if (current != null && current.aggregate().status() == Webhook.Status.ACTIVE) {
                deliver(current);
            }
        } catch (RuntimeException e) {
            if (e instanceof Stopped || closed) {
                log.debug("Delivery to webhook {} stopped with the worker", id);
                return;
            }
            log.warn("Delivery to webhook {} stopped this round: {}", id, e.toString());
        } finally {
            busy.remove(id);
        }
    }

    private void deliver(Versioned<Webhook> stored) {
        Webhook webhook = stored.aggregate();
        long version = stored.version();
        Ahead upcoming = new Ahead();
        for (int i = 0; i < EVENTS_PER_ROUND && webhook.readyAt(clock.instant()); i++) {
            Optional<Pending> next = next(webhook, upcoming);
            if (next.isEmpty()) {
                if (upcoming.readUpTo <= webhook.position()) {
                    return;
                }
                // Everything read was for other eyes, or of other types (a stretch longer than one read): move past
                // it, so the next read starts after it.
                webhook = webhook.passed(upcoming.readUpTo);
                upcoming.entries.clear();
                if (webhooks.update(webhook.id(), version, webhook, List.of()).block() == null) {
                    return;
                }
                version++;
                continue;
            }
            Webhook.Due due = next.get().due();
            Instant now = clock.instant();
            int parkedBefore = webhook.parked().size();
            String error = null;
            if (webhook.heldBack(due.subject())) {
                webhook = webhook.parkedBehind(due, now);
            } else {
                error = post(webhook, next.get().entry());
                if (closed || Thread.currentThread().isInterrupted()) {
                    throw new Stopped(); // the receiver did not fail: nothing is saved, the next start tries again
                }
                webhook = error == null ? webhook.delivered(due, now) : webhook.failed(due, error, policy, now);
            }
            if (webhooks.update(webhook.id(), version, webhook, List.of()).block() == null) {
                return; // changed meanwhile: the next round starts from what was saved
            }
            if (webhook.parked().size() > parkedBefore) {
                meters.parked();
            } else if (error != null) {
                meters.failed();
            } else {
                meters.delivered();
            }
            version++;
        }
    }

    /**
     * A queued redelivery first; otherwise the next feed entry after the position, from one read of up to a round's
     * worth of entries (a failed attempt leaves the position, so that entry comes again).
     */
    private Optional<Pending> next(Webhook webhook, Ahead ahead) {
        Deque<FeedEntry> upcoming = ahead.entries;
        Optional<Webhook.Parked> redelivery = webhook.nextRedelivery();
        if (redelivery.isPresent()) {
            Webhook.Parked parked = redelivery.get();
            return feed.at(parked.position()).filter(entry -> FeedScope.visible(entry, webhook.reader()))
                    .map(entry -> new Pending(new Webhook.Due(entry.seq(), entry.id(),
                    entry.subject(), true), entry));
        }
        while (!upcoming.isEmpty() && upcoming.peekFirst().seq() <= webhook.position()) {
            upcoming.removeFirst();
        }
        if (upcoming.isEmpty()) {
            FeedFilter filter = new FeedFilter(webhook.types(), webhook.areas(), webhook.rmos(), webhook.countries());
            EventFeed.Page read = feed.page(webhook.position(), filter, EVENTS_PER_ROUND).block();
            if (read != null) {
                upcoming.addAll(read.entries());
                ahead.readUpTo = read.readUpTo();
            }
        }
        return upcoming.stream().filter(entry -> FeedScope.visible(entry, webhook.reader())).findFirst()
                .map(entry -> new Pending(new Webhook.Due(entry.seq(), entry.id(), entry.subject(), false), entry));
    }

    /**
     * Null when the receiver answered 2xx, otherwise what went wrong for the parked list: only "HTTP " and the
     * status, "timeout" or "unreachable", never the connection error's text, which would tell a registrant what
     * listens where inside the network. The log keeps the detail for the operator.
     */
    private String post(Webhook webhook, FeedEntry entry) {
        Optional<String> refused = targets.refusal(webhook.url());
        if (refused.isPresent()) {
            log.warn("Webhook {}: target {} refused at delivery: {}", webhook.id(), webhook.url(), refused.get());
            return UNREACHABLE;
        }
        String body = CloudEventJson.of(entry, json);
        long timestamp = clock.instant().getEpochSecond();
        try {
            Integer status = http.post().uri(webhook.url())
                    .contentType(MediaType.parseMediaType("application/cloudevents+json"))
                    .header("KCDB-Webhook-Id", webhook.id())
                    .header("KCDB-Event-Id", entry.id())
                    .header("KCDB-Timestamp", Long.toString(timestamp))
                    .header("KCDB-Signature", WebhookSignature.sign(webhook.secret(), timestamp, body))
                    .bodyValue(body)
                    .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                    .timeout(timeout)
                    .block();
            return status != null && status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof TimeoutException) {
                return TIMEOUT;
            }
            log.info("Webhook {}: delivery to {} failed: {}", webhook.id(), webhook.url(), e.toString());
            return UNREACHABLE;
        }
    }

    private record Pending(Webhook.Due due, FeedEntry entry) {
    }

    /** The entries read ahead of a webhook's position, and the position up to which that read considered all. */
    private static final class Ahead {
        final Deque<FeedEntry> entries = new ArrayDeque<>();
        long readUpTo;
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
