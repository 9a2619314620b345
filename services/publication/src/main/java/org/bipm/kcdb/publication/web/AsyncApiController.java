package org.bipm.kcdb.publication.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/kcdb/asyncapi.json}: the Kafka topics as AsyncAPI 3.0, public like the rest of the KCDB. */
@RestController
class AsyncApiController {

    private final String document;

    AsyncApiController(JsonMapper json,
                       @Value("${kcdb.asyncapi.kafka-servers:${spring.cloud.stream.kafka.binder.brokers:localhost:9092}}")
                       String kafkaServers,
                       @Value("${kcdb.asyncapi.version:1.0.0}") String version) {
        this.document = json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(AsyncApiDocument.build(json, kafkaServers, version));
    }

    @GetMapping(value = "/api/kcdb/asyncapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    String asyncApi() {
        return document;
    }
}
