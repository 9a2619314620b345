package org.bipm.kcdb.support.persistence;

import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers one {@code AggregateStore<T>} bean per {@link StoredAggregate}, typed by its generic so that the
 * service injects {@code AggregateStore<Cmc>} as if it had written the bean method itself.
 */
class AggregateStoreRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware {

    private BeanFactory beans;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beans = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        // Read through the container too: a class declaring several stores carries them as one StoredAggregate.List.
        for (AnnotationAttributes declared : metadata.getMergedRepeatableAnnotationAttributes(StoredAggregate.class,
                StoredAggregate.List.class, false)) {
            register(declared.getClass("type"), declared.getString("collection"), declared.getString("name"),
                    declared.getBoolean("changesOnly"), registry);
        }
    }

    private void register(Class<?> type, String collection, String name, boolean changesOnly,
                          BeanDefinitionRegistry registry) {
        String beanName = collection + "Store";
        if (registry.containsBeanDefinition(beanName)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(AggregateStore.class);
        definition.setTargetType(ResolvableType.forClassWithGenerics(AggregateStore.class, type));
        definition.setInstanceSupplier(() -> store(type, collection, name, changesOnly));
        registry.registerBeanDefinition(beanName, definition);
    }

    private <T> AggregateStore<T> store(Class<T> type, String collection, String name, boolean changesOnly) {
        ObjectProvider<OutboxRelay> relay = beans.getBeanProvider(OutboxRelay.class);
        return new AggregateStore<>(beans.getBean(ReactiveMongoTemplate.class), beans.getBean(JsonMapper.class), type,
                collection, name, id -> relay.ifAvailable(r -> r.nudge(collection, id)), changesOnly);
    }
}
