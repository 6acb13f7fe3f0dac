package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.number;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.credential.HmacAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code hmac-auth} (priority 1030): the client signs chosen request headers with its credential's
 * {@code secret} and sends {@code Authorization} (or {@code Proxy-Authorization}) as
 * {@code hmac username="…", algorithm="hmac-sha256", headers="date @request-target …", signature="<base64>"}
 * ({@link HmacSignature}). Checks, in Kong's order, each failure a 401 with {@code WWW-Authenticate: hmac} (or
 * {@code hmac realm="<realm>"}) unless {@code anonymous} takes over ({@link Authentication}):
 * <ol>
 *   <li>neither header → {@code "Unauthorized"};
 *   <li>no {@code X-Date} or {@code Date} (RFC 1123, RFC 850 or asctime, as nginx reads them) within {@code clock_skew} seconds of now →
 *       {@code "HMAC signature cannot be verified, a valid date or x-date header is required for HMAC
 *       Authentication"};
 *   <li>unparsable parameters, an {@code enforce_headers} name not signed, an algorithm not in {@code algorithms},
 *       an unknown username → {@code "HMAC signature cannot be verified"};
 *   <li>a wrong signature → {@code "HMAC signature does not match"}.
 * </ol>
 * The credential is read through the node cache by username ({@code hmacauth_credentials:<username>:::::<ws>});
 * {@code X-Credential-Identifier} is the username. {@code hide_credentials} removes the header the parameters came
 * from. With {@code validate_request_body}, a signed request must also carry {@code Digest: SHA-256=<base64>} of its
 * body (or have none), else {@code "HMAC signature does not match"}.
 */
public final class HmacAuth implements TollgatePlugin {

    static final String NOT_VALID = "HMAC signature cannot be verified";
    static final String NO_DATE = NOT_VALID + ", a valid date or x-date header is required for HMAC Authentication";
    static final String NOT_SAME = "HMAC signature does not match";

    private static final List<String> ALL_ALGORITHMS =
            List.of("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512");

    /**
     * Kong's schema: {@code hide_credentials} (false), {@code clock_skew} (300 s, &gt; 0), {@code anonymous},
     * {@code validate_request_body} (false), {@code enforce_headers} ([]), {@code algorithms} (all four),
     * {@code realm}; no consumer.
     */
    public static final PluginDefinition DEFINITION = new PluginDefinition(
            "hmac-auth",
            1030,
            PluginCatalog.VERSION,
            RecordSchema.of(
                    bool("hide_credentials").required().defaultValue(false),
                    number("clock_skew")
                            .defaultValue(300.0)
                            .rule(value -> value instanceof Number n && n.doubleValue() <= 0
                                    ? Optional.of("value must be greater than 0")
                                    : Optional.empty()),
                    string("anonymous"),
                    bool("validate_request_body").required().defaultValue(false),
                    array("enforce_headers", string("header")).defaultValue(List.of()),
                    array("algorithms", string("algorithm").rule(Rules.oneOf(ALL_ALGORITHMS.toArray())))
                            .defaultValue(ALL_ALGORITHMS),
                    string("realm")),
            true);

    private final Clock clock;

    public HmacAuth() {
        this(Clock.systemUTC());
    }

    HmacAuth(Clock clock) {
        this.clock = clock;
    }

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new Handler(environment, clock);
    }

    private static final class Handler implements PluginHandler {

        private final PluginEnvironment entities;
        private final Authentication authentication;
        private final Clock clock;

        Handler(PluginEnvironment entities, Clock clock) {
            this.entities = entities;
            this.authentication = new Authentication(entities);
            this.clock = clock;
        }

        @Override
        public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
            if (Authentication.satisfiedEarlier(context, config)) {
                return DONE;
            }
            String authorization = context.header("Authorization");
            String proxyAuthorization = context.header("Proxy-Authorization");
            if (authorization == null && proxyAuthorization == null) {
                return fail(context, config, "Unauthorized");
            }
            double skew = config.number("clock_skew", 300);
            if (!withinSkew(context.header("X-Date"), skew) && !withinSkew(context.header("Date"), skew)) {
                return fail(context, config, NO_DATE);
            }
            Optional<HmacSignature> params = HmacSignature.parse(proxyAuthorization);
            boolean hide = config.bool("hide_credentials", false);
            if (params.isPresent()) {
                if (hide) {
                    context.removeHeader("Proxy-Authorization");
                }
            } else {
                params = HmacSignature.parse(authorization);
                if (hide) {
                    context.removeHeader("Authorization");
                }
            }
            if (params.isEmpty() || !acceptable(params.get(), config)) {
                return fail(context, config, NOT_VALID);
            }
            HmacSignature signature = params.get();
            String signingString = signature.signingString(
                    context.method(), pathWithQuery(context), context.httpVersion(), context::header);
            return entities.findBy(HmacAuthCredentials.SCHEMA, "username", signature.username())
                    .thenCompose(found -> {
                        if (found.isEmpty()) {
                            return fail(context, config, NOT_VALID);
                        }
                        String secret = found.get().stringOrNull("secret");
                        if (secret == null || !signature.verifies(secret, signingString)) {
                            return fail(context, config, NOT_SAME);
                        }
                        if (!config.bool("validate_request_body", false)) {
                            return authenticate(context, config, found.get(), signature);
                        }
                        return context.requestBody()
                                .thenCompose(body -> digestMatches(context, body)
                                        ? authenticate(context, config, found.get(), signature)
                                        : fail(context, config, NOT_SAME));
                    });
        }

        private CompletionStage<Void> authenticate(
                PluginContext context, PluginConfig config, Entity credential, HmacSignature signature) {
            return authentication.authenticate(
                    context,
                    credential.foreignId("consumer").orElseThrow(),
                    credential.id(),
                    signature.username(),
                    () -> fail(context, config, NOT_VALID));
        }

        /**
         * Kong's {@code validate_body}: the {@code Digest} header must be {@code SHA-256=<base64 of the body's
         * SHA-256>}; without one, only an empty body passes. A body too large for the proxy to hold fails.
         */
        private static boolean digestMatches(PluginContext context, Optional<byte[]> body) {
            if (body.isEmpty()) {
                return false;
            }
            String digest = context.header("Digest");
            if (digest == null) {
                return body.get().length == 0;
            }
            return digest.equals(HmacSignature.sha256Digest(body.get()));
        }

        /** Kong's {@code validate_params}: every enforced header signed, and an allowed algorithm. */
        private static boolean acceptable(HmacSignature signature, PluginConfig config) {
            Set<String> enforced = new HashSet<>(config.strings("enforce_headers", List.of()));
            signature.headers().forEach(enforced::remove);
            return enforced.isEmpty()
                    && config.strings("algorithms", ALL_ALGORITHMS).contains(signature.algorithm());
        }

        /**
         * Whether a date header ({@link HttpDates}: RFC 1123, RFC 850 or asctime) is within {@code skew} seconds of
         * now (Kong's {@code clock_skew}).
         */
        private boolean withinSkew(@Nullable String date, double skew) {
            Instant sent = date == null ? null : HttpDates.parse(date);
            if (sent == null) {
                return false;
            }
            long now = clock.instant().getEpochSecond();
            return Math.abs(now - sent.getEpochSecond()) <= skew;
        }

        private CompletionStage<Void> fail(PluginContext context, PluginConfig config, String message) {
            String realm = config.string("realm");
            String challenge = realm == null ? "hmac" : "hmac realm=\"" + realm + "\"";
            return authentication.fail(context, config, 401, message, Map.of("WWW-Authenticate", challenge));
        }
    }

    /** Kong's {@code kong.request.get_path_with_query()}: the raw path, plus {@code ?query} when there is one. */
    static String pathWithQuery(PluginContext context) {
        String query = context.rawQuery();
        return query == null || query.isEmpty() ? context.path() : context.path() + "?" + query;
    }
}
