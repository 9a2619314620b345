package org.bipm.kcdb.review.domain;

import java.time.Instant;

/**
 * A TC reviewer a chair assigned: in the intra-RMO review by the submitting RMO's chair, in the inter-RMO review
 * by a reviewing RMO's chair, each from their own RMO.
 *
 * @param rmo the RMO the reviewer reviews for (cases stored before inter-RMO assignments read it as the
 *            submitting RMO's)
 */
public record Assignment(String reviewer, String institute, String rmo, String assignedBy, Instant at) {
}
