package io.tollgate.application.proxy.tls;

import io.tollgate.application.port.in.UpstreamTls;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.application.vault.SecretUse;
import io.tollgate.application.vault.VaultSecrets;
import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.certificate.CaCertificates;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.VaultReference;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a service's upstream TLS fields ({@code tls_verify}, {@code tls_verify_depth}, {@code ca_certificates},
 * {@code client_certificate}) to an {@link UpstreamTls} of PEM text, through the node cache
 * ({@code ca_certificates:<id>:::::}, {@code certificates:<id>:::::<ws>}; misses cached too, purged on change). When
 * every entity is cached the result is complete at once; a miss completes it on the cache's executor.
 */
public final class UpstreamTlsResolver {

    /** Looks nothing up: verify flags only; a service referencing a CA or client certificate fails to resolve. */
    public static final UpstreamTlsResolver NONE = new UpstreamTlsResolver();

    /** The most client certificates whose resolved references are kept (cleared past it). */
    static final int MAX_RESOLVED = 1_000;

    private final @Nullable EntityStore store;
    private final @Nullable NodeCache cache;
    private final @Nullable WorkspaceId workspace;
    private final @Nullable SecretUse secrets;
    /** {@code lua_ssl_trusted_certificate}'s PEM text: what a verifying service without CAs trusts, null: the JDK's. */
    private final @Nullable String trustedPem;
    /**
     * A client certificate's {@code cert} and {@code key} with their vault references resolved, by the cached entity
     * they were read from: resolved once per version of the entity, never in the node cache (whose Admin API
     * {@code /cache/{key}} would show them).
     */
    private final Map<Entity, Optional<ClientPair>> resolved = new ConcurrentHashMap<>();

    private UpstreamTlsResolver() {
        this.store = null;
        this.cache = null;
        this.workspace = null;
        this.secrets = null;
        this.trustedPem = null;
    }

    /**
     * @param store the entity store, read on cache misses only
     * @param cache the node cache
     * @param workspace the workspace of {@code certificates} keys
     */
    public UpstreamTlsResolver(EntityStore store, NodeCache cache, WorkspaceId workspace) {
        this(store, cache, workspace, VaultSecrets.none(store));
    }

    /**
     * As {@link #UpstreamTlsResolver(EntityStore, NodeCache, WorkspaceId)}, resolving vault references in the client
     * certificate's {@code cert} and {@code key} ({@code {vault://env/…}}) the first time a version of the
     * certificate is used; one that does not resolve fails the settings as a missing certificate does (Kong leaves
     * the field unset and the handshake cannot present it). Not rotated: a certificate change resolves again.
     */
    public UpstreamTlsResolver(EntityStore store, NodeCache cache, WorkspaceId workspace, VaultSecrets secrets) {
        this(store, cache, workspace, secrets, null);
    }

    /**
     * As {@link #UpstreamTlsResolver(EntityStore, NodeCache, WorkspaceId, VaultSecrets)}; a service with
     * {@code tls_verify} and no {@code ca_certificates} trusts {@code trustedPem} (Kong's
     * {@code lua_ssl_trusted_certificate}, one PEM text that may hold several certificates) instead of the JDK's
     * trust store, as Kong's {@code proxy_ssl_trusted_certificate} defaults to it.
     */
    public UpstreamTlsResolver(
            EntityStore store,
            NodeCache cache,
            WorkspaceId workspace,
            VaultSecrets secrets,
            @Nullable String trustedPem) {
        this.trustedPem = trustedPem;
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.secrets = new SecretUse(secrets, System::nanoTime);
    }

    /**
     * The TLS settings for {@code service}'s upstream connections.
     *
     * @return a future of the settings; it fails with {@link IllegalStateException} when a referenced CA certificate
     *         or client certificate no longer exists (Kong answers 500), or when the database cannot be read
     */
    public CompletableFuture<UpstreamTls> resolve(Service service) {
        return resolve(service, null);
    }

    /**
     * As {@link #resolve(Service)}, presenting {@code upstreamClientCertificate} (the {@code client_certificate} of
     * the upstream the service's host names) when the service sets no {@code client_certificate} of its own.
     */
    public CompletableFuture<UpstreamTls> resolve(Service service, @Nullable UUID upstreamClientCertificate) {
        Service.Tls own = service.tls();
        Service.Tls tls = own.clientCertificate() == null && upstreamClientCertificate != null
                ? new Service.Tls(own.verify(), own.verifyDepth(), own.caCertificates(), upstreamClientCertificate)
                : own;
        if (tls.isDefault() || !"https".equals(service.protocol())) {
            return CompletableFuture.completedFuture(UpstreamTls.DEFAULT);
        }
        boolean verify = Boolean.TRUE.equals(tls.verify());
        List<CompletableFuture<Entity>> cas = new ArrayList<>();
        for (UUID id : tls.caCertificates()) {
            cas.add(load(CaCertificates.SCHEMA, id));
        }
        UUID clientId = tls.clientCertificate();
        CompletableFuture<@Nullable Entity> client = clientId == null
                ? CompletableFuture.completedFuture(null)
                : load(Certificates.SCHEMA, clientId).thenApply(e -> e);
        CompletableFuture<?>[] all = new CompletableFuture<?>[cas.size() + 1];
        cas.toArray(all);
        all[cas.size()] = client;
        return CompletableFuture.allOf(all)
                .thenApply(done -> build(
                        verify,
                        tls.verifyDepth(),
                        cas.stream().map(CompletableFuture::join).toList(),
                        client.join()));
    }

    private CompletableFuture<Entity> load(EntitySchema schema, UUID id) {
        EntityStore entities = store;
        if (cache == null || entities == null || workspace == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no certificate lookup configured"));
        }
        // a client certificate's references are resolved in the loader, off the request's thread, on a miss
        return cache.get(
                        CacheKeys.of(schema.kind(), workspace, id),
                        () -> entities.find(schema, id).map(found -> {
                            if (schema == Certificates.SCHEMA) {
                                resolveOnce(found);
                            }
                            return found;
                        }))
                .thenApply(found -> found.orElseThrow(() -> new IllegalStateException(
                        "the service references " + schema.name() + " " + id + ", which does not exist")));
    }

    private UpstreamTls build(boolean verify, @Nullable Integer depth, List<Entity> cas, @Nullable Entity client) {
        StringBuilder key = new StringBuilder(verify ? "verify" : "noverify")
                .append('|')
                .append(depth == null ? "" : depth.toString());
        List<String> caPems = new ArrayList<>();
        for (Entity ca : cas) {
            String pem = ca.string("cert");
            caPems.add(pem);
            key.append("|ca:").append(ca.id()).append('#').append(Integer.toHexString(pem.hashCode()));
        }
        if (verify && caPems.isEmpty() && trustedPem != null) {
            caPems.add(trustedPem);
            key.append("|trusted#").append(Integer.toHexString(trustedPem.hashCode()));
        }
        String certPem = null;
        String keyPem = null;
        if (client != null) {
            ClientPair pair = clientPair(client);
            certPem = pair.certPem();
            keyPem = pair.keyPem();
            key.append("|cc:")
                    .append(client.id())
                    .append('#')
                    .append(Integer.toHexString(Objects.hash(certPem, keyPem)));
        }
        return new UpstreamTls(verify, depth, caPems, certPem, keyPem, key.toString());
    }

    private ClientPair clientPair(Entity client) {
        String cert = client.string("cert");
        String key = client.string("key");
        if (!VaultReference.isReference(cert) && !VaultReference.isReference(key)) {
            return new ClientPair(cert, key);
        }
        return resolveOnce(client)
                .orElseThrow(() -> new IllegalStateException(
                        "the client certificate " + client.id() + " has a vault reference that does not resolve"));
    }

    /** The entity's pair with references resolved, resolving it the first time this version of it is seen. */
    private Optional<ClientPair> resolveOnce(Entity client) {
        SecretUse use = secrets;
        String cert = client.string("cert");
        String key = client.string("key");
        if (use == null || (!VaultReference.isReference(cert) && !VaultReference.isReference(key))) {
            return Optional.of(new ClientPair(cert, key));
        }
        if (resolved.size() > MAX_RESOLVED) {
            resolved.clear();
        }
        return resolved.computeIfAbsent(client, c -> {
            String where = "certificate " + c.id() + " field ";
            String certPem = use.resolve(where + "cert", cert);
            String keyPem = use.resolve(where + "key", key);
            return certPem == null || keyPem == null ? Optional.empty() : Optional.of(new ClientPair(certPem, keyPem));
        });
    }

    /** A client certificate's PEM text, references resolved. */
    private record ClientPair(String certPem, String keyPem) {
        @Override
        public String toString() {
            return "ClientPair[******]";
        }
    }
}
