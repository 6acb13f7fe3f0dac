package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.RecordSchema;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Kong's {@code basic-auth} (priority 1100, kong-internals §9.3): takes {@code username:password} from
 * {@code Proxy-Authorization}, then {@code Authorization} ({@code Basic <base64>}, see {@link BasicCredentials}),
 * looks the credential up through the node cache by username ({@code basicauth_credentials:<username>:::::<ws>}),
 * verifies the password against its stored hash ({@link PasswordCheck}: Tollgate's PBKDF2 or Kong's SHA-1, off the
 * I/O thread, successes remembered) and authenticates its consumer with {@code X-Credential-Identifier} = the
 * username. Failures: no header → 401 {@code "Unauthorized"}, anything else → 401
 * {@code "Invalid authentication credentials"}, both with {@code WWW-Authenticate: Basic realm="<realm>"}; or the
 * {@code anonymous} consumer ({@link Authentication}). {@code hide_credentials} removes the headers it read.
 */
public final class BasicAuth implements TollgatePlugin {

    static final String UNAUTHORIZED = "Unauthorized";
    static final String INVALID = "Invalid authentication credentials";

    /** Kong's schema: {@code anonymous}, {@code hide_credentials} (false), {@code realm} ("service"); no consumer. */
    public static final PluginDefinition DEFINITION = new PluginDefinition(
            "basic-auth",
            1100,
            PluginCatalog.VERSION,
            RecordSchema.of(
                    string("anonymous"),
                    bool("hide_credentials").required().defaultValue(false),
                    string("realm").required().defaultValue("service")),
            true);

    private final Executor hashing;

    /** Password checks that may wait for a hashing thread; beyond, a request is refused with 503 at once. */
    static final int QUEUE = 1024;

    /** The message of the 503 a request gets while {@value #QUEUE} password checks already wait. */
    static final String OVERLOADED = "Service unavailable: too many password checks in progress";

    /**
     * Verifies passwords on a pool of half the processors (at least one daemon thread) with at most {@value #QUEUE}
     * checks waiting: PBKDF2 is slow on purpose, so a flood of wrong passwords may delay basic-auth requests but never
     * takes more than half the node's CPU from the rest of the traffic, nor grows memory without bound (a check that
     * finds the queue full answers 503 {@value #OVERLOADED}; remembered successes still pass at once).
     */
    public BasicAuth() {
        this(new ThreadPoolExecutor(
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                Thread.ofPlatform().daemon().name("basic-auth-hash-", 0).factory()));
    }

    /** Verifies passwords on {@code hashing} (tests pass one they drive). */
    BasicAuth(Executor hashing) {
        this.hashing = hashing;
    }

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new Handler(environment, new PasswordCheck(hashing));
    }

    private static final class Handler implements PluginHandler {

        private final PluginEnvironment entities;
        private final Authentication authentication;
        private final PasswordCheck passwords;

        Handler(PluginEnvironment entities, PasswordCheck passwords) {
            this.entities = entities;
            this.authentication = new Authentication(entities);
            this.passwords = passwords;
        }

        @Override
        public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
            if (Authentication.satisfiedEarlier(context, config)) {
                return DONE;
            }
            if (context.header("Authorization") == null && context.header("Proxy-Authorization") == null) {
                return fail(context, config, UNAUTHORIZED);
            }
            Optional<BasicCredentials> proxy = read(context, config, "Proxy-Authorization");
            CompletionStage<Optional<Found>> fromProxy =
                    proxy.isPresent() ? lookUp(proxy.get()) : CompletableFuture.completedFuture(Optional.empty());
            return fromProxy
                    .thenCompose(found -> {
                        if (found.isPresent()) {
                            return CompletableFuture.completedFuture(found);
                        }
                        Optional<BasicCredentials> plain = read(context, config, "Authorization");
                        return plain.isPresent()
                                ? lookUp(plain.get())
                                : CompletableFuture.completedFuture(Optional.<Found>empty());
                    })
                    .thenCompose(found -> {
                        if (found.isEmpty()) {
                            return fail(context, config, INVALID);
                        }
                        Found f = found.get();
                        CompletionStage<Boolean> matches;
                        try {
                            matches =
                                    passwords.matches(f.credential(), f.given().password());
                        } catch (RejectedExecutionException full) {
                            context.exitWithMessage(503, OVERLOADED, Map.of("Retry-After", "1"));
                            return DONE;
                        }
                        return matches.thenCompose(ok -> ok
                                ? authentication.authenticate(
                                        context,
                                        f.credential().foreignId("consumer").orElseThrow(),
                                        f.credential().id(),
                                        f.credential().string("username"),
                                        () -> fail(context, config, INVALID))
                                : fail(context, config, INVALID));
                    });
        }

        /** Reads one header's credentials; with {@code hide_credentials} the header goes, parsable or not. */
        private static Optional<BasicCredentials> read(PluginContext context, PluginConfig config, String header) {
            String value = context.header(header);
            if (value == null) {
                return Optional.empty();
            }
            if (config.bool("hide_credentials", false)) {
                context.removeHeader(header);
            }
            return BasicCredentials.parse(value);
        }

        private CompletionStage<Optional<Found>> lookUp(BasicCredentials given) {
            return entities.findBy(BasicAuthCredentials.SCHEMA, "username", given.username())
                    .thenApply(found -> found.map(credential -> new Found(credential, given)));
        }

        private CompletionStage<Void> fail(PluginContext context, PluginConfig config, String message) {
            String challenge = "Basic realm=\"" + config.string("realm", "service") + "\"";
            return authentication.fail(context, config, 401, message, Map.of("WWW-Authenticate", challenge));
        }
    }

    private record Found(Entity credential, BasicCredentials given) {}
}
