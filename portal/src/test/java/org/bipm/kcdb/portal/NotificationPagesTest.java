package org.bipm.kcdb.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;

import org.bipm.kcdb.portal.StandInGateway.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The user's notifications page and the header's unread count, against a stand-in gateway. */
class NotificationPagesTest extends PortalPageTest {

    WebTestClient reviewer() {
        return signedIn("reviewer.lne", "ROLE_tc-reviewer");
    }

    @Test
    void theUserSeesTheirNoticesEachLinkingToItsCaseAndMarksThemRead() {
        ANSWERS.put("GET /api/notifications/unread-count", new Answer(200, "{\"unread\":1}"));
        ANSWERS.put("GET /api/notifications?page=0&size=20", new Answer(200, """
                {"content":[{"id":"e1:reviewer.lne","kind":"REVIEWER_ASSIGNED","title":"You are asked to review CMC c-1",
                  "text":"chair.euramet of EURAMET assigned you as a reviewer of CMC c-1.","link":"/reviews/r-1",
                  "subject":"c-1","occurredAt":"2026-12-01T10:00:00Z","read":false},
                 {"id":"e2:reviewer.lne","kind":"COMMENT_ADDED","title":"New comment on CMC c-2","text":"x",
                  "link":"https://elsewhere.example/","subject":"c-2","occurredAt":"2026-11-30T10:00:00Z","read":true}],
                 "page":0,"size":20,"totalElements":21}"""));
        String page = reviewer().get().uri("/notifications").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("You are asked to review CMC c-1").contains("href=\"/reviews/r-1\"")
                .contains("1 unread").contains("/notifications/e1:reviewer.lne/read")
                .as("a link that leaves the portal is not followed").doesNotContain("elsewhere.example")
                .contains("hx-get=\"/notifications/unread\"")
                .as("a second page: 21 notices, 20 a page").contains("/notifications?page=1");

        ANSWERS.put("POST /api/notifications/e1", new Answer(204, ""));
        reviewer().mutateWith(csrf()).post().uri("/notifications/e1:reviewer.lne/read").exchange()
                .expectStatus().is3xxRedirection().expectHeader().valueEquals("Location", "/notifications");
        assertThat(RECEIVED.keySet()).anyMatch(key -> key.matches("POST /api/notifications/e1(:|%3A)reviewer\\.lne/read"));
    }

    @Test
    void theHeaderShowsTheUnreadCountOrNothing() {
        ANSWERS.put("GET /api/notifications/unread-count", new Answer(200, "{\"unread\":3}"));
        reviewer().get().uri("/notifications/unread").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("<span class=\"badge\">3</span>");
        ANSWERS.put("GET /api/notifications/unread-count", new Answer(200, "{\"unread\":0}"));
        reviewer().get().uri("/notifications/unread").exchange().expectStatus().isOk().expectBody().isEmpty();
        http.get().uri("/notifications").exchange().expectStatus().isFound();
    }
}
