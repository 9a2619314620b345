package org.bipm.kcdb.publication.application;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a webhook may deliver (SSRF): {@code https} only, unless the platform allows plain {@code http} (the local
 * platform does); no credentials in the URL; and the host, resolved, must not be this machine or the internal
 * network – loopback, private, link-local, unique-local, carrier-grade NAT, multicast, unspecified or reserved,
 * including IPv4 written inside IPv6 ({@code ::ffff:127.0.0.1}). Host names and addresses an operator lists in the
 * allow-list pass even so (an internal receiver, or the local platform's loopback).
 *
 * <p>The check runs at registration and again at every delivery, on the very addresses the connection then uses
 * ({@link #resolver()}), so a name that resolved to a public address at registration and to an internal one later
 * (DNS rebinding) is refused at that delivery.
 */
public final class WebhookTargets {

    /** Resolves a host name to its addresses; the JDK's resolver in the service, a fixed table in tests. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    /** The target may not be used; the message is for the registrant's field error, never for the parked list. */
    public static final class Refused extends UnknownHostException {
        Refused(String message) {
            super(message);
        }
    }

    private static final Pattern NUMERIC_PART = Pattern.compile("0x[0-9a-f]*|[0-9]+");
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private final boolean allowHttp;
    private final List<String> allowedHosts = new ArrayList<>();
    private final List<byte[][]> allowedNetworks = new ArrayList<>();
    private final Lookup lookup;

    /**
     * @param allowHttp plain {@code http} targets too (the local platform; never in production)
     * @param allowed   host names (exact, any case), addresses and networks in CIDR notation ({@code 10.1.0.0/16},
     *                  {@code fd00::/8}) that pass although internal
     */
    public WebhookTargets(boolean allowHttp, List<String> allowed, Lookup lookup) {
        this.allowHttp = allowHttp;
        this.lookup = lookup;
        for (String entry : allowed == null ? List.<String>of() : allowed) {
            String value = entry.strip().toLowerCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            Optional<byte[][]> network = network(value);
            if (network.isPresent()) {
                allowedNetworks.add(network.get());
            } else {
                allowedHosts.add(value);
            }
        }
    }

    public static WebhookTargets strict() {
        return new WebhookTargets(false, List.of(), InetAddress::getAllByName);
    }

    /** Why the URL may not be registered, or empty when it may; resolves the host (blocking). */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !uri.isAbsolute() || uri.getRawAuthority() == null) {
            return Optional.of("must be an absolute https URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return Optional.of(allowHttp ? "must be an http(s) URL" : "must be an https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
            return Optional.of("must not carry credentials; the signature authenticates the platform");
        }
        if (uri.getHost() == null) {
            return Optional.of("must name a host");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        try {
            addresses(uri.getHost());
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
    }

    /** The host's addresses, all of them permitted; otherwise {@link Refused} (or unknown host). */
    public List<InetAddress> addresses(String host) throws UnknownHostException {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.contains("%")) {
            throw new Refused("must not use an IPv6 zone id");
        }
        if (!name.contains(":") && !DOTTED_QUAD.matcher(name).matches()
                && Arrays.stream(name.split("\\.", -1)).allMatch(part -> NUMERIC_PART.matcher(part).matches())) {
            // 0x7f000001, 2130706433, 0177.0.0.1, 127.1: readers disagree on these; only the plain form is taken.
            throw new Refused("must write an IPv4 address as four decimal numbers (a.b.c.d)");
        }
        boolean allowedByName = allowedHosts.contains(name);
        InetAddress[] all = lookup.all(name);
        if (all == null || all.length == 0) {
            throw new UnknownHostException(name);
        }
        for (InetAddress address : all) {
            if (!allowedByName && internal(address) && !allowedNetwork(address)) {
                throw new Refused("resolves to an address inside the network (" + kind(address)
                        + "); an operator may allow it with kcdb.webhooks.allowed-targets");
            }
        }
        return List.of(all);
    }

    /**
     * The name resolution for deliveries: every address the connection may use has passed {@link #addresses}, so
     * what the name resolves to at the moment of delivery is what is checked.
     */
    public AddressResolverGroup<InetSocketAddress> resolver() {
        return new AddressResolverGroup<>() {
            @Override
            protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
                return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
                    @Override
                    protected void doResolve(String host, Promise<InetAddress> promise) {
                        try {
                            promise.setSuccess(addresses(host).get(0));
                        } catch (UnknownHostException | RuntimeException e) {
                            promise.setFailure(e);
                        }
                    }

                    @Override
                    protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                        try {
                            promise.setSuccess(addresses(host));
                        } catch (UnknownHostException | RuntimeException e) {
                            promise.setFailure(e);
                        }
                    }
                });
            }
        };
    }

    static boolean internal(InetAddress address) {
        return kind(address) != null;
    }

    /** What kind of internal address this is, or null for a public one. */
    static String kind(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            Optional<byte[]> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                try {
                    return kind(InetAddress.getByAddress(embedded.get()));
                } catch (UnknownHostException impossible) {
                    return "unreadable";
                }
            }
            if (address.isLoopbackAddress()) {
                return "loopback";
            }
            if (address.isAnyLocalAddress()) {
                return "unspecified";
            }
            if (address.isLinkLocalAddress()) {
                return "link-local";
            }
            if (address.isSiteLocalAddress() || (b[0] & 0xfe) == 0xfc) {
                return "unique-local";
            }
            if (address.isMulticastAddress()) {
                return "multicast";
            }
            if ((b[0] & 0xe0) != 0x20) {
                return "reserved"; // only 2000::/3 is global unicast
            }
            return null;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 127) {
            return "loopback";
        }
        if (first == 0) {
            return "unspecified";
        }
        if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
            return "private";
        }
        if (first == 169 && second == 254) {
            return "link-local";
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return "carrier-grade NAT";
        }
        if (first >= 224 && first <= 239) {
            return "multicast";
        }
        if (first >= 240 || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                || (first == 198 && (second == 18 || second == 19))) {
            return "reserved";
        }
        return null;
    }

    /** IPv4 inside IPv6: mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}. */
    private static Optional<byte[]> embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        return mapped || compatible || nat64 ? Optional.of(Arrays.copyOfRange(b, 12, 16)) : Optional.empty();
    }

    private boolean allowedNetwork(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (byte[][] network : allowedNetworks) {
            byte[] base = network[0];
            int prefix = network[1][0] & 0xff;
            if (base.length == bytes.length && samePrefix(base, bytes, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** An address or CIDR network as {base, {prefix}}; empty for a host name. */
    private static Optional<byte[][]> network(String entry) {
        String[] parts = entry.split("/", 2);
        String address = parts[0].startsWith("[") && parts[0].endsWith("]")
                ? parts[0].substring(1, parts[0].length() - 1) : parts[0];
        boolean literal = address.contains(":") || DOTTED_QUAD.matcher(address).matches();
        if (!literal) {
            if (parts.length > 1) {
                throw new IllegalArgumentException("kcdb.webhooks.allowed-targets: '" + entry
                        + "' is neither a host name nor an address or CIDR network");
            }
            return Optional.empty();
        }
        try {
            byte[] base = InetAddress.getByName(address).getAddress(); // a literal: no lookup
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : base.length * 8;
            if (prefix < 0 || prefix > base.length * 8) {
                throw new IllegalArgumentException("kcdb.webhooks.allowed-targets: bad prefix in '" + entry + "'");
            }
            return Optional.of(new byte[][] {base, {(byte) prefix}});
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("kcdb.webhooks.allowed-targets: '" + entry + "' is no address", e);
        }
    }
}
