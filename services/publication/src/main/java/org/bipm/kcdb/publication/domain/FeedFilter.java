package org.bipm.kcdb.publication.domain;

import java.util.List;
import java.util.Set;

/** What a subscriber wants to see; an empty set means any. An event without the filtered attribute is left out. */
public record FeedFilter(Set<String> types, Set<String> areas, Set<String> rmos, Set<String> countries) {

    public FeedFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
        areas = areas == null ? Set.of() : Set.copyOf(areas);
        rmos = rmos == null ? Set.of() : Set.copyOf(rmos);
        countries = countries == null ? Set.of() : Set.copyOf(countries);
    }

    public static FeedFilter of(List<String> types, List<String> areas, List<String> rmos, List<String> countries) {
        return new FeedFilter(set(types), set(areas), set(rmos), set(countries));
    }

    public boolean matches(FeedEntry e) {
        return in(types, e.type()) && in(areas, e.area()) && in(rmos, e.rmo()) && in(countries, e.country());
    }

    private static boolean in(Set<String> wanted, String value) {
        return wanted.isEmpty() || (value != null && wanted.contains(value));
    }

    /** Accepts repeated parameters and comma-separated lists alike. */
    private static Set<String> set(List<String> values) {
        if (values == null) {
            return Set.of();
        }
        return values.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip)
                .filter(v -> !v.isEmpty()).collect(java.util.stream.Collectors.toSet());
    }
}
