package org.bipm.kcdb.portal.api;

import java.util.Map;

/** A successful answer of the API: its JSON body and, for a versioned resource, its ETag. */
public record ApiResponse(Map<String, Object> body, String etag) {
}
