package org.bipm.kcdb.gateway;

import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.TransportConfig;

/**
 * The gateway's connections to the services, one pool per event loop: a request is sent on a connection of the loop
 * it arrived on, and the service's answer is read and written back to the client on that same loop.
 *
 * <p>With one shared pool (Reactor Netty's), a request whose pooled connection belonged to the other loop crossed
 * between the two threads for every step of the exchange: the request, the response's headers, and each 8 kB part of
 * its body with the demand for the next one (strace of the platform's gateway on a 25 kB quick search: six wake-ups
 * of the other loop). Each crossing costs little CPU but, on a loaded machine, a wait for the other thread to be
 * scheduled: this is why the gateway added 8-11 ms to large answers and under 1 ms to small ones (bench/README.md,
 * "Search through the platform"). Reactor Netty makes a new connection on the caller's loop (colocation), but takes a
 * pooled one from whichever loop made it; a pool per loop keeps both on one thread.
 *
 * <p>A caller that is not an event loop (none on the request path; a retry after a refused connection, say) uses a
 * pool of its own. Each pool is configured as the one it replaces ({@code spring.cloud.gateway.server.webflux
 * .httpclient.pool.*}), so the limits hold per loop.
 */
final class LoopLocalConnections implements ConnectionProvider {

    private final Supplier<ConnectionProvider> newPool;
    private final Map<Thread, ConnectionProvider> byLoop = new ConcurrentHashMap<>();
    private final ConnectionProvider others;

    LoopLocalConnections(Supplier<ConnectionProvider> newPool) {
        this.newPool = newPool;
        this.others = newPool.get();
    }

    @Override
    public Mono<? extends Connection> acquire(TransportConfig config, ConnectionObserver observer,
                                              Supplier<? extends SocketAddress> remoteAddress,
                                              AddressResolverGroup<?> resolverGroup) {
        // On subscription, not assembly: the thread that subscribes is the one whose connection is wanted.
        return Mono.defer(() -> poolOfThisThread().acquire(config, observer, remoteAddress, resolverGroup));
    }

    /** Netty's event loops run on its FastThreadLocalThreads; a loop's thread is the loop for its whole life. */
    ConnectionProvider poolOfThisThread() {
        Thread thread = Thread.currentThread();
        if (!(thread instanceof FastThreadLocalThread)) {
            return others;
        }
        return byLoop.computeIfAbsent(thread, t -> newPool.get());
    }

    private List<ConnectionProvider> pools() {
        List<ConnectionProvider> pools = new java.util.ArrayList<>(byLoop.values());
        pools.add(others);
        return pools;
    }

    @Override
    public void disposeWhen(SocketAddress address) {
        pools().forEach(pool -> pool.disposeWhen(address));
    }

    @Override
    public Mono<Void> disposeLater() {
        return Flux.fromIterable(pools()).flatMap(ConnectionProvider::disposeLater).then();
    }

    @Override
    public boolean isDisposed() {
        return others.isDisposed();
    }

    @Override
    public int maxConnections() {
        return others.maxConnections();
    }

    @Override
    public Map<SocketAddress, Integer> maxConnectionsPerHost() {
        return others.maxConnectionsPerHost();
    }

    @Override
    public String name() {
        return others.name();
    }
}
