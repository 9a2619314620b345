package org.bipm.kcdb.submission.application;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.bipm.kcdb.events.ReferenceDataChanged;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.submission.domain.reference.ReferenceCatalogue;
import org.bipm.kcdb.submission.domain.reference.ReferenceEntry;
import org.bipm.kcdb.submission.domain.reference.ReferenceTable;
import org.bipm.kcdb.submission.persistence.ReferenceChanges;
import org.bipm.kcdb.support.domain.AlreadyExists;
import org.bipm.kcdb.support.domain.NotEntitled;
import org.bipm.kcdb.support.domain.NotFound;
import org.bipm.kcdb.support.domain.RuleViolation;
import org.bipm.kcdb.support.domain.Violation;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.springframework.beans.factory.ObjectProvider;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The KCDB reference data: the seed built from the public KCDB sources, plus what the KCDB office added, replaced or
 * retired (kept in the store, so every instance and restart sees it). Each change is announced on
 * {@code kcdb.cmc.submissions} ({@code org.bipm.kcdb.reference-data.changed}) through the change's own outbox, for
 * the public tables. CMCs store the labels they were written with, so a retirement never changes an existing CMC; it
 * only stops new ones from using the entry.
 */
public class ReferenceData {

    static final String SEED = "/reference-data/kcdb-seed.json";
    /** Another instance's change is seen within this time. */
    static final Duration FRESH = Duration.ofSeconds(10);
    static final int MAX_FIELDS = 20;
    static final int MAX_TEXT = 500;

    private final List<ReferenceEntry> seed;
    private final ReferenceChanges changes;
    private final Clock clock;
    private final ObjectProvider<OutboxRelay> relay;
    private volatile ReferenceCatalogue current;
    private volatile Instant loadedAt = Instant.EPOCH;
    /** The reload under way, if any. */
    private final AtomicReference<Mono<ReferenceCatalogue>> reloading = new AtomicReference<>();

    public ReferenceData(JsonMapper json, ReferenceChanges changes, Clock clock, ObjectProvider<OutboxRelay> relay) {
        this.seed = readSeed(json);
        this.changes = changes;
        this.clock = clock;
        this.relay = relay;
        this.current = new ReferenceCatalogue(seed);
    }

    /**
     * The catalogue, reloading the office's changes when the cached one is older than {@link #FRESH}. The commands
     * that find it older while a reload is under way wait for that reload instead of starting their own: under a
     * queue (single submits, issue 15 item 7) every request of the reload's duration read all the changes and built
     * a catalogue of its own (the seed's 2 900 entries, their keys normalized again).
     */
    public Mono<ReferenceCatalogue> catalogue() {
        if (Duration.between(loadedAt, clock.instant()).compareTo(FRESH) < 0) {
            return Mono.just(current);
        }
        return Mono.defer(() -> {
            Mono<ReferenceCatalogue> running = reloading.get();
            if (running != null) {
                return running;
            }
            AtomicReference<Mono<ReferenceCatalogue>> self = new AtomicReference<>();
            // cache(): each waiting command gets the reload's one answer (or its error); one that cancels leaves it
            // running for the others
            Mono<ReferenceCatalogue> reload = changes.all().collectList().map(this::loaded)
                    .doFinally(signal -> reloading.compareAndSet(self.get(), null)).cache();
            self.set(reload);
            return reloading.compareAndSet(null, reload) ? reload : catalogue();
        });
    }

    private ReferenceCatalogue loaded(List<ReferenceEntry> changed) {
        // a later entry with the same key replaces the seed's
        List<ReferenceEntry> all = new ArrayList<>(seed);
        all.addAll(changed);
        ReferenceCatalogue fresh = new ReferenceCatalogue(all);
        current = fresh;
        loadedAt = clock.instant();
        return fresh;
    }

    public Mono<ReferenceEntry> add(Caller caller, ReferenceTable table, Map<String, Object> fields) {
        requireOffice(caller);
        checkFields(table, fields);
        String key = table.keyOf(fields);
        return catalogue().flatMap(catalogue -> {
            if (catalogue.entry(table, key).filter(e -> !e.retired()).isPresent()) {
                return Mono.error(new AlreadyExists("reference-exists",
                        "The " + table.path() + " table already has '" + key + "'.", key));
            }
            return save(new ReferenceEntry(table, key, fields, false, caller.username(), clock.instant()));
        });
    }

    public Mono<ReferenceEntry> retire(Caller caller, ReferenceTable table, String key) {
        requireOffice(caller);
        if (key == null || key.isBlank()) {
            throw new RuleViolation(RuleViolation.INVALID_FIELDS, "Name the entry to retire.",
                    List.of(new Violation("key", "is required")));
        }
        return catalogue().flatMap(catalogue -> catalogue.entry(table, key == null ? "" : key)
                .map(entry -> save(entry.retire(caller.username(), clock.instant())))
                .orElseGet(() -> Mono.error(new NotFound("Entry '" + key + "' of " + table.path()))));
    }

    /**
     * Replaces a current entry with a new value (an institute's new name or identifiers, a corrected label): the
     * fields identifying it stay, the others are the body's; 404 when the table has no such current entry.
     */
    public Mono<ReferenceEntry> replace(Caller caller, ReferenceTable table, Map<String, Object> fields) {
        requireOffice(caller);
        checkFields(table, fields);
        String key = table.keyOf(fields);
        return catalogue().flatMap(catalogue -> catalogue.entry(table, key).filter(e -> !e.retired())
                .map(existing -> save(new ReferenceEntry(table, existing.key(), fields, false, caller.username(),
                        clock.instant())))
                .orElseGet(() -> Mono.error(new NotFound("Entry '" + key + "' of " + table.path()))));
    }

    /** Stores the entry's new state with the {@link ReferenceDataChanged} event that announces it. */
    private Mono<ReferenceEntry> save(ReferenceEntry entry) {
        ReferenceDataChanged changed = new ReferenceDataChanged(UUID.randomUUID(), entry.changedAt(),
                ReferenceDataChanged.SCHEMA_VERSION, entry.table().path(), entry.key(), entry.fields(),
                entry.retired(), entry.changedBy());
        return changes.save(entry, changed).map(saved -> {
            current = current.with(entry);
            relay.ifAvailable(OutboxRelay::nudge);
            return entry;
        });
    }

    private static void checkFields(ReferenceTable table, Map<String, Object> fields) {
        List<Violation> errors = new ArrayList<>();
        for (String field : table.required()) {
            Object value = fields.get(field);
            if (value == null || value.toString().isBlank()) {
                errors.add(new Violation(field, "is required"));
            }
        }
        if (fields.size() > MAX_FIELDS) {
            errors.add(new Violation("(body)", "at most " + MAX_FIELDS + " fields"));
        }
        fields.forEach((name, value) -> {
            if (!name.matches("[A-Za-z][A-Za-z0-9]{0,49}")) {
                errors.add(new Violation(name, "is not a field name"));
            } else if (value != null && !(value instanceof String || value instanceof Number
                    || value instanceof Boolean)) {
                errors.add(new Violation(name, "must be text, a number or true/false"));
            } else if (value != null && value.toString().length() > MAX_TEXT) {
                errors.add(new Violation(name, "must be at most " + MAX_TEXT + " characters"));
            }
        });
        if (!errors.isEmpty()) {
            throw new RuleViolation(RuleViolation.INVALID_FIELDS, "The entry is not valid.", errors);
        }
    }

    private static void requireOffice(Caller caller) {
        if (!caller.has(Role.KCDB_OFFICE)) {
            throw new NotEntitled("Only the KCDB office changes reference data.");
        }
    }

    /** The seed's entries, in file order. */
    public static List<ReferenceEntry> readSeed(JsonMapper json) {
        try (InputStream in = ReferenceData.class.getResourceAsStream(SEED)) {
            if (in == null) {
                throw new IllegalStateException("The reference-data seed " + SEED + " is missing");
            }
            Map<String, Object> tables = json.readValue(in, new TypeReference<Map<String, Object>>() { });
            List<ReferenceEntry> entries = new ArrayList<>();
            for (ReferenceTable table : ReferenceTable.values()) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rows = (List<Map<String, Object>>) tables.get(table.seedName());
                rows.forEach(row -> entries.add(ReferenceEntry.seeded(table, row)));
            }
            return entries;
        } catch (IOException e) {
            throw new IllegalStateException("The reference-data seed cannot be read", e);
        }
    }
}
