package org.bipm.kcdb.platform;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the local store writes its documents into the MVStore file: as BSON (the library's own encoder and decoder,
 * those of the wire), behind a tag byte H2's {@link ObjectDataType} never writes. H2's default writes each document
 * with Java serialisation (a new {@code ObjectOutputStream} per document, class descriptors and all) and reads it back
 * with an {@code ObjectInputStream}: a fifth of the store's CPU in the pipeline's profile went to reading documents
 * back, and more to writing the pages MVStore saves every second (bench/README.md, "The local store's CPU per
 * command"). A document BSON would not give back as it was (a type BSON lacks, a time finer than a millisecond, a
 * string UTF-8 cannot hold) is written as before, and values written as before, by a store older than this class,
 * are read as before: a data file of either kind opens. With the system property {@value #BSON_DOCUMENTS} set to
 * {@code false} the store writes Java serialisation only, as before (for the benchmark that compares the two); such a
 * store cannot read what this type wrote.
 * <p>
 * Whether BSON keeps a document is asked once, when the collection stores it ({@link #stored}), not at every page
 * write: MVStore writes every document of a changed page again, and the look at every string of every document of
 * every page written was the largest single cost of the store's CPU in the pipeline benchmark (bench/README.md,
 * "The local store's and the notification service's CPU per CMC"). Stored documents are never changed (an update
 * stores a copy), so the answer holds for as long as the document is stored.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final String BSON_DOCUMENTS = "kcdb.store.bsonDocuments";

    /** The first byte of a document written as BSON: {@link ObjectDataType}'s tags end at 119. */
    static final byte BSON = 121;

    /**
     * What MVStore counts for a document in its page cache and its unsaved changes, per byte of BSON: about what
     * H2's estimate gave the same document before (twice its Java serialisation, which is about 1.5 times its BSON),
     * so that the page cache holds as many documents as before and pages split as before.
     */
    private static final int MEMORY_PER_BYTE = 3;

    private final ObjectDataType javaSerialised = new ObjectDataType();
    /** A running average, as H2's own estimate for serialised objects (its start value too). */
    private volatile int averageMemory = 10_000;
    /**
     * The stored documents BSON would not give back as they are (in practice none): by equality, so a document equal
     * to one of them is written as before too, which keeps it as it is all the same. Weak: a document no page holds
     * any more is forgotten, and read back from the file it is found again ({@link #read}).
     */
    private final Set<Document> javaOnly = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /** Whether the store writes BSON ({@value #BSON_DOCUMENTS} not {@code false}). */
    static boolean enabled() {
        return !"false".equals(System.getProperty(BSON_DOCUMENTS));
    }

    @Override
    public int getMemory(Document document) {
        return averageMemory;
    }

    /**
     * The collection is about to store {@code document} (inserted, or the new version of an updated one): every
     * document this type writes must have come through here, else it is written as BSON unasked.
     */
    void stored(Document document) {
        if (!keptByBson(document)) {
            javaOnly.add(document);
        }
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        if (!javaOnly.isEmpty() && javaOnly.contains(document)) {
            javaSerialised.write(buffer, document);
            return;
        }
        ByteBuf bson = Unpooled.buffer(averageMemory / MEMORY_PER_BYTE + 64);
        try {
            BsonEncoder.encodeDocument(document, bson);
            int length = bson.readableBytes();
            averageMemory = (int) ((length * (long) MEMORY_PER_BYTE + 15L * averageMemory) / 16);
            buffer.put(BSON).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
        } finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            // written as before: by a store older than this type, or a document BSON would change
            Document document = (Document) javaSerialised.read(buffer);
            stored(document);
            return document;
        }
        int start = buffer.position() + 1;
        ByteBuf bson = buffer.hasArray()
                ? Unpooled.wrappedBuffer(buffer.array(), buffer.arrayOffset() + start, buffer.limit() - start)
                : Unpooled.wrappedBuffer(buffer.duplicate().position(start));
        Document document = BsonDecoder.decodeBson(bson);
        buffer.position(start + bson.readerIndex());
        return document;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    /**
     * Whether decoding {@code value} as BSON gives back an equal value of the same type: the types the library
     * decodes from the wire, times of whole milliseconds, strings and names UTF-8 holds (no lone surrogate, no
     * name with a NUL), lists (read back as {@code ArrayList}, equal as lists).
     */
    static boolean keptByBson(Object value) {
        if (value == null || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof ObjectId || value instanceof UUID
                || value instanceof LegacyUUID || value instanceof BinData || value instanceof BsonTimestamp
                || value instanceof Decimal128 || value instanceof MinKey || value instanceof MaxKey) {
            return true;
        }
        if (value instanceof String text) {
            return utf8(text);
        }
        if (value instanceof Instant instant) {
            return instant.getNano() % 1_000_000 == 0;
        }
        if (value instanceof Document document) {
            for (Map.Entry<String, Object> field : document.entrySet()) {
                if (field.getKey().indexOf('\0') >= 0 || !utf8(field.getKey()) || !keptByBson(field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> elements) {
            for (Object element : elements) {
                if (!keptByBson(element)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof BsonRegularExpression pattern) {
            return pattern.getPattern().indexOf('\0') < 0 && pattern.getOptions().indexOf('\0') < 0
                    && utf8(pattern.getPattern()) && utf8(pattern.getOptions());
        }
        if (value instanceof BsonJavaScript code) {
            return utf8(code.getCode());
        }
        return false;
    }

    /** Whether UTF-8 holds {@code text} as it is: no surrogate without its pair. */
    private static boolean utf8(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == text.length()
                        || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
