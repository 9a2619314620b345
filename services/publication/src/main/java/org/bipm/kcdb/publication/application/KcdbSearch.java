package org.bipm.kcdb.publication.application;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Parameter;
import org.bipm.kcdb.publication.domain.PublicationStatus;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

/**
 * Searches published CMCs. Keywords are matched here, term by term, over the record's text: every term must
 * occur (the original's default AND).
 */
public class KcdbSearch {

    private final AggregateStore<PublishedCmc> published;

    public KcdbSearch(AggregateStore<PublishedCmc> published) {
        this.published = published;
    }

    public Mono<List<PublishedCmc>> search(PublicationStatus status, String keywords, Predicate<PublishedCmc> filter) {
        Predicate<PublishedCmc> matches = filter.and(keywordsMatch(keywords));
        return published.find(Query.query(Criteria.where("status").is(status.name())))
                .map(Versioned::aggregate)
                .filter(matches)
                .collectSortedList(Comparator.comparingLong(PublishedCmc::kcdbId));
    }

    public Mono<PublishedCmc> byCode(String kcdbCode) {
        return published.find(Query.query(Criteria.where("kcdbCode").is(kcdbCode))).next().map(Versioned::aggregate);
    }

    static Predicate<PublishedCmc> keywordsMatch(String keywords) {
        if (keywords == null || keywords.isBlank()) {
            return cmc -> true;
        }
        List<String> terms = new ArrayList<>();
        for (String term : keywords.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!term.isBlank() && !term.equals("and")) {
                terms.add(term.replace("\"", ""));
            }
        }
        return cmc -> {
            String text = text(cmc);
            return terms.stream().allMatch(text::contains);
        };
    }

    private static String text(PublishedCmc cmc) {
        CmcContent c = cmc.content();
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {cmc.kcdbCode(), cmc.institute(), cmc.rmo(), cmc.country(), c.quantityValue(),
                c.instrument(), c.instrumentMethod(), c.branchLabel(), c.comments(), c.metrologyAreaLabel()}) {
            if (part != null) {
                text.append(part).append(' ');
            }
        }
        if (c.parameters() != null) {
            for (Parameter p : c.parameters()) {
                text.append(p.parameterName()).append(' ').append(p.parameterValue()).append(' ');
            }
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
