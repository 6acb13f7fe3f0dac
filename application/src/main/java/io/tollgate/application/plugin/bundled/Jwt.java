package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.number;
import static io.tollgate.domain.schema.Fields.set;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.Json;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.credential.JwtSecrets;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code jwt} (priority 1450): finds the token in the {@code uri_param_names} query args, the
 * {@code cookie_names} cookies and the {@code header_names} headers ({@code Bearer <token>}), decodes it
 * ({@link JwtToken}), looks the credential up through the node cache by the {@code key_claim_name} claim (or header
 * field), default {@code iss} ({@code jwt_secrets:<key>:::::<ws>}), checks that the token's {@code alg} is the
 * credential's {@code algorithm}, verifies the signature with its {@code secret} (HS*, base64-decoded first with
 * {@code secret_is_base64}) or {@code rsa_public_key} (RS*, PS*, ES*, EdDSA), then {@code claims_to_verify}
 * ({@link JwtClaims}) and {@code maximum_expiration}, and authenticates the consumer with
 * {@code X-Credential-Identifier} = the credential's key (the token goes to {@code shared()} as
 * {@code authenticated_jwt_token}). Failures are Kong's 401s with {@code WWW-Authenticate: Bearer[ realm="…"]}
 * (plus {@code error="invalid_token"} once a token was found), or the {@code anonymous} consumer
 * ({@link Authentication}).
 */
public final class Jwt implements TollgatePlugin {

    /**
     * Kong's schema: {@code uri_param_names} ({@code ["jwt"]}), {@code cookie_names} ([]), {@code key_claim_name}
     * ({@code iss}), {@code secret_is_base64} (false), {@code claims_to_verify} ({@code exp}, {@code nbf}),
     * {@code anonymous}, {@code run_on_preflight} (true), {@code maximum_expiration} (0 = none, up to 31536000 s;
     * above 0 it needs {@code exp} in {@code claims_to_verify}), {@code header_names} ({@code ["authorization"]}),
     * {@code realm}; no consumer.
     */
    public static final PluginDefinition DEFINITION = new PluginDefinition(
            "jwt",
            1450,
            PluginCatalog.VERSION,
            RecordSchema.of(
                            set("uri_param_names", string("name")).defaultValue(List.of("jwt")),
                            set("cookie_names", string("name")).defaultValue(List.of()),
                            string("key_claim_name").defaultValue("iss"),
                            bool("secret_is_base64").required().defaultValue(false),
                            set("claims_to_verify", string("claim").rule(Rules.oneOf("exp", "nbf"))),
                            string("anonymous"),
                            bool("run_on_preflight").required().defaultValue(true),
                            number("maximum_expiration")
                                    .defaultValue(0.0)
                                    .rule(value -> value instanceof Number n
                                                    && (n.doubleValue() < 0 || n.doubleValue() > 31536000)
                                            ? Optional.of("value should be between 0 and 31536000")
                                            : Optional.empty()),
                            set("header_names", string("name")).defaultValue(List.of("authorization")),
                            string("realm"))
                    .withCheck(Checks.custom(List.of("maximum_expiration", "claims_to_verify"), (values, errors) -> {
                        if (values.get("maximum_expiration") instanceof Number max
                                && max.doubleValue() > 0
                                && !(values.get("claims_to_verify") instanceof List<?> claims
                                        && claims.contains("exp"))) {
                            errors.field("claims_to_verify", "expected to contain: exp");
                            errors.entity("failed conditional validation given value of field 'maximum_expiration'");
                        }
                    })),
            true);

    private final Clock clock;

    public Jwt() {
        this(Clock.systemUTC());
    }

    Jwt(Clock clock) {
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
            if (!config.bool("run_on_preflight", true) && context.method().equals("OPTIONS")) {
                return DONE;
            }
            if (Authentication.satisfiedEarlier(context, config)) {
                return DONE;
            }
            String realm = config.string("realm");
            String challenge = realm == null ? "Bearer" : "Bearer realm=\"" + realm + "\"";
            String invalid = challenge + " error=\"invalid_token\"";
            List<String> tokens = JwtTokens.find(context, config);
            if (tokens.isEmpty()) {
                return fail(context, config, "Unauthorized", challenge);
            }
            if (tokens.size() > 1) {
                return fail(context, config, "Multiple tokens provided", invalid);
            }
            String raw = tokens.get(0);
            JwtToken token;
            switch (JwtToken.decode(raw, entities.json())) {
                case JwtToken.Decoded.Bad bad -> {
                    return fail(context, config, "Bad token; " + bad.reason(), invalid);
                }
                case JwtToken.Decoded.Ok ok -> token = ok.token();
            }
            String claimName = config.string("key_claim_name", "iss");
            Object keyValue = token.claims().containsKey(claimName)
                    ? token.claims().get(claimName)
                    : token.header().get(claimName);
            if (keyValue == null) {
                return fail(context, config, "No mandatory '" + claimName + "' in claims", invalid);
            }
            String key = keyValue instanceof Double d && d == Math.rint(d)
                    ? String.valueOf(d.longValue())
                    : keyValue.toString();
            if (key.isEmpty()) {
                return fail(context, config, "Invalid '" + claimName + "' in claims", invalid);
            }
            return entities.findBy(JwtSecrets.SCHEMA, "key", key).thenCompose(found -> {
                if (found.isEmpty()) {
                    return fail(context, config, "No credentials found for given '" + claimName + "'", invalid);
                }
                return check(context, config, token, raw, found.get(), claimName, key, invalid);
            });
        }

        private CompletionStage<Void> check(
                PluginContext context,
                PluginConfig config,
                JwtToken token,
                String raw,
                Entity credential,
                String claimName,
                String key,
                String invalid) {
            String algorithm = credential.stringOrNull("algorithm");
            if (algorithm == null) {
                algorithm = "HS256";
            }
            if (!algorithm.equals(token.algorithm())) {
                return fail(context, config, "Invalid algorithm", invalid);
            }
            String material = credential.stringOrNull(algorithm.startsWith("HS") ? "secret" : "rsa_public_key");
            byte @Nullable [] keyBytes = material == null ? null : material.getBytes(StandardCharsets.UTF_8);
            if (keyBytes != null && config.bool("secret_is_base64", false)) {
                keyBytes = base64OrNull(material);
            }
            if (keyBytes == null) {
                return fail(context, config, "Invalid key/secret", invalid);
            }
            if (!token.verifies(keyBytes)) {
                return fail(context, config, "Invalid signature", invalid);
            }
            long now = clock.instant().getEpochSecond();
            Map<String, String> claimErrors =
                    JwtClaims.verify(token.claims(), config.strings("claims_to_verify", List.of()), now);
            if (claimErrors.isEmpty()
                    && config.values().get("maximum_expiration") instanceof Number max
                    && max.doubleValue() > 0) {
                claimErrors = JwtClaims.maximumExpiration(token.claims(), max.doubleValue(), now);
            }
            if (!claimErrors.isEmpty()) {
                return failWith(context, config, claimErrors, invalid);
            }
            return authentication
                    .authenticate(
                            context,
                            credential.foreignId("consumer").orElseThrow(),
                            credential.id(),
                            key,
                            () -> fail(
                                    context,
                                    config,
                                    "Could not find consumer for '" + claimName + "=" + key + "'",
                                    invalid))
                    .thenRun(() -> {
                        if (context.credential() != null && !context.exited()) {
                            context.shared().put("authenticated_jwt_token", raw);
                        }
                    });
        }

        private CompletionStage<Void> fail(
                PluginContext context, PluginConfig config, String message, String challenge) {
            return authentication.fail(context, config, 401, message, Map.of("WWW-Authenticate", challenge));
        }

        /** Kong answers claim failures with the errors themselves as the body, e.g. {@code {"exp":"token expired"}}. */
        private CompletionStage<Void> failWith(
                PluginContext context, PluginConfig config, Map<String, String> errors, String challenge) {
            if (Authentication.anonymous(config) != null) {
                return fail(context, config, "Unauthorized", challenge);
            }
            String body = errors.entrySet().stream()
                    .map(e -> Json.quote(e.getKey()) + ":" + Json.quote(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json; charset=utf-8");
            headers.put("WWW-Authenticate", challenge);
            context.exit(401, body, headers);
            return DONE;
        }

        /** Kong's {@code base64_decode}: base64url or standard alphabet, padding optional; null when invalid. */
        private static byte @Nullable [] base64OrNull(String value) {
            try {
                return JwtToken.base64url(value.replace('+', '-').replace('/', '_'));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
