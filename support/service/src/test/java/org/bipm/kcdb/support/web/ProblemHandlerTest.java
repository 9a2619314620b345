package org.bipm.kcdb.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

class ProblemHandlerTest {

    @RestController
    static class Uploads {
        @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
        Mono<String> upload(@RequestPart("file") FilePart file) {
            return Mono.just(file.filename());
        }

        record Note(String text) {
        }

        @PostMapping("/notes")
        Mono<String> note(@org.springframework.web.bind.annotation.RequestBody Note note) {
            return Mono.just(note.text());
        }
    }

    final WebTestClient http = WebTestClient.bindToController(new Uploads()).controllerAdvice(new ProblemHandler())
            .build();

    static final String BODY = "--right\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\na,b\r\n--right--\r\n";

    @ParameterizedTest
    @ValueSource(strings = {"multipart/form-data", "multipart/form-data; boundary=wrong",
            "multipart/form-data; boundary=\"\""})
    void aMultipartBodyWithAWrongOrMissingBoundaryIsABadRequest(String contentType) {
        http.post().uri("/upload").header("Content-Type", contentType).bodyValue(BODY).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString())
                        .doesNotContain("org.springframework", "Exception").contains("boundary"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/plain", "application/x-www-form-urlencoded"})
    void anUnsupportedContentTypeIsRefusedWithoutNamingOurClasses(String contentType) {
        for (String path : new String[] {"/upload", "/notes"}) {
            http.post().uri(path).header("Content-Type", contentType).bodyValue("x").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString())
                        .doesNotContain("org.", "java.", "bodyType", "Exception"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart/form-data; boundary=right"})
    void aWellFormedMultipartBodyIsRead(String contentType) {
        http.post().uri("/upload").header("Content-Type", contentType).bodyValue(BODY).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("a.csv");
    }
}
