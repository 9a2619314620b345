package org.bipm.kcdb.review.web;

import java.util.List;
import java.util.Set;
import org.bipm.kcdb.directory.DirectoryUser;
import org.bipm.kcdb.review.application.ReviewerChoice;
import org.bipm.kcdb.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The directory's TC reviewers for the portal's choice (CONTRACT.md §7), read from Keycloak. */
@RestController
@RequestMapping("/api/directory")
class DirectoryController {

    private final ReviewerChoice choice;

    DirectoryController(ReviewerChoice choice) {
        this.choice = choice;
    }

    /**
     * The TC reviewers of {@code rmo} for {@code area} (each filter left out does not filter), by username; for TC
     * chairs and the JCRB secretary. No e-mail addresses.
     */
    @GetMapping("/reviewers")
    Mono<List<ReviewerView>> reviewers(Caller caller, @RequestParam(required = false) String rmo,
                                       @RequestParam(required = false) String area) {
        return choice.reviewers(caller, rmo, area).map(ReviewerView::of).collectList();
    }

    record ReviewerView(String username, String name, String institute, String country, String rmo,
                        Set<String> areas) {

        static ReviewerView of(DirectoryUser user) {
            return new ReviewerView(user.username(), user.name(), user.institute(), user.country(), user.rmo(),
                    user.areas());
        }
    }
}
