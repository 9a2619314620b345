package org.bipm.kcdb.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

/** Each store a service declares becomes a bean, whether a class declares one or several. */
class AggregateStoreRegistrarTest {

    record Draft(String id) {
    }

    record Comment(String id) {
    }

    @StoredAggregate(type = Draft.class, collection = "drafts", name = "draft")
    @StoredAggregate(type = Comment.class, collection = "comments", name = "comment")
    static class TwoStores {
    }

    @StoredAggregate(type = Draft.class, collection = "drafts", name = "draft")
    static class OneStore {
    }

    @Test
    void severalStoresOnOneClassAreEachRegistered() throws IOException {
        // Component scanning reads classes with ASM, @Import of a configuration class by reflection: both count.
        assertStores(new SimpleMetadataReaderFactory().getMetadataReader(TwoStores.class.getName())
                .getAnnotationMetadata(), "draftsStore", "commentsStore");
        assertStores(AnnotationMetadata.introspect(TwoStores.class), "draftsStore", "commentsStore");
    }

    @Test
    void oneStoreOnAClassIsRegisteredTypedByItsAggregate() {
        SimpleBeanDefinitionRegistry registry = register(AnnotationMetadata.introspect(OneStore.class));
        assertThat(registry.getBeanDefinitionNames()).containsExactly("draftsStore");
        assertThat(registry.getBeanDefinition("draftsStore").getResolvableType())
                .isEqualTo(ResolvableType.forClassWithGenerics(AggregateStore.class, Draft.class));
    }

    private static void assertStores(AnnotationMetadata metadata, String... beans) {
        assertThat(register(metadata).getBeanDefinitionNames()).containsExactlyInAnyOrder(beans);
    }

    private static SimpleBeanDefinitionRegistry register(AnnotationMetadata metadata) {
        SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
        new AggregateStoreRegistrar().registerBeanDefinitions(metadata, registry);
        return registry;
    }
}
