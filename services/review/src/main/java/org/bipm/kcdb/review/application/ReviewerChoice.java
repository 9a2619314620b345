package org.bipm.kcdb.review.application;

import java.util.Comparator;
import org.bipm.kcdb.directory.Directory;
import org.bipm.kcdb.directory.DirectoryUser;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import reactor.core.publisher.Flux;

/** The directory's TC reviewers a chair chooses from (CONTRACT.md §7), for chairs and the JCRB secretary. */
public class ReviewerChoice {

    private final Directory directory;

    public ReviewerChoice(Directory directory) {
        this.directory = directory;
    }

    public Flux<DirectoryUser> reviewers(Caller caller, String rmo, String area) {
        Actors.require(caller, "list the directory's reviewers", Role.TC_CHAIR, Role.JCRB_SECRETARY);
        return directory.reviewers(rmo, area).sort(Comparator.comparing(DirectoryUser::username));
    }
}
