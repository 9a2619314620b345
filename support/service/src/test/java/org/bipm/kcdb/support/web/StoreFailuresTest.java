package org.bipm.kcdb.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerId;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bipm.kcdb.support.domain.NotFound;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A store that cannot answer (issue 16: the fault run's bulk items answered 500 when the local store reset its
 * connections) is answered 503 {@code store-unavailable} with Retry-After by a single request, and with the same
 * problem per item by a bulk one; never 500.
 */
class StoreFailuresTest {

    static Socket heldPort;
    static MongoClient client;
    static ReactiveMongoTemplate store;

    /**
     * A store nobody listens for: every operation fails as when the store is down (the driver's timeout). The port
     * stays bound, not listening, for the whole class: every connection to it is refused, and no other server (nor
     * the local end of another process's connection) can take it meanwhile, as one could a port merely found free.
     */
    @BeforeAll
    static void aStoreThatIsGone() throws IOException {
        heldPort = new Socket();
        heldPort.setReuseAddress(false);
        heldPort.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = MongoClients.create("mongodb://127.0.0.1:" + heldPort.getLocalPort()
                + "/?serverSelectionTimeoutMS=300&connectTimeoutMS=300");
        store = new ReactiveMongoTemplate(client, "kcdb");
    }

    @AfterAll
    static void close() throws IOException {
        client.close();
        heldPort.close();
    }

    @RestController
    static class Things {
        @GetMapping("/things/{id}")
        Mono<String> read(@PathVariable String id) {
            return store.findById(id, Document.class, "things").map(Document::toJson);
        }

        @PostMapping("/things/submit")
        Mono<Bulk.Results> submit(@RequestBody List<String> ids) {
            return Bulk.run(Bulk.ids("ids", ids), id -> store.findById(id, Document.class, "things")
                    .map(found -> "SUBMITTED"), "/things/{id}/submit");
        }
    }

    final WebTestClient http = WebTestClient.bindToController(new Things()).controllerAdvice(new ProblemHandler())
            .build();

    @Test
    void aSingleRequestIsAnswered503WithRetryAfter() {
        http.get().uri("/things/t-1").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, ProblemHandler.RETRY_AFTER_SECONDS)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://kcdb.bipm.org/problems/store-unavailable")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString())
                        .doesNotContain("com.mongodb", "Exception"));
    }

    @Test
    void eachItemOfABulkRequestIsAnsweredTheSame503() {
        http.post().uri("/things/submit").bodyValue(List.of("t-1", "t-2", "t-3")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.results.length()").isEqualTo(3)
                .jsonPath("$.results[*].problem.status").value(statuses -> assertThat(statuses)
                        .asInstanceOf(InstanceOfAssertFactories.LIST).containsOnly(503))
                .jsonPath("$.results[*].problem.type").value(types -> assertThat(types)
                        .asInstanceOf(InstanceOfAssertFactories.LIST)
                        .containsOnly("https://kcdb.bipm.org/problems/store-unavailable"))
                .jsonPath("$.results[1].problem.instance").isEqualTo("/things/t-2/submit");
    }

    /** What the fault run saw (a reset, then the paused pool), as Spring hands it over; and what is not one. */
    @Test
    void aResetConnectionAndAPausedPoolAreTheStoreUnavailableAndARefusalOrAWriteErrorIsNot() {
        ServerAddress address = new ServerAddress("127.0.0.1", 27017);
        assertThat(StoreFailures.problem(new DataAccessResourceFailureException("Prematurely reached end of stream",
                new MongoSocketReadException("Prematurely reached end of stream", address))))
                .satisfies(p -> assertThat(p.type()).isEqualTo("store-unavailable"))
                .satisfies(p -> assertThat(p.status().value()).isEqualTo(503));
        assertThat(StoreFailures.problem(new MongoConnectionPoolClearedException(
                new ServerId(new ClusterId(), address), new MongoSocketReadException("reset", address))))
                .isNotNull();
        assertThat(StoreFailures.problem(new MongoWriteException(new WriteError(11000, "duplicate key",
                new BsonDocument()), address, Set.of()))).isNull();
        assertThat(StoreFailures.problem(new NotFound("CMC x was not found."))).isNull();
        assertThat(StoreFailures.problem(new IllegalStateException("a bug"))).isNull();
    }
}
