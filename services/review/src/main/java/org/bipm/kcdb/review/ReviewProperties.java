package org.bipm.kcdb.review;

import java.time.Duration;
import java.util.Map;
import org.bipm.kcdb.review.domain.ApprovalPolicy;
import org.bipm.kcdb.review.domain.InterRmoRules;
import org.bipm.kcdb.review.domain.StepPeriods;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kcdb.review.*}: the JCRB timetable new cases are opened under, and how often the clock looks at running
 * inter-RMO reviews. Each rule left out keeps its default from {@link InterRmoRules#DEFAULTS}.
 *
 * @param clockTick how often deadlines are checked; a deadline is acted on at most this late
 * @param intraRmoReviewPeriod  the submitting RMO's review period, unless {@code intraRmoReviewPeriods} names it
 * @param intraRmoReviewPeriods per RMO (acronym), where it differs
 * @param reviewerPeriod        an assigned reviewer's review period
 * @param answerPeriod          the writer's time to answer a return
 */
@ConfigurationProperties("kcdb.review")
public record ReviewProperties(Duration clockTick, Duration intentWindow, Duration maximumReviewPeriod,
                               Duration warningPeriod, ApprovalPolicy approvalPolicy, Duration intraRmoReviewPeriod,
                               Map<String, Duration> intraRmoReviewPeriods, Duration reviewerPeriod,
                               Duration answerPeriod) {

    public InterRmoRules rules() {
        InterRmoRules defaults = InterRmoRules.DEFAULTS;
        return new InterRmoRules(
                intentWindow != null ? intentWindow : defaults.intentWindow(),
                maximumReviewPeriod != null ? maximumReviewPeriod : defaults.maximumReviewPeriod(),
                warningPeriod != null ? warningPeriod : defaults.warningPeriod(),
                approvalPolicy != null ? approvalPolicy : defaults.approvalPolicy(),
                new StepPeriods(intraRmoReviewPeriod, intraRmoReviewPeriods, reviewerPeriod, answerPeriod));
    }
}
