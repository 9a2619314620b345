package org.bipm.kcdb.publication.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bipm.kcdb.publication.application.CloudEventJson;
import org.bipm.kcdb.publication.application.FeedScope;
import org.bipm.kcdb.publication.domain.FeedEntry;
import org.bipm.kcdb.publication.domain.FeedFilter;
import org.bipm.kcdb.publication.persistence.EventFeed;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/events/stream}: the platform's events as Server-Sent Events in CloudEvents JSON, for RMOs'
 * systems. Each SSE id is the event's position in the feed; reconnecting with {@code Last-Event-ID} continues
 * with the next one, nothing lost and nothing repeated. Each reader receives only what {@link FeedScope} lets it
 * read; the positions of the entries it may not read are skipped.
 */
@RestController
class EventStreamController {

    static final int BATCH = 200;

    private final EventFeed feed;
    private final JsonMapper json;
    private final Duration pollInterval;
    private final Duration keepAlive;

    EventStreamController(EventFeed feed, JsonMapper json,
                          @Value("${kcdb.feed.poll-interval:250ms}") Duration pollInterval,
                          @Value("${kcdb.feed.keep-alive:15s}") Duration keepAlive) {
        this.feed = feed;
        this.json = json;
        this.pollInterval = pollInterval;
        this.keepAlive = keepAlive;
    }

    @GetMapping(path = "/api/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> stream(Caller caller,
                                         @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                                         @RequestParam(required = false) List<String> types,
                                         @RequestParam(required = false) List<String> areas,
                                         @RequestParam(required = false) List<String> rmos,
                                         @RequestParam(required = false) List<String> countries) {
        if (caller == null || !caller.hasAny(Role.RMO_SUBSCRIBER, Role.KCDB_OFFICE, Role.JCRB_SECRETARY)) {
            throw ApiProblem.forbidden("The event stream is for RMO subscribers, the JCRB and the KCDB office.");
        }
        AtomicLong position = new AtomicLong(position(lastEventId));
        FeedFilter filter = FeedFilter.of(types, areas, rmos, countries);
        String reader = FeedScope.reader(caller);
        // The next poll starts where this one stopped reading, also past entries the filter or the scope left out.
        Flux<ServerSentEvent<String>> events = Mono.defer(() -> feed.page(position.get(), filter, BATCH))
                .doOnNext(page -> position.set(page.readUpTo()))
                .flatMapIterable(EventFeed.Page::entries)
                .filter(entry -> FeedScope.visible(entry, reader))
                .map(this::toSse)
                .repeatWhen(completed -> completed.delayElements(pollInterval));
        Flux<ServerSentEvent<String>> heartbeats = Flux.interval(keepAlive)
                .map(tick -> ServerSentEvent.<String>builder().comment("keep-alive").build());
        return Flux.merge(events, heartbeats);
    }

    private static long position(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            long position = Long.parseLong(lastEventId.strip());
            if (position < 0) {
                throw new NumberFormatException();
            }
            return position;
        } catch (NumberFormatException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-last-event-id",
                    "Last-Event-ID must be the id of an event this stream sent (a non-negative number).", null);
        }
    }

    private ServerSentEvent<String> toSse(FeedEntry entry) {
        return ServerSentEvent.<String>builder().id(Long.toString(entry.seq())).event(entry.type())
                .data(CloudEventJson.of(entry, json)).build();
    }
}
