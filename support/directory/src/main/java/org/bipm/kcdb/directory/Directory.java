package org.bipm.kcdb.directory;

import org.bipm.kcdb.security.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who the platform's users are, as the identity provider knows them: their roles, institute, RMO, areas and e-mail
 * address. The review asks it about the reviewers chairs assign, rather than taking the chair's word for them; the
 * notification service asks it who must be told something. Implementations cache; an unreachable directory is an
 * error, never an empty answer.
 */
public interface Directory {

    /** The user with this username, or empty when there is none. */
    Mono<DirectoryUser> user(String username);

    /** Every holder of the realm role {@code role}. */
    Flux<DirectoryUser> withRole(Role role);

    /**
     * The TC reviewers of {@code rmo} for {@code area}, by username; a {@code null} filter does not filter.
     */
    default Flux<DirectoryUser> reviewers(String rmo, String area) {
        return withRole(Role.TC_REVIEWER).filter(user -> user.reviews(rmo, area));
    }

    /**
     * The holders of {@code role} narrowed by institute, RMO and area; a {@code null} filter does not filter, and a
     * user without areas covers none.
     */
    default Flux<DirectoryUser> users(Role role, String institute, String rmo, String area) {
        return withRole(role).filter(user -> user.of(institute, rmo, area));
    }
}
