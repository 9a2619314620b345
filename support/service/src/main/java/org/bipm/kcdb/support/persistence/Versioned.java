package org.bipm.kcdb.support.persistence;

/**
 * An aggregate with the version it was stored under; the version is the ETag clients send back. {@code id} is the
 * key it is stored under when the store read or wrote it (null for one made up elsewhere).
 */
public record Versioned<T>(T aggregate, long version, String id) {

    public Versioned(T aggregate, long version) {
        this(aggregate, version, null);
    }

    public String etag() {
        return "\"" + version + "\"";
    }
}
