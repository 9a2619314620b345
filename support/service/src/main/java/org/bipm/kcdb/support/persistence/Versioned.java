package org.bipm.kcdb.support.persistence;

/** An aggregate with the version it was stored under; the version is the ETag clients send back. */
public record Versioned<T>(T aggregate, long version) {

    public String etag() {
        return "\"" + version + "\"";
    }
}
