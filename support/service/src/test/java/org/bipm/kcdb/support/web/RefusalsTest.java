package org.bipm.kcdb.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.bipm.kcdb.support.domain.AlreadyExists;
import org.bipm.kcdb.support.domain.ConcurrentChange;
import org.bipm.kcdb.support.domain.IllegalTransition;
import org.bipm.kcdb.support.domain.InvalidFields;
import org.bipm.kcdb.support.domain.NotEntitled;
import org.bipm.kcdb.support.domain.NotFound;
import org.bipm.kcdb.support.domain.RuleViolation;
import org.bipm.kcdb.support.domain.StaleVersion;
import org.bipm.kcdb.support.domain.Violation;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Each kind of refusal has one answer in every service: status, problem type and extension members. */
class RefusalsTest {

    enum Stage { DRAFT }

    @Test
    void anIllegalTransitionIs409NamingTheCurrentState() {
        ApiProblem p = Refusals.problem(new IllegalTransition("A CMC in status DRAFT cannot be approved.", Stage.DRAFT));
        assertThat(p.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(p.type()).isEqualTo("illegal-transition");
        assertThat(p.getMessage()).isEqualTo("A CMC in status DRAFT cannot be approved.");
        assertThat(p.properties()).isEqualTo(Map.of("currentState", "DRAFT"));
    }

    @Test
    void whoMayNotActGets403AndWhoMayNotSeeGets404() {
        ApiProblem forbidden = Refusals.problem(new NotEntitled("Only TC chairs decide."));
        assertThat(forbidden.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(forbidden.type()).isEqualTo("forbidden");
        assertThat(forbidden.properties()).isEmpty();
        ApiProblem notFound = Refusals.problem(new NotFound("CMC 42"));
        assertThat(notFound.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(notFound.type()).isEqualTo("not-found");
        assertThat(notFound.getMessage()).isEqualTo("CMC 42 was not found.");
    }

    @Test
    void aRuleViolationIs422WithEachFieldOrWithoutAFieldList() {
        ApiProblem fields = Refusals.problem(new RuleViolation("invalid-cmc", "The CMC has 1 field(s) to correct.",
                List.of(new Violation("cmc.unit", "is not a unit"))));
        assertThat(fields.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(fields.type()).isEqualTo("invalid-cmc");
        assertThat(fields.properties()).isEqualTo(Map.of("errors", List.of(new Violation("cmc.unit", "is not a unit"))));
        ApiProblem none = Refusals.problem(new RuleViolation(RuleViolation.INVALID_FIELDS, "No reply to nothing.",
                List.of()));
        assertThat(none.properties()).isEqualTo(Map.of("errors", List.of()));
        ApiProblem whole = Refusals.problem(new RuleViolation("unevaluable", "Too few results."));
        assertThat(whole.properties()).isEmpty();
    }

    @Test
    void malformedFieldsAre400() {
        ApiProblem p = Refusals.problem(new InvalidFields("The request has 1 invalid field(s).",
                List.of(new Violation("pilot", "is required"))));
        assertThat(p.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(p.type()).isEqualTo("invalid-fields");
        assertThat(p.properties()).containsKey("errors");
    }

    @Test
    void conflictsOfVersionsAndExistence() {
        ApiProblem stale = Refusals.problem(new StaleVersion(3));
        assertThat(stale.status()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(stale.type()).isEqualTo("stale-version");
        assertThat(stale.properties()).isEqualTo(Map.of("currentVersion", 3L));
        ApiProblem concurrent = Refusals.problem(new ConcurrentChange("review case"));
        assertThat(concurrent.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(concurrent.type()).isEqualTo("concurrent-change");
        assertThat(concurrent.getMessage()).isEqualTo("The review case is being changed by others; try again.");
        ApiProblem exists = Refusals.problem(new AlreadyExists("already-registered", "CCEM-K8 is registered."));
        assertThat(exists.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(exists.type()).isEqualTo("already-registered");
        assertThat(exists.properties()).isEmpty();
        ApiProblem keyed = Refusals.problem(new AlreadyExists("reference-exists", "It has 'V'.", "V"));
        assertThat(keyed.properties()).isEqualTo(Map.of("key", "V"));
    }

    @Test
    void anythingElseIsNotKnown() {
        assertThat(Refusals.known(new IllegalStateException("boom"))).isNull();
        ApiProblem own = ApiProblem.forbidden("no");
        assertThat(Refusals.known(own)).isSameAs(own);
    }
}
