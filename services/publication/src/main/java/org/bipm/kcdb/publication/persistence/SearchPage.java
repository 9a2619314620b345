package org.bipm.kcdb.publication.persistence;

import java.util.List;
import java.util.Map;
import org.bipm.kcdb.publication.domain.PublishedCmc;

/**
 * One page of a search, in KCDB-code order, with the total number of matches; {@code facets} (quick search only)
 * counts the matches per value of each {@link QuickFilter}, most frequent first.
 */
public record SearchPage(List<PublishedCmc> records, long totalElements, Map<QuickFilter, Map<String, Integer>> facets) {
}
