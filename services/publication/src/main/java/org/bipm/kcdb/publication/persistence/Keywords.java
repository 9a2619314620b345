package org.bipm.kcdb.publication.persistence;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.bipm.kcdb.publication.domain.InvalidKeywords;

/**
 * The {@code keywords} of a KCDB search in the query-string syntax of the original (Elasticsearch's): AND, OR, NOT
 * (and +, -, &&, ||, !), "phrases", (groups), wildcards (* and ?), fuzzy~ and field:value over the record's text.
 * Terms without an operator must all occur, as in a search box.
 */
final class Keywords {

    static final String TEXT = "text";

    private Keywords() {
    }

    static Query parse(String keywords, Analyzer analyzer) {
        QueryParser parser = new QueryParser(TEXT, analyzer);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(true);
        try {
            return withPositiveClause(parser.parse(escapeSlashes(keywords)));
        } catch (ParseException | IndexSearcher.TooManyClauses | IllegalArgumentException e) {
            throw new InvalidKeywords(firstLine(e.getMessage()), e);
        } catch (TooComplexToDeterminizeException e) {
            // Lucene's own message counts states and transitions; the user needs to know what to change.
            throw new InvalidKeywords("the wildcards (* and ?) are too many or too intricate to match; use fewer", e);
        }
    }

    /**
     * Branch labels ("PR/Photo") are common in keywords; to Lucene a slash opens a regular expression, which would
     * turn them into a syntax error. Regular expressions are not part of what users type here.
     */
    private static String escapeSlashes(String keywords) {
        StringBuilder escaped = new StringBuilder(keywords.length() + 8);
        boolean backslash = false;
        for (char c : keywords.toCharArray()) {
            if (c == '/' && !backslash) {
                escaped.append('\\');
            }
            backslash = c == '\\' && !backslash;
            escaped.append(c);
        }
        return escaped.toString();
    }

    /**
     * "NOT water" means everything but water, as in Elasticsearch; a Lucene boolean query of prohibitions alone
     * matches nothing, so such groups get an implicit "everything" to subtract from, at every level.
     */
    private static Query withPositiveClause(Query query) {
        if (!(query instanceof BooleanQuery bool)) {
            return query;
        }
        BooleanQuery.Builder rebuilt = new BooleanQuery.Builder().setMinimumNumberShouldMatch(
                bool.getMinimumNumberShouldMatch());
        boolean positive = false;
        for (BooleanClause clause : bool.clauses()) {
            rebuilt.add(withPositiveClause(clause.getQuery()), clause.getOccur());
            positive |= clause.getOccur() != BooleanClause.Occur.MUST_NOT;
        }
        if (!positive) {
            rebuilt.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        }
        return rebuilt.build();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "The keywords are not valid query syntax.";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
