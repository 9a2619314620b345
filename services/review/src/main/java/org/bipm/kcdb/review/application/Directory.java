package org.bipm.kcdb.review.application;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who the platform's users are, as the identity provider knows them: their roles, institute, RMO and areas. The
 * review asks it about the reviewers chairs assign, rather than taking the chair's word for them. Implementations
 * cache; an unreachable directory is an error, never an empty answer.
 */
public interface Directory {

    /** The user with this username, or empty when there is none. */
    Mono<DirectoryUser> user(String username);

    /**
     * The TC reviewers of {@code rmo} for {@code area}, by username; a {@code null} filter does not filter.
     */
    Flux<DirectoryUser> reviewers(String rmo, String area);
}
