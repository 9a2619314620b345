package org.bipm.kcdb.notification.persistence;

import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.util.MongoDbErrorCodes;
import reactor.core.publisher.Mono;

/** The records of one notice (an item or an e-mail per person) written together. */
final class NoticeRecords {

    private NoticeRecords() {
    }

    /**
     * Inserts each record in one unordered bulk write: a record whose id is there already (a redelivered event) is
     * refused alone, the others are inserted, as one insert each would do; any other refusal is an error.
     */
    static <T> Mono<Void> insertEach(ReactiveMongoTemplate mongo, String collection, Class<T> type, List<T> records) {
        if (records.isEmpty()) {
            return Mono.empty();
        }
        if (records.size() == 1) {
            return mongo.insert(records.get(0), collection).then()
                    .onErrorResume(DuplicateKeyException.class, there -> Mono.empty());
        }
        return mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type, collection).insert(records).execute().then()
                .onErrorResume(NoticeRecords::onlyDuplicates, there -> Mono.empty());
    }

    private static boolean onlyDuplicates(Throwable error) {
        if (error instanceof BulkOperationException bulk) {
            return bulk.getErrors().stream().allMatch(e -> MongoDbErrorCodes.isDuplicateKeyCode(e.getCode()));
        }
        if (error instanceof DuplicateKeyException duplicate
                && duplicate.getCause() instanceof com.mongodb.MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().allMatch(e -> MongoDbErrorCodes.isDuplicateKeyCode(e.getCode()));
        }
        return error instanceof DuplicateKeyException;
    }
}
