package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.in.ExchangeLog;
import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.UpstreamPeers.Peer;
import io.tollgate.domain.shared.TollgateVersion;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * What the proxy remembers about one exchange between Undertow's callbacks: the decision, the try in progress (its
 * peer, when it started) and why the latest try failed. Every try's outcome is reported to the decision's
 * {@link io.tollgate.application.port.in.UpstreamPeers} exactly once. Lock-free.
 */
final class ProxyState {

    /** Why proxying failed, in Kong's terms (kong-internals §8.5). */
    enum Failure {
        /** Could not connect (refused, unreachable): 502. */
        CONNECT,
        /** The upstream closed or broke the connection before a response: 502. */
        BAD_RESPONSE,
        /** {@code connect_timeout}, {@code write_timeout} or {@code read_timeout} elapsed: 504. */
        TIMEOUT,
        /** The peer's host name does not resolve: 503 {@code name resolution failed}. */
        DNS
    }

    static final AttachmentKey<ProxyState> KEY = AttachmentKey.create(ProxyState.class);

    private static final Logger LOG = LoggerFactory.getLogger(ProxyState.class);

    /** The {@code <product>/<version>} token of {@code Via} and {@code Server}: the version {@code GET /} shows. */
    static final String PRODUCT = "tollgate/" + TollgateVersion.current();

    /**
     * {@code Via}'s received-by and comment after the protocol version, as Kong 3.x writes
     * {@code kong (kong/<version>)}: {@code tollgate (tollgate/<version>)}.
     */
    static final String VIA = "tollgate (" + PRODUCT + ")";

    /** This node's whole {@code Via} entry for HTTP/1.1 ({@code 1.1 tollgate (tollgate/<version>)}), made once. */
    static final String VIA_1_1 = "1.1 " + VIA;

    final Forward forward;
    final UndertowProxyExchange view;
    final long startedNanos;
    volatile long sentNanos;
    volatile boolean responded;
    /** The upstream connection of the current try, once connected (closed when the client's body times out). */
    volatile io.undertow.client.@Nullable ClientConnection upstream;

    private final AtomicReference<@Nullable Failure> failure = new AtomicReference<>();
    private volatile boolean cut;
    private final AtomicReference<@Nullable Peer> trying = new AtomicReference<>();
    private volatile @Nullable Peer peer;
    private volatile long tryStartedNanos;
    private volatile int tries;
    private final List<TryRecord> tryLog = new CopyOnWriteArrayList<>();
    private volatile int upstreamStatus;
    private volatile long headNanos;

    /** One try as Kong's {@code balancer_data.tries} records it; filled in as the try goes. */
    private static final class TryRecord {
        final String host;
        final int port;
        final long startedAtMs = System.currentTimeMillis();
        final long startedNanos = System.nanoTime();
        /** The address the host resolved to, printed only when the try is logged (not per request). */
        volatile @Nullable InetAddress address;

        volatile long balancerLatencyMs;
        volatile boolean failed;
        /** Sent on a keep-alive connection an earlier request had used ({@code cached} in Kong's try). */
        volatile boolean reused;
        /** Failed with an error (not a timeout) on a reused connection: nginx does not count it as a retry. */
        volatile boolean free;
        /** The status nginx records for a try that got no response head: 502, or 504 for a timeout; else 0. */
        volatile int failedStatus;

        volatile boolean answered;

        TryRecord(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** Kong records {@code cached} when the next try starts, so the last try has none. */
        ExchangeLog.UpstreamTry toLog(boolean last) {
            InetAddress resolved = address;
            return new ExchangeLog.UpstreamTry(
                    resolved == null ? host : resolved.getHostAddress(),
                    port,
                    startedAtMs,
                    balancerLatencyMs,
                    failed ? "failed" : null,
                    answered ? 0 : failedStatus,
                    last ? null : reused);
        }
    }

    ProxyState(Forward forward, UndertowProxyExchange view, long startedNanos) {
        this.forward = forward;
        this.view = view;
        this.startedNanos = startedNanos;
    }

    static @Nullable ProxyState of(HttpServerExchange exchange) {
        return exchange.getAttachment(KEY);
    }

    /** Starts a try with {@code next}; the previous try must have been reported. */
    void beginTry(Peer next) {
        peer = next;
        tryStartedNanos = System.nanoTime();
        failure.set(null);
        trying.set(next);
        tries++;
        tryLog.add(new TryRecord(next.host(), next.port()));
    }

    /** The current try's peer resolved to {@code address}: the balancer's part of the try is over. */
    void resolved(InetAddress address) {
        TryRecord current = currentTry();
        if (current != null) {
            current.address = address;
            current.balancerLatencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - current.startedNanos);
        }
    }

    /** When the first try began ({@link System#nanoTime()}), or 0 when no peer was ever tried. */
    long firstTryNanos() {
        return tryLog.isEmpty() ? 0 : tryLog.get(0).startedNanos;
    }

    /** The upstream's response head arrived with {@code status}. */
    void responseHead(int status) {
        upstreamStatus = status;
        headNanos = System.nanoTime();
        TryRecord current = currentTry();
        if (current != null) {
            current.answered = true;
        }
        responded = true;
    }

    /** The last upstream response's status, or 0. */
    int upstreamStatus() {
        return upstreamStatus;
    }

    /** When the upstream's response head arrived ({@link System#nanoTime()}), or 0. */
    long headNanos() {
        return headNanos;
    }

    /** Every try so far, in order. */
    List<ExchangeLog.UpstreamTry> triesLog() {
        List<ExchangeLog.UpstreamTry> out = new ArrayList<>(tryLog.size());
        for (int i = 0; i < tryLog.size(); i++) {
            out.add(tryLog.get(i).toLog(i == tryLog.size() - 1));
        }
        return out;
    }

    private @Nullable TryRecord currentTry() {
        int size = tryLog.size();
        return size == 0 ? null : tryLog.get(size - 1);
    }

    /** The peer of the current (or last) try, or {@code null} before the first. */
    @Nullable
    Peer peer() {
        return peer;
    }

    /** The current try got its connection; {@code reused} when an earlier request had used it (keep-alive). */
    void connected(boolean reused) {
        TryRecord current = currentTry();
        if (current != null) {
            current.reused = reused;
        }
    }

    /**
     * Whether another try may start with {@code retries} allowed: as in nginx, a try that failed with an error (not a
     * timeout) on a reused keep-alive connection is not counted against them.
     */
    boolean mayRetry(int retries) {
        int free = 0;
        for (TryRecord t : tryLog) {
            free += t.free ? 1 : 0;
        }
        return tries - free <= retries;
    }

    /** How many tries were started. */
    int tries() {
        return tries;
    }

    /** The {@code Host} header for the current try: the peer's when the route does not preserve the client's. */
    String hostHeader() {
        Peer current = peer;
        return current == null ? forward.hostHeader() : current.hostHeader();
    }

    /** Milliseconds since the current try started. */
    long tryMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tryStartedNanos);
    }

    /** Reports how the current try ended, once; later calls for the same try are ignored. */
    void endTry(PeerOutcome outcome) {
        Peer current = trying.getAndSet(null);
        if (current != null) {
            forward.peers().report(current, outcome);
        }
    }

    /**
     * Ends the current try's upstream request mid-body and closes its connection: the client's body will not end
     * (stalled, gone, malformed, too large). Closing gracefully would end a chunked body with its last chunk and the
     * upstream would take a truncated body for a whole one, so the framing is taken off first (Undertow's upgrade
     * hand-over puts the connection's own conduits back and marks it as not reusable). The try gets no outcome for the
     * balancer and its failure is not logged as the upstream's. Closes nothing before a try has connected; safe to
     * call more than once.
     */
    void cutUpstream() {
        cut = true;
        abandonTry(); // the client's fault, not the peer's: no outcome for the balancer
        io.undertow.client.ClientConnection connection = upstream;
        if (connection == null) {
            return;
        }
        try {
            connection.performUpgrade();
        } catch (IOException | RuntimeException closing) {
            // already closing: nothing more to cut
        }
        IoUtils.safeClose(connection);
    }

    /** {@link #cutUpstream()} for the exchange's proxy state, if it has one (a proxied exchange). */
    static void cutUpstream(HttpServerExchange exchange) {
        ProxyState state = of(exchange);
        if (state != null) {
            state.cutUpstream();
        }
    }

    /** Ends the current try without an outcome for the balancer (the client, not the peer, ended it). */
    void abandonTry() {
        trying.set(null);
    }

    /** Records why the current try failed (the first cause only) and reports it as the try's outcome. */
    void fail(Failure cause) {
        if (failure.compareAndSet(null, cause) && !cut) {
            log(cause);
        }
        TryRecord current = currentTry();
        if (current != null) {
            current.failed = true;
            current.free = current.reused && cause != Failure.TIMEOUT;
            if (current.failedStatus == 0 && cause != Failure.DNS) {
                // nginx's $upstream_status for a try without a response (DNS fails before nginx tries a peer)
                current.failedStatus = cause == Failure.TIMEOUT ? 504 : 502;
            }
        }
        long ms = tryMillis();
        endTry(cause == Failure.TIMEOUT ? PeerOutcome.timeout(ms) : PeerOutcome.tcpError(ms));
    }

    /**
     * One line per failed try, as nginx's error log has it (at error level, no stack trace): what failed, the
     * request, the client and the peer.
     */
    private void log(Failure cause) {
        Peer current = peer;
        String what = switch (cause) {
            case CONNECT -> "could not connect to the upstream";
            case BAD_RESPONSE -> "the upstream closed the connection or broke its response";
            case TIMEOUT -> "the upstream timed out";
            case DNS -> "the upstream's name did not resolve";
        };
        LOG.error(
                "{} (try {}), client: {}, request: \"{} {}\", upstream: {}",
                what,
                tries,
                view.clientAddress(),
                view.method(),
                view.path(),
                current == null ? "-" : current.host() + ":" + current.port());
    }

    @Nullable
    Failure failure() {
        return failure.get();
    }
}
