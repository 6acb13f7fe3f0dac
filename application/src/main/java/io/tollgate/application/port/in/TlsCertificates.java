package io.tollgate.application.port.in;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of the certificates the TLS listeners choose from by SNI (Kong's {@code snis} entities):
 * each SNI name, exact ({@code api.example.com}) or wildcard ({@code *.example.com}, {@code example.*}), to its
 * certificate. A new snapshot replaces the whole object when certificates or SNIs change, so an adapter may cache
 * what it derives from one snapshot by identity.
 *
 * @param byName every SNI name, lower case, to its certificate
 */
public record TlsCertificates(Map<String, ServerCertificate> byName) {

    /** No SNI at all: every handshake gets the listener's default certificate. */
    public static final TlsCertificates EMPTY = new TlsCertificates(Map.of());

    public TlsCertificates {
        byName = Map.copyOf(byName);
    }

    /**
     * The certificate for a client's server name, as Kong picks it: the exact name, else the name with its first
     * label replaced by {@code *} ({@code *.example.com} for {@code api.example.com}), else with its last label
     * replaced ({@code api.example.*}), else the {@code *} SNI's. Case-insensitive; a trailing dot is ignored. Four map
     * lookups at most.
     *
     * @param serverName the SNI the client sent, or {@code null} when it sent none
     * @return the certificate, or {@code null} when no SNI matches and there is no {@code *} SNI, or the client sent
     *     none (the caller then uses its default certificate)
     */
    public @Nullable ServerCertificate select(@Nullable String serverName) {
        if (serverName == null || serverName.isEmpty() || byName.isEmpty()) {
            return null;
        }
        String name = serverName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        ServerCertificate exact = byName.get(name);
        if (exact != null) {
            return exact;
        }
        int firstDot = name.indexOf('.');
        if (firstDot > 0) {
            ServerCertificate prefix = byName.get("*" + name.substring(firstDot));
            if (prefix != null) {
                return prefix;
            }
        }
        int lastDot = name.lastIndexOf('.');
        ServerCertificate suffix =
                lastDot > 0 && lastDot < name.length() - 1 ? byName.get(name.substring(0, lastDot + 1) + "*") : null;
        return suffix != null ? suffix : byName.get(DEFAULT_SNI);
    }

    /** The SNI name whose certificate replaces the listener's default for names no other SNI matches. */
    public static final String DEFAULT_SNI = "*";
}
