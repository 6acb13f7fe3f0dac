package io.tollgate.adapter.http.health;

import io.tollgate.adapter.http.tls.TrustAnyCertificate;
import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.out.HealthProbes;
import io.tollgate.domain.net.HostAddress;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HealthProbes} with the JDK: {@code http}/{@code https} (and {@code grpc}/{@code grpcs}, probed the same way)
 * send {@code GET <http_path>} over HTTP/1.1 with the configured headers and count the response status (the body is
 * discarded); {@code tcp} only connects. One {@link HttpClient} per (timeout, certificate check, SNI) combination,
 * kept for reuse. With {@code https_verify_certificate=false} any certificate is accepted.
 *
 * <p>The probe's {@code Host} is {@link Probe#hostHeader()} (as Kong's health checker sends it) when the JVM lets
 * callers set it ({@code jdk.httpclient.allowRestrictedHeaders} naming {@code host}, which {@code tollgate} sets at
 * start), else the JDK client's {@code host:port}. Other headers the JDK client forbids ({@code Connection},
 * {@code Content-Length}, …) are not sent. {@code https_sni} is offered through the
 * client's SSL parameters, which the JDK client may replace with the target's host name for name targets.
 */
@Singleton
final class JdkHealthProbes implements HealthProbes {

    private static final Logger LOG = LoggerFactory.getLogger(JdkHealthProbes.class);

    private record ClientKey(
            Duration timeout, boolean verify, @Nullable String sni) {}

    private final Map<ClientKey, HttpClient> clients = new ConcurrentHashMap<>();

    @Inject
    JdkHealthProbes() {}

    @Override
    public CompletionStage<PeerOutcome> probe(Probe probe) {
        long start = System.nanoTime();
        try {
            return probe.type().equals("tcp") ? connect(probe, start) : request(probe, start);
        } catch (RuntimeException e) {
            LOG.debug("health probe of {}:{} could not start", probe.host(), probe.port(), e);
            return CompletableFuture.completedFuture(PeerOutcome.tcpError(elapsedMs(start)));
        }
    }

    private CompletionStage<PeerOutcome> request(Probe probe, long start) {
        boolean tls = probe.type().equals("https") || probe.type().equals("grpcs");
        URI uri = URI.create((tls ? "https://" : "http://") + HostAddress.bracketed(probe.host()) + ":" + probe.port()
                + probe.path());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(probe.timeout());
        if (probe.headers().keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
            header(request, "Host", probe.hostHeader());
        }
        probe.headers().forEach((name, values) -> values.forEach(value -> header(request, name, value)));
        HttpClient client = clients.computeIfAbsent(
                new ClientKey(probe.timeout(), !tls || probe.verifyCertificate(), tls ? probe.sni() : null),
                JdkHealthProbes::client);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    long ms = elapsedMs(start);
                    if (error == null) {
                        return PeerOutcome.response(response.statusCode(), ms);
                    }
                    Throwable cause =
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    return cause instanceof HttpTimeoutException ? PeerOutcome.timeout(ms) : PeerOutcome.tcpError(ms);
                });
    }

    /** Adds a header; one the JDK client refuses (see the class comment) is left out and logged at debug. */
    private static void header(HttpRequest.Builder request, String name, String value) {
        try {
            request.header(name, value);
        } catch (IllegalArgumentException restricted) {
            LOG.debug("health probe header {} not sent: {}", name, restricted.getMessage());
        }
    }

    private static CompletionStage<PeerOutcome> connect(Probe probe, long start) {
        CompletableFuture<PeerOutcome> outcome = new CompletableFuture<>();
        AsynchronousSocketChannel channel;
        try {
            channel = AsynchronousSocketChannel.open();
        } catch (IOException e) {
            return CompletableFuture.completedFuture(PeerOutcome.tcpError(elapsedMs(start)));
        }
        outcome.whenComplete((r, e) -> {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a probe socket
            }
        });
        channel.connect(new InetSocketAddress(probe.host(), probe.port()), null, new CompletionHandler<Void, Void>() {
            @Override
            public void completed(Void result, Void attachment) {
                outcome.complete(PeerOutcome.response(0, elapsedMs(start)));
            }

            @Override
            public void failed(Throwable error, Void attachment) {
                outcome.complete(PeerOutcome.tcpError(elapsedMs(start)));
            }
        });
        outcome.completeOnTimeout(
                PeerOutcome.timeout(probe.timeout().toMillis()), probe.timeout().toMillis(), TimeUnit.MILLISECONDS);
        return outcome;
    }

    private static HttpClient client(ClientKey key) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(key.timeout().isPositive() ? key.timeout() : Duration.ofMillis(1));
        if (!key.verify()) {
            builder.sslContext(trustAll());
        }
        if (key.sni() != null) {
            SSLParameters parameters = new SSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(key.sni())));
            builder.sslParameters(parameters);
        }
        return builder.build();
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAnyCertificate()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context for unverified health probes", e);
        }
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
