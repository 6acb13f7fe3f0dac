package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.in.AdminCredential;
import io.tollgate.application.port.in.AuthenticateAdmin;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tollgate's {@code admin_auth} on the Admin API. {@code basic}: {@code Authorization: Basic base64(name:password)}
 * of a password account; {@code token}: {@code Kong-Admin-Token: <token>} (Kong Enterprise's RBAC header) or
 * {@code Authorization: Bearer <token>} of a token account. A request without valid credentials gets
 * {@code 401 {"message":"Unauthorized"}} with {@code WWW-Authenticate: Basic realm="tollgate-admin"} (or
 * {@code Bearer realm="tollgate-admin"}). Credentials are verified by {@link AuthenticateAdmin}, which remembers
 * successes for a few seconds (so most requests do not reach the database) and compares secrets in constant time.
 * Refused credentials are logged at {@code warn} with the name presented (never a password or a token); a request
 * without any at {@code debug}. A client address with too many refused credentials is answered
 * {@code 429 {"message":"Too many failed authentication attempts"}} with {@code Retry-After} until its window ends
 * ({@link FailedLogins}). Runs on a worker thread (the first check of a credential may block).
 */
final class AdminAccess {

    static final String REALM = "tollgate-admin";
    static final HttpString ADMIN_TOKEN = new HttpString("Kong-Admin-Token");
    private static final Logger LOG = LoggerFactory.getLogger(AdminAccess.class);

    private final AdminAuthMode mode;
    private final AuthenticateAdmin authenticate;
    private final FailedLogins failures = new FailedLogins();

    AdminAccess(AdminAuthMode mode, AuthenticateAdmin authenticate) {
        this.mode = mode;
        this.authenticate = authenticate;
    }

    /**
     * Returns when the request may go on ({@code admin_auth = off}, or valid credentials).
     *
     * @throws ClientError 401 otherwise, with {@code WWW-Authenticate} already set on the response
     */
    void check(HttpServerExchange exchange) {
        if (mode == AdminAuthMode.OFF) {
            return;
        }
        Optional<AdminCredential> presented = switch (mode) {
            case OFF -> Optional.empty();
            case BASIC -> basic(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
            case TOKEN -> token(exchange);
        };
        @Nullable
        InetAddress client = exchange.getSourceAddress() == null
                ? null
                : exchange.getSourceAddress().getAddress();
        if (presented.isPresent() && client != null) {
            long wait = failures.retryAfterSeconds(client);
            if (wait > 0) {
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(wait));
                throw new ClientError(429, "Too many failed authentication attempts");
            }
        }
        if (presented.isPresent() && authenticate.authenticate(presented.get()).isPresent()) {
            return;
        }
        if (presented.isPresent() && client != null) {
            failures.failed(client);
        }
        String scheme = mode == AdminAuthMode.BASIC ? "Basic" : "Bearer";
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, scheme + " realm=\"" + REALM + "\"");
        if (presented.isEmpty()) {
            LOG.debug(
                    "admin API request without valid {} credentials: {} {}",
                    mode.configValue(),
                    method(exchange),
                    exchange.getRequestPath());
        } else {
            LOG.warn(
                    "admin API authentication failed for {} from {}: {} {}",
                    describe(presented.get()),
                    exchange.getSourceAddress() == null
                            ? "?"
                            : exchange.getSourceAddress().getAddress().getHostAddress(),
                    method(exchange),
                    printable(exchange.getRequestPath()));
        }
        throw new ClientError(401, "Unauthorized");
    }

    private static Optional<AdminCredential> basic(@Nullable String authorization) {
        String encoded = credentials(authorization, "basic");
        if (encoded == null) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new AdminCredential.Password(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    private static Optional<AdminCredential> token(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(ADMIN_TOKEN);
        String token = header != null && !header.isBlank()
                ? header.strip()
                : credentials(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION), "bearer");
        return token == null || token.isEmpty() ? Optional.empty() : Optional.of(new AdminCredential.Token(token));
    }

    /** The credentials after {@code scheme} (any case) in an {@code Authorization} value, or {@code null}. */
    private static @Nullable String credentials(@Nullable String authorization, String scheme) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(scheme)) {
            return null;
        }
        return value.substring(space + 1).strip();
    }

    private static String describe(AdminCredential credential) {
        return switch (credential) {
            case AdminCredential.Password p -> "account '" + printable(p.name()) + "'";
            case AdminCredential.Token t -> "a token";
        };
    }

    private static String method(HttpServerExchange exchange) {
        return printable(exchange.getRequestMethod().toString());
    }

    /** At most 64 characters, control characters replaced, so a log line stays one honest line. */
    private static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
