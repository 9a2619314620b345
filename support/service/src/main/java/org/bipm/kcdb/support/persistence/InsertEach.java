package org.bipm.kcdb.support.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * Documents inserted in one round trip, each on its own: an unordered insert, so a document whose unique key is taken
 * already (a redelivered event, a record adopted before) is refused alone and the others are still inserted, as one
 * insert each would do. Any other refusal is an error. The one place that reads the driver's bulk-write errors.
 */
public final class InsertEach {

    private InsertEach() {
    }

    /** @return the positions in {@code documents} refused because a unique key was taken; empty when all went in */
    public static Mono<Set<Integer>> documents(ReactiveMongoTemplate mongo, String collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return Mono.just(Set.of());
        }
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.insertMany(documents, new InsertManyOptions().ordered(false))))
                .map(inserted -> Set.<Integer>of())
                .onErrorResume(MongoBulkWriteException.class, refused -> {
                    Set<Integer> taken = new HashSet<>();
                    for (BulkWriteError error : refused.getWriteErrors()) {
                        if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                            return Mono.error(refused);
                        }
                        taken.add(error.getIndex());
                    }
                    return Mono.just(taken);
                });
    }

    /** {@link #documents} for mapped records, written as the template writes them (its converter). */
    public static Mono<Set<Integer>> records(ReactiveMongoTemplate mongo, String collection, List<?> records) {
        List<Document> documents = new ArrayList<>(records.size());
        for (Object record : records) {
            Document document = new Document();
            mongo.getConverter().write(record, document);
            documents.add(document);
        }
        return documents(mongo, collection, documents);
    }
}
