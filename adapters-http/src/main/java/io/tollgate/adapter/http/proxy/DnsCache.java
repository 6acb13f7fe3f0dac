package io.tollgate.adapter.http.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The proxy's DNS cache for host names of services and targets (Kong's DNS client, kong-internals §8.6): A records,
 * then AAAA, looked up with dnsjava (which also reads the hosts file) and kept for the records' TTL; NXDOMAIN or an
 * empty answer is cached for {@value #NOT_FOUND_TTL_S} s, a resolver error for {@value #ERROR_TTL_S} s.
 *
 * <p>Never blocks the caller: {@link #cached} answers from memory only; {@link #resolve} runs the lookup on a virtual
 * thread. An entry is refreshed in the background once 80% of its TTL has passed, and an expired entry is still
 * served while its refresh runs (stale while revalidating), so hot names never wait. IP literals and
 * {@code localhost} bypass DNS. Several addresses of one name are used in turn.
 */
final class DnsCache {

    static final long NOT_FOUND_TTL_S = 30;
    static final long ERROR_TTL_S = 1;
    /** The most IP literals (and {@code localhost}) whose parsed address is kept. */
    static final int LITERALS_KEPT = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DnsCache.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** A lookup function: the addresses of a name and their TTL, or an empty list for NXDOMAIN. */
    interface Resolver {
        Answer lookup(String name) throws Exception;
    }

    /** @param addresses empty for "no such name"; @param ttlSeconds how long the answer may be cached */
    record Answer(List<InetAddress> addresses, long ttlSeconds) {}

    private record Entry(List<InetAddress> addresses, long refreshAtNanos, long expiresNanos, AtomicInteger turn) {}

    private final Resolver resolver;
    private final Executor executor;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Entry>> inFlight = new ConcurrentHashMap<>();
    /** Literal hosts already parsed: a target's literal is parsed once, not on every request. */
    private final BoundedMemo<String, InetAddress> literals = new BoundedMemo<>(LITERALS_KEPT, DnsCache::literal);

    DnsCache() {
        this(DnsCache::dnsjava, Executors.newVirtualThreadPerTaskExecutor());
    }

    DnsCache(Resolver resolver, Executor executor) {
        this.resolver = resolver;
        this.executor = executor;
    }

    /** The address of an IP literal or {@code localhost} (no DNS), else {@code null}. */
    static @Nullable InetAddress literal(String host) {
        try {
            if (IPV4.matcher(host).matches() || host.indexOf(':') >= 0) {
                return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            }
            if (host.equalsIgnoreCase("localhost")) {
                return InetAddress.getLoopbackAddress();
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    /**
     * From memory only.
     *
     * @return the address to use; or no address and {@code notFound} while "no such name" is cached; or neither
     *         when the name must be {@link #resolve resolved} first
     */
    Cached cached(String host) {
        InetAddress literal = literals.get(host);
        if (literal != null) {
            return new Cached(literal, false);
        }
        String name = host.toLowerCase(Locale.ROOT);
        Entry entry = entries.get(name);
        if (entry == null) {
            return new Cached(null, false);
        }
        long now = System.nanoTime();
        if (now - entry.refreshAtNanos >= 0) {
            refresh(name); // in the background; this entry serves until the new one is in
        }
        if (now - entry.expiresNanos >= 0 && entry.addresses.isEmpty()) {
            return new Cached(null, false); // an expired "not found" is looked up again
        }
        return entry.addresses.isEmpty() ? new Cached(null, true) : new Cached(pick(entry), false);
    }

    /** Looks the name up on a virtual thread; completes with the address, or {@code null} for "no such name". */
    CompletableFuture<@Nullable InetAddress> resolve(String host) {
        Cached cached = cached(host);
        if (cached.address() != null || cached.notFound()) {
            return CompletableFuture.completedFuture(cached.address());
        }
        return refresh(host.toLowerCase(Locale.ROOT)).thenApply(e -> e.addresses.isEmpty() ? null : pick(e));
    }

    /** One lookup per name at a time; the in-flight marker is removed once the new entry is in. */
    private CompletableFuture<Entry> refresh(String name) {
        CompletableFuture<Entry> existing = inFlight.get(name);
        if (existing != null) {
            return existing;
        }
        CompletableFuture<Entry> created = new CompletableFuture<>();
        existing = inFlight.putIfAbsent(name, created);
        if (existing != null) {
            return existing;
        }
        try {
            executor.execute(() -> {
                try {
                    created.complete(load(name));
                } catch (RuntimeException | Error e) {
                    created.completeExceptionally(e);
                } finally {
                    inFlight.remove(name, created);
                }
            });
        } catch (RuntimeException e) {
            inFlight.remove(name, created);
            created.completeExceptionally(e);
        }
        return created;
    }

    private Entry load(String name) {
        long ttl;
        List<InetAddress> addresses;
        try {
            Answer answer = resolver.lookup(name);
            addresses = List.copyOf(answer.addresses());
            ttl = addresses.isEmpty() ? NOT_FOUND_TTL_S : Math.max(answer.ttlSeconds(), 1);
        } catch (Exception e) {
            LOG.warn("DNS lookup of {} failed: {}", name, e.toString());
            Entry previous = entries.get(name);
            addresses = previous == null ? List.of() : previous.addresses; // keep a stale answer on errors
            ttl = ERROR_TTL_S;
        }
        long now = System.nanoTime();
        long ttlNanos = ttl * 1_000_000_000L;
        Entry entry = new Entry(addresses, now + ttlNanos * 8 / 10, now + ttlNanos, new AtomicInteger());
        entries.put(name, entry);
        return entry;
    }

    private static InetAddress pick(Entry entry) {
        List<InetAddress> all = entry.addresses;
        return all.size() == 1 ? all.get(0) : all.get(Math.floorMod(entry.turn.getAndIncrement(), all.size()));
    }

    /** A memory-only answer: an address, or "not found", or neither (unknown). */
    record Cached(@Nullable InetAddress address, boolean notFound) {}

    /** dnsjava lookup: A records, else AAAA; the smallest TTL of the answer. */
    static Answer dnsjava(String name) throws TextParseException {
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Lookup lookup = new Lookup(name, type);
            lookup.setCache(null);
            Record[] records = lookup.run();
            if (lookup.getResult() == Lookup.TRY_AGAIN || lookup.getResult() == Lookup.UNRECOVERABLE) {
                throw new IllegalStateException(lookup.getErrorString());
            }
            if (records == null || records.length == 0) {
                continue;
            }
            List<InetAddress> addresses = new ArrayList<>();
            long ttl = Long.MAX_VALUE;
            for (Record r : records) {
                if (r instanceof ARecord a) {
                    addresses.add(a.getAddress());
                } else if (r instanceof AAAARecord a) {
                    addresses.add(a.getAddress());
                }
                ttl = Math.min(ttl, r.getTTL());
            }
            if (!addresses.isEmpty()) {
                return new Answer(addresses, ttl);
            }
        }
        return new Answer(List.of(), NOT_FOUND_TTL_S);
    }
}
