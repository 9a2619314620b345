package org.bipm.kcdb.gateway;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/**
 * Spring Cloud LoadBalancer's configuration for every service listed with several instances ({@code lb://<service>}):
 * the static list of instances, checked for health, so that a stopped instance leaves the round robin until it
 * answers again ({@code spring.cloud.loadbalancer.health-check.*} in application.yml: path and interval).
 *
 * <p>Why not Spring Cloud's own {@code spring.cloud.loadbalancer.configurations=health-check}: its supplier bean
 * requires a {@code WebClient.Builder} bean, which Spring Boot 4 defines only with its {@code spring-boot-webclient}
 * module, not on the gateway's classpath; without it no supplier at all is defined and the balancer answers "No
 * servers available" for every instance. Here the health checks get their own small client instead (a check that
 * does not answer within 2 s counts as down). Not a {@code @Configuration}: it belongs to each balancer's own
 * context, not to the gateway's ({@code @LoadBalancerClients} on {@link GatewayApplication}).
 */
public class InstanceHealthChecks {

    @Bean
    ServiceInstanceListSupplier healthCheckedInstances(ConfigurableApplicationContext context) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .responseTimeout(Duration.ofSeconds(2));
        WebClient checks = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        return ServiceInstanceListSupplier.builder().withDiscoveryClient().withHealthChecks(checks)
                .with((balancer, healthy) -> new InListedOrder(healthy)).build(context);
    }

    /**
     * The healthy instances in one order, whichever check answered first, so that the round robin takes each in
     * turn rather than skipping one when the order changes between two checks.
     */
    static final class InListedOrder extends DelegatingServiceInstanceListSupplier {

        InListedOrder(ServiceInstanceListSupplier delegate) {
            super(delegate);
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return getDelegate().get().map(instances -> instances.stream()
                    .sorted(Comparator.comparing(instance -> instance.getUri().toString())).toList());
        }
    }
}
