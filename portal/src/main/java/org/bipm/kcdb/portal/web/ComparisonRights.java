package org.bipm.kcdb.portal.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bipm.kcdb.portal.web.PageAdvice.PortalUser;

/**
 * Which of a comparison's forms the signed-in user is shown: exactly those the comparison API would accept from them
 * now (its rules on moving the status, reporting a result and evaluating), judged from what the API answered about
 * the comparison (pilot, participants, status) and the user's roles and institute from the token. The one place the
 * portal mirrors those rules; the API decides again on every post.
 *
 * @param nextStatuses     the statuses the user may move the comparison to: the pilot laboratory's coordinator any
 *                         next one but publication, the KCDB office any (publication only by the office)
 * @param resultInstitutes whose result the user may report: the pilot's coordinator any participant's, a
 *                         participant's staff their own institute's; during the measurements and, as corrections, in
 *                         Draft A and B
 * @param correction       a result changes only as a correction with a reason (Draft A and B)
 * @param evaluate         the user may evaluate: the pilot's coordinator or the KCDB office, in Draft A or B
 */
record ComparisonRights(List<String> nextStatuses, List<String> resultInstitutes, boolean correction,
                        boolean evaluate) {

    /** The life cycle's next statuses (the comparison service's transition table). */
    static final Map<String, List<String>> NEXT = Map.of(
            "PLANNED", List.of("MEASUREMENTS", "WITHDRAWN"),
            "MEASUREMENTS", List.of("DRAFT_A", "WITHDRAWN"),
            "DRAFT_A", List.of("DRAFT_B", "WITHDRAWN"),
            "DRAFT_B", List.of("APPROVED", "WITHDRAWN"),
            "APPROVED", List.of("PUBLISHED", "WITHDRAWN"));

    private static final Set<String> DRAFTS = Set.of("DRAFT_A", "DRAFT_B");
    private static final String COORDINATOR = "comparison-coordinator";
    private static final String OFFICE = "kcdb-office";
    /** The roles the API lets report a result at all (then only for their own institute, unless pilot). */
    private static final List<String> REPORTERS = List.of(COORDINATOR, "cmc-writer", OFFICE);

    static final ComparisonRights NONE = new ComparisonRights(List.of(), List.of(), false, false);

    static ComparisonRights of(Map<String, Object> comparison, PortalUser user) {
        if (user == null) {
            return NONE;
        }
        String status = String.valueOf(comparison.get("status"));
        List<String> participants = comparison.get("participants") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
        boolean office = user.has(OFFICE);
        boolean pilot = user.has(COORDINATOR) && user.institute() != null
                && user.institute().equals(comparison.get("pilot"));
        List<String> next = NEXT.getOrDefault(status, List.of()).stream()
                .filter(s -> "PUBLISHED".equals(s) ? office : pilot || office).toList();
        boolean reporting = "MEASUREMENTS".equals(status) || DRAFTS.contains(status);
        List<String> reported = !reporting || REPORTERS.stream().noneMatch(user::has) ? List.of()
                : pilot ? participants
                : participants.contains(user.institute()) ? List.of(user.institute()) : List.of();
        return new ComparisonRights(next, reported, DRAFTS.contains(status), (pilot || office)
                && DRAFTS.contains(status));
    }
}
