package org.bipm.kcdb.publication.domain;

/** The keywords are not valid query-string syntax (an unbalanced quote or parenthesis, a dangling operator). */
public class InvalidKeywords extends RuntimeException {

    public InvalidKeywords(String message, Throwable cause) {
        super(message, cause);
    }
}
