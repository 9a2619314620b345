package org.bipm.kcdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.bipm.kcdb.e2e.FaultInjection.Fault;
import org.bipm.kcdb.e2e.FaultInjection.Kind;
import org.bipm.kcdb.e2e.FaultInjection.Point;
import org.bipm.kcdb.e2e.FaultInjection.Wave;
import org.bipm.kcdb.platform.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The short version of the fault-injection suite ({@code bench/faults.sh} runs the long one, issue 16 item 7): on the
 * shared platform, 24 CMC workflows from draft to published while the review service is killed with -9 right after
 * the submissions (their {@code cmc.submitted} in flight), and the publication service (which serves the event stream)
 * and then the Kafka broker are killed with -9 right after the intra-RMO approvals, each started again on its port and
 * data. Every CMC must end published exactly once with its own KCDB code, the topics must hold exactly the workflows'
 * events, no dead letter may remain, an RMO's webhook must receive every publication once, and an RMO's system
 * following the Server-Sent Events stream (reconnecting with Last-Event-ID) every public event once. Each process is
 * back and healthy before the test ends, so the classes after it find the platform as before.
 */
@ExtendWith(SharedPlatform.class)
class FaultInjectionTest {

    @Test
    void everyWorkflowEndsPublishedOnceThoughAServiceAndTheBrokerAreKilled(Platform platform) throws Exception {
        FaultInjection.Result result = new FaultInjection(platform, "FAULTS", Duration.ofMinutes(5)).run(List.of(
                new Wave(24, List.of(new Fault("review", Kind.KILL, Point.AFTER_SUBMIT),
                        new Fault("publication", Kind.KILL, Point.AFTER_INTRA_RMO_APPROVAL),
                        new Fault("kafka", Kind.KILL, Point.AFTER_INTRA_RMO_APPROVAL)))));
        System.out.print(result.table());
        assertThat(result.failures()).as(result.table()).isEmpty();
    }
}
