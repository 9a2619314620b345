package org.bipm.kcdb.support.persistence;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Declares an aggregate the service stores, on a configuration class of its {@code persistence} package: support
 * builds the {@code AggregateStore<type>} bean (named {@code <collection>Store}), wired to the service's Mongo
 * store, JSON mapper and outbox relay. Repeat it for each aggregate.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(StoredAggregate.List.class)
@Import(AggregateStoreRegistrar.class)
public @interface StoredAggregate {

    /** The aggregate (a framework-free record of the service's domain). */
    Class<?> type();

    /** The collection its documents live in; its outbox is in the same documents. */
    String collection();

    /** The aggregate as users call it, e.g. {@code "review case"}: the refusal after too many conflicts names it. */
    String name();

    /**
     * A command's write sets only the top-level properties it changed (compared by {@code equals} with the
     * aggregate as loaded), converted as the whole state's write converts them, instead of the whole state. For
     * large aggregates whose commands change little of them (a review case: its round and history, not the CMC's
     * content); it needs properties whose declared type is their stored type (no polymorphic values). A list that
     * only grew at its end has its new elements pushed, and a record or a list's element changed in place has only
     * what changed inside it written, so what was loaded must be what is stored (a constructor may default a missing
     * list to an empty one, not invent elements or records that a command then changes).
     */
    boolean changesOnly() default false;

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Import(AggregateStoreRegistrar.class)
    @interface List {
        StoredAggregate[] value();
    }
}
