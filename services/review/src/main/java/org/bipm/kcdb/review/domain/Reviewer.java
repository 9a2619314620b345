package org.bipm.kcdb.review.domain;

import java.util.Set;

/** Someone acting on a review: their username, institute, RMO and the areas their committee covers. */
public record Reviewer(String username, String institute, String rmo, Set<String> areas, boolean chair) {
}
