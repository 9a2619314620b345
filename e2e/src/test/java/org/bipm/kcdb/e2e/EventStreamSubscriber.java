package org.bipm.kcdb.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bipm.kcdb.platform.Platform;
import tools.jackson.databind.JsonNode;

/**
 * An RMO system following {@code GET /api/events/stream} through the gateway for the whole of a fault run, as a
 * browser's {@code EventSource} follows it: when the connection fails or ends it waits (3 s, or what the stream's
 * {@code retry:} field says), connects again and sends {@code Last-Event-ID} with the id of the last event it
 * received. Unlike a browser it also tries again after a refusal (a 502 while the publication service restarts, a
 * token Keycloak cannot issue), as an RMO's system would, and after {@link #IDLE} without a byte (three of the
 * stream's 15 s keep-alives missed: a connection that died without a FIN).
 *
 * <p>It records every event it receives by its CloudEvents id, with the SSE id (the feed position) it came with, so
 * the checks can tell a missed event, a repeated one and one that is not on the topics.
 */
final class EventStreamSubscriber implements AutoCloseable {

    /** The feed's public facts (docs/events.md, "Who receives what"): what every RMO subscriber receives. */
    static final List<String> PUBLIC_TYPES = List.of("org.bipm.kcdb.cmc.published", "org.bipm.kcdb.cmc.archived",
            "org.bipm.kcdb.cmc.greyed-out", "org.bipm.kcdb.cmc.restored", "org.bipm.kcdb.cmc.deleted",
            "org.bipm.kcdb.comparison.registered", "org.bipm.kcdb.comparison.status-changed",
            "org.bipm.kcdb.comparison.result-submitted", "org.bipm.kcdb.comparison.published",
            "org.bipm.kcdb.review.intra-rmo-approved", "org.bipm.kcdb.reference-data.changed");
    static final Duration IDLE = Duration.ofSeconds(45);
    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(3);
    private static final String CLIENT_ID = "rmo-euramet";

    private final Platform platform;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread thread;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final Deliveries deliveries = new Deliveries();
    /** Why each connection after the first was made: what ended the one before. */
    private final List<String> reconnects = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger outOfOrder = new AtomicInteger();
    private volatile boolean closed;
    private volatile String lastEventId;
    private volatile long lastPosition;
    private volatile Duration retry = DEFAULT_RETRY;
    private volatile String token;

    private EventStreamSubscriber(Platform platform) {
        this.platform = platform;
        this.thread = new Thread(this::follow, "sse-subscriber");
        this.thread.setDaemon(true);
    }

    /** Connects (public facts only, as EURAMET's system) and returns once the stream has answered. */
    static EventStreamSubscriber follow(Platform platform, Duration timeout) throws InterruptedException {
        EventStreamSubscriber subscriber = new EventStreamSubscriber(platform);
        subscriber.thread.start();
        PlatformBenchmarks.check(subscriber.connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS),
                "the event stream did not answer within " + timeout + ": " + subscriber.reconnects);
        return subscriber;
    }

    /** What the stream gave, by event id (repeats counted). */
    Deliveries deliveries() {
        return deliveries;
    }

    /** Events whose SSE id was not after the one before (the stream went back). */
    int outOfOrder() {
        return outOfOrder.get();
    }

    List<String> reconnects() {
        synchronized (reconnects) {
            return List.copyOf(reconnects);
        }
    }

    private void follow() {
        while (!closed) {
            String ended;
            try {
                ended = connectOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                ended = e.toString();
            }
            if (closed) {
                return;
            }
            reconnects.add(ended);
            try {
                Thread.sleep(retry.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One connection, followed until it ends; returns what ended it. */
    private String connectOnce() throws InterruptedException {
        try {
            token = Http.clientCredentialsToken(platform.tokenUrl(), CLIENT_ID, CLIENT_ID);
        } catch (RuntimeException keycloakDown) {
            if (token == null) {
                return "no token: " + keycloakDown.getMessage();
            }
            // The token issued before may still be valid: an RMO's system goes on with it.
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
                        + "/api/events/stream?types=" + URLEncoder.encode(String.join(",", PUBLIC_TYPES),
                        StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream").header("Cache-Control", "no-cache")
                .header("Authorization", "Bearer " + token).GET();
        if (lastEventId != null && !lastEventId.isEmpty()) {
            request.header("Last-Event-ID", lastEventId);
        }
        Connection connection = new Connection();
        CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request.build(), info -> {
            if (info.statusCode() != 200) {
                connection.status = info.statusCode();
                return HttpResponse.BodySubscribers.discarding();
            }
            connected.countDown();
            return HttpResponse.BodySubscribers.fromLineSubscriber(connection);
        });
        response.whenComplete((answer, failure) -> connection.end(failure));
        try {
            while (!connection.ended.await(1, TimeUnit.SECONDS)) {
                if (closed || System.nanoTime() - connection.lastActivity > IDLE.toNanos()) {
                    connection.cancel();
                    response.cancel(true);
                    return closed ? "closed" : "nothing for " + IDLE.toSeconds() + " s";
                }
            }
        } catch (InterruptedException closing) {
            // Hung up, so that the service does not go on serving a subscriber that is gone.
            connection.cancel();
            response.cancel(true);
            throw closing;
        }
        if (connection.status != 200) {
            return "answered " + connection.status;
        }
        return connection.failure == null ? "ended by the server" : "failed: " + rootCause(connection.failure);
    }

    private void dispatch(String id, String type, String data) {
        if (id != null) {
            lastEventId = id;
        }
        if (data == null) {
            return;
        }
        if (id != null) {
            long position = Long.parseLong(id);
            if (position <= lastPosition) {
                outOfOrder.incrementAndGet();
            }
            lastPosition = position;
        }
        JsonNode event = Http.JSON.readTree(data);
        String eventId = event.path("id").asString(type + "@" + id);
        deliveries.add(eventId, event.path("data").path("cmcId").asString(""));
    }

    private static String rootCause(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    /** The lines of one connection, parsed as the SSE specification says (fields, comments, blank line ends one). */
    private final class Connection implements Flow.Subscriber<String> {
        final CountDownLatch ended = new CountDownLatch(1);
        volatile long lastActivity = System.nanoTime();
        volatile int status = 200;
        volatile Throwable failure;
        private volatile Flow.Subscription subscription;
        private String id;
        private String type;
        private StringBuilder data;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lastActivity = System.nanoTime();
            if (line.isEmpty()) {
                dispatch(id, type, data == null ? null : data.substring(0, data.length() - 1));
                id = null;
                type = null;
                data = null;
                return;
            }
            if (line.startsWith(":")) {
                return;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> type = value;
                case "data" -> data = (data == null ? new StringBuilder() : data).append(value).append('\n');
                case "retry" -> {
                    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                        retry = Duration.ofMillis(Long.parseLong(value));
                    }
                }
                default -> {
                    // Unknown fields are ignored, as the specification says.
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            end(throwable);
        }

        @Override
        public void onComplete() {
            end(null);
        }

        void end(Throwable throwable) {
            if (failure == null && throwable != null) {
                failure = throwable;
            }
            ended.countDown();
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
