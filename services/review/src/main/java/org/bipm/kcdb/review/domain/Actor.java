package org.bipm.kcdb.review.domain;

/** Someone acting on a review case. Each kind carries only what the review's rules look at. */
public sealed interface Actor permits Reviewer, CmcWriter, JcrbSecretary {

    String username();
}
