package org.bipm.kcdb.publication.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bipm.kcdb.publication.application.KcdbSearch;
import org.bipm.kcdb.publication.domain.PublicationStatus;
import org.bipm.kcdb.publication.persistence.CmcIndex;
import org.bipm.kcdb.publication.persistence.Cmcs;
import org.bipm.kcdb.publication.persistence.ReferenceData;
import org.bipm.kcdb.support.web.ApiProblem;

/**
 * Property-based: requests generated from the API's request records – every component of the record filled with
 * what a client may send (nothing, extremes, Lucene syntax that explodes, control characters, dates at the edge of
 * the range, lists holding null) – are answered or refused with a 4xx problem naming the field, never with another
 * exception (which the service would answer 500). Seeded, so a failure is reproduced by running again; the number
 * of cases is {@code jqwik.tries.default} (junit-platform.properties; {@code -Pproperties-long} for more).
 */
public class RequestPropertiesTest {

    static CmcIndex index;
    static KcdbSearch search;

    @BeforeContainer
    static void index() {
        index = new CmcIndex(ReferenceData.kcdb());
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
        index.putAll(List.of(new CmcIndex.Indexed("a", Cmcs.mslIlluminance(), 1, longAgo),
                new CmcIndex.Indexed("b", Cmcs.ptbAcCurrent("cmc-ptb-2", 9002, "EURAMET-EM-DE-00000C03-2",
                        PublicationStatus.PUBLISHED, "2023-02-10"), 1, longAgo),
                new CmcIndex.Indexed("c", Cmcs.nmijAntimony(), 1, longAgo),
                new CmcIndex.Indexed("d", Cmcs.nmijCr51(), 1, longAgo)));
        search = new KcdbSearch(null, index, Clock.systemUTC(), Duration.ZERO);
    }

    @AfterContainer
    static void close() throws Exception {
        index.close();
    }

    @Property(seed = "17")
    void aQuickSearchIsAnsweredOrRefusedAsABadRequest(@ForAll("quick") QuickSearchCriteria criteria,
                                                      @ForAll("instants") String changedSince) {
        answeredOrRefused(() -> SearchRequest.quick(criteria, changedSince).run(search, true));
    }

    @Property(seed = "18")
    void aPhysicsSearchIsAnsweredOrRefusedAsABadRequest(@ForAll("physics") SearchCriteria.Physics criteria,
                                                        @ForAll("instants") String changedSince) {
        answeredOrRefused(() -> SearchRequest.physics(criteria, changedSince).run(search, false));
    }

    @Property(seed = "19")
    void aChemistrySearchIsAnsweredOrRefusedAsABadRequest(
            @ForAll("chemistry") SearchCriteria.ChemistryAndBiology criteria, @ForAll("instants") String changedSince) {
        answeredOrRefused(() -> SearchRequest.chemistryAndBiology(criteria, changedSince).run(search, false));
    }

    @Property(seed = "20")
    void aRadiationSearchIsAnsweredOrRefusedAsABadRequest(@ForAll("radiation") SearchCriteria.Radiation criteria,
                                                          @ForAll("instants") String changedSince) {
        answeredOrRefused(() -> SearchRequest.radiation(criteria, changedSince).run(search, false));
    }

    static void answeredOrRefused(Runnable call) {
        try {
            call.run();
        } catch (ApiProblem refused) {
            assertThat(refused.status().is4xxClientError()).as(refused.getMessage()).isTrue();
        }
    }

    @Provide
    Arbitrary<QuickSearchCriteria> quick() {
        return of(QuickSearchCriteria.class);
    }

    @Provide
    Arbitrary<SearchCriteria.Physics> physics() {
        return of(SearchCriteria.Physics.class);
    }

    @Provide
    Arbitrary<SearchCriteria.ChemistryAndBiology> chemistry() {
        return of(SearchCriteria.ChemistryAndBiology.class);
    }

    @Provide
    Arbitrary<SearchCriteria.Radiation> radiation() {
        return of(SearchCriteria.Radiation.class);
    }

    @Provide
    Arbitrary<String> instants() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of("-999999999-01-01T00:00:00Z",
                "+1000000000-01-01T00:00:00Z", "+999999999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "2024-02-30T00:00:00Z", "2024-01-01", "now", ""), texts());
    }

    /** A record with each component drawn from what a client may send for its type. */
    public static <T extends Record> Arbitrary<T> of(Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        List<Arbitrary<Object>> values = new ArrayList<>();
        for (RecordComponent component : components) {
            values.add(valuesOf(component.getGenericType()));
        }
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        return combine(values).map(args -> {
            try {
                Constructor<T> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(args.toArray());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Arbitrary<List<Object>> combine(List<Arbitrary<Object>> values) {
        Arbitrary<List<Object>> all = Arbitraries.just(new ArrayList<>());
        for (Arbitrary<Object> value : values) {
            all = all.flatMap(list -> value.map(v -> {
                List<Object> more = new ArrayList<>(list);
                more.add(v);
                return more;
            }));
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    static Arbitrary<Object> valuesOf(Type type) {
        if (type == Integer.class) {
            return (Arbitrary<Object>) (Arbitrary<?>) Arbitraries.oneOf(Arbitraries.just(null),
                    Arbitraries.of(0, -1, 1, 10_000, 10_001, Integer.MAX_VALUE, Integer.MIN_VALUE),
                    Arbitraries.integers());
        }
        if (type == Boolean.class) {
            return (Arbitrary<Object>) (Arbitrary<?>) Arbitraries.of(true, false).injectNull(0.2);
        }
        if (type == String.class) {
            return (Arbitrary<Object>) (Arbitrary<?>) texts();
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return (Arbitrary<Object>) (Arbitrary<?>) texts().list().ofMaxSize(4).injectNull(0.2);
        }
        throw new IllegalArgumentException("No values for " + type);
    }

    /** Text a client may send: nothing, words, codes, query syntax, dates, control characters, long strings. */
    public static Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.of("", " ", "PUBLISHED", "published", "ARCHIVED", "EM", "PHYSICS", "DE", "de", "XX",
                        "2024-01-01", "2024-13-45", "0000-01-01", "99999-01-01", "EURAMET", "a*".repeat(200),
                        "*".repeat(50), "?*?*?*?*?*?*", "a~2 b~2 c~2", "\"unclosed", "(((", ")", "AND", "NOT",
                        "voltage AND NOT current", "/regex/", "[a TO z]", "{a TO z}", "field:value", "\\", "\u0000",
                        "x".repeat(5000), "ÄÖÜ µA/A", "😀", "null", "1e309", "-0"),
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("a*?~\"()[]{}:/\\^!+-&| ").ofMaxLength(60));
    }

}
