package io.tollgate.adapter.http;

import io.tollgate.application.port.in.ServerCertificate;
import io.tollgate.application.port.in.ServerCertificates;
import io.tollgate.domain.certificate.Pem;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS listeners' key manager: picks the server certificate by the client's SNI from the current
 * {@link ServerCertificates} snapshot (Kong's certificate phase: exact name, then {@code *.rest}, then
 * {@code first.*}), else the default certificate. Lock-free: the snapshot is immutable and swapped whole on change;
 * each certificate's PEM is parsed once and the key material cached by content, so a handshake after a certificate
 * update presents the new certificate without any restart.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

    private static final Logger LOG = LoggerFactory.getLogger(SniKeyManager.class);
    /** Parsed certificates kept before the cache is cleared (it only grows by certificate updates). */
    private static final int MAX_PARSED = 4096;

    private final ServerCertificates certificates;
    /** The default certificate and its entries; replaced whole by {@link #defaultCertificateSwap}. */
    private volatile Defaults defaults;

    private final Map<ServerCertificate, List<Entry>> parsed = new ConcurrentHashMap<>();
    private final Map<String, Entry> byAlias = new ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException when the default certificate or key does not parse, or they do not match
     */
    SniKeyManager(ServerCertificates certificates, ServerTls defaultCertificate) {
        this.certificates = certificates;
        this.defaults = new Defaults(defaultCertificate, defaultEntries(defaultCertificate));
        defaults.entries().forEach(e -> byAlias.put(e.alias, e));
    }

    /**
     * Prepares replacing the default certificate ({@code tollgate reload} of {@code ssl_cert} / {@code ssl_cert_key}):
     * parses it now; the returned action makes the handshakes that start afterwards present it (a handshake under way
     * keeps the certificate it chose).
     *
     * @return empty when {@code next} is the certificate in use, else the action that swaps it in
     * @throws IllegalArgumentException when the certificate or its key does not parse, or they do not match
     */
    Optional<Runnable> defaultCertificateSwap(ServerTls next) {
        if (next.equals(defaults.certificate())) {
            return Optional.empty();
        }
        List<Entry> entries = defaultEntries(next);
        return Optional.of(() -> {
            entries.forEach(e -> byAlias.put(e.alias, e));
            defaults = new Defaults(next, entries);
        });
    }

    private static List<Entry> defaultEntries(ServerTls certificate) {
        List<Entry> entries = entries("default", certificate.certPem(), certificate.keyPem(), null, null);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the default TLS certificate or its key is not valid PEM");
        }
        for (Entry entry : entries) {
            if (!Pem.matches(entry.chain[0], entry.key)) {
                throw new IllegalArgumentException("the default TLS certificate does not match its key");
            }
        }
        return entries;
    }

    /** The certificate chains a handshake for {@code serverName} presents (tests, diagnostics). */
    List<X509Certificate[]> chainsFor(@Nullable String serverName) {
        return candidates(serverName).stream().map(e -> e.chain).toList();
    }

    @Override
    public @Nullable String chooseEngineServerAlias(
            String keyType, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
        return choose(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
        return choose(keyType, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    @Override
    public X509Certificate @Nullable [] getCertificateChain(String alias) {
        Entry entry = byAlias.get(alias);
        return entry == null ? null : entry.chain.clone();
    }

    @Override
    public @Nullable PrivateKey getPrivateKey(String alias) {
        Entry entry = byAlias.get(alias);
        return entry == null ? null : entry.key;
    }

    @Override
    public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
        return null;
    }

    @Override
    public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
        return null;
    }

    @Override
    public @Nullable String chooseClientAlias(
            String[] keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
        return null;
    }

    private @Nullable String choose(String keyType, @Nullable SSLSession handshake) {
        String wanted = normalise(keyType);
        for (Entry entry : candidates(serverName(handshake))) {
            if (entry.keyType.equals(wanted)) {
                return entry.alias;
            }
        }
        return null;
    }

    private List<Entry> candidates(@Nullable String serverName) {
        ServerCertificate selected = certificates.current().select(serverName);
        if (selected == null) {
            return defaults.entries();
        }
        List<Entry> entries = parsed.get(selected);
        if (entries == null) {
            if (parsed.size() > MAX_PARSED) {
                parsed.clear();
            }
            entries = entries(
                    selected.id().toString(),
                    selected.certPem(),
                    selected.keyPem(),
                    selected.certAltPem(),
                    selected.keyAltPem());
            parsed.put(selected, entries);
            if (byAlias.size() > MAX_PARSED) {
                byAlias.keySet().removeIf(alias -> !alias.startsWith("default:"));
                defaults.entries().forEach(e -> byAlias.put(e.alias, e));
            }
            entries.forEach(e -> byAlias.put(e.alias, e));
        }
        return entries.isEmpty() ? defaults.entries() : entries;
    }

    private static @Nullable String serverName(@Nullable SSLSession handshake) {
        if (handshake instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName().toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    /** The key type names the JDK asks for ({@code RSA}, {@code EC}, {@code EdDSA}; TLS 1.2 may add {@code _…}). */
    private static String normalise(String keyType) {
        int underscore = keyType.indexOf('_');
        String type = underscore > 0 ? keyType.substring(0, underscore) : keyType;
        return type.startsWith("Ed") ? "EdDSA" : type;
    }

    private static List<Entry> entries(
            String name, String certPem, String keyPem, @Nullable String certAltPem, @Nullable String keyAltPem) {
        List<Entry> out = new ArrayList<>(2);
        parse(name, certPem, keyPem).ifPresent(out::add);
        if (certAltPem != null && keyAltPem != null) {
            parse(name + "-alt", certAltPem, keyAltPem).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    private static Optional<Entry> parse(String name, String certPem, String keyPem) {
        List<X509Certificate> chain = Pem.certificates(certPem);
        if (chain.isEmpty()) {
            LOG.warn("certificate {} does not parse; the default certificate is used instead", name);
            return Optional.empty();
        }
        Optional<PrivateKey> key = Pem.privateKey(keyPem, chain.get(0).getPublicKey());
        if (key.isEmpty()) {
            LOG.warn("the key of certificate {} does not parse; the default certificate is used instead", name);
            return Optional.empty();
        }
        String keyType = normalise(key.get().getAlgorithm());
        String alias = name + ":" + keyType + ":" + Integer.toHexString(certPem.hashCode() * 31 + keyPem.hashCode());
        return Optional.of(new Entry(alias, keyType, chain.toArray(X509Certificate[]::new), key.get()));
    }

    private record Entry(String alias, String keyType, X509Certificate[] chain, PrivateKey key) {}

    /** The default certificate in use and its parsed entries, swapped together. */
    private record Defaults(ServerTls certificate, List<Entry> entries) {}
}
