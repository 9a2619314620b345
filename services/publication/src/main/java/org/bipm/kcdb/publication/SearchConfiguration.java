package org.bipm.kcdb.publication;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import org.bipm.kcdb.publication.application.KcdbSearch;
import org.bipm.kcdb.publication.persistence.ReferenceData;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.CmcIndex;
import org.bipm.kcdb.publication.persistence.ReferenceChanges;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory search index: filled before the service answers, then kept current (DESIGN.md §5). */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);

    @Bean
    ReferenceData referenceData() {
        return ReferenceData.kcdb();
    }

    /**
     * Names things as the public KCDB does now: the seed with the office's reference-data changes; when they change
     * (an event consumed here, or another instance's seen at the next reload), every document is rewritten.
     */
    @Bean(destroyMethod = "close")
    CmcIndex cmcIndex(ReferenceChanges changes,
                      @Value("${kcdb.search.refresh-interval:PT0.1S}") Duration refreshInterval) {
        CmcIndex index = new CmcIndex(changes::names, refreshInterval);
        changes.onChange(() -> {
            long started = System.nanoTime();
            int rewritten = index.reindex();
            log.info("Reference data changed: {} published CMCs reindexed in {} ms", rewritten,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        });
        return index;
    }

    @Bean
    KcdbSearch kcdbSearch(AggregateStore<PublishedCmc> published, CmcIndex index, Clock clock,
                          @Value("${kcdb.search.overlap:PT30S}") Duration overlap,
                          @Value("${kcdb.search.store-page:" + KcdbSearch.PAGE + "}") int page,
                          MeterRegistry registry) {
        KcdbSearch search = new KcdbSearch(published, index, clock, overlap, page, registry);
        long started = System.nanoTime();
        int loaded = search.load();
        log.info("Search index loaded {} published CMCs in {} ms", loaded,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return search;
    }

    /** Other instances publish too; their records arrive by this periodic look at what changed. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService searchCatchUp(KcdbSearch search,
                                           @Value("${kcdb.search.catch-up-interval:PT2S}") Duration interval) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "search-catch-up");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                search.catchUp();
            } catch (RuntimeException e) {
                log.warn("Search index catch-up failed; retrying at the next look", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler;
    }
}
