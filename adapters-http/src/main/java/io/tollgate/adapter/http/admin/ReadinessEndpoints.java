package io.tollgate.adapter.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's readiness endpoints on the status API ({@code status_listen}), with the state {@code kong drain} and
 * {@code kong unready} set:
 *
 * <ul>
 *   <li>{@code GET /status/ready}: 200 {@code {"message":"ready"}} when the node is ready and its database answers;
 *       503 {@code {"message":"draining"}} or {@code {"message":"unready"}} once taken out of rotation (whatever the
 *       database does), else 503 {@code {"message":"failed to connect to database"}}. A node serves only once its
 *       router, plugin index and balancers are built, so those are no conditions here.
 *   <li>{@code POST /status/ready} with {@code {"status":"draining"}} (Kong's {@code kong drain}; JSON or a form):
 *       204, and {@code GET} answers 503 from then on. Tollgate also takes {@code "unready"}, and {@code "ready"} to
 *       put the node back in rotation without a restart (Kong has no way back). Another value: 400
 *       {@code {"message":"status must be one of: ready, unready, draining"}}.
 *   <li>{@code POST /status/unready} (Kong's older {@code kong unready}; any body): 204, as {@code "unready"}.
 * </ul>
 *
 * <p>The state is the node's, in memory: a restarted node is ready again. Proxying goes on as before; the state only
 * tells load balancers and orchestrators to send no new traffic. As Kong's, the status API asks for no credentials:
 * whoever reaches a status listener can take the node out of rotation, so it belongs on a trusted network.
 */
final class ReadinessEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessEndpoints.class);

    /** {@code /status/ready}. */
    static final String READY = "/status/ready";

    /** {@code /status/unready}. */
    static final String UNREADY = "/status/unready";

    /** Whether the node takes traffic, as set through {@code POST}; its name is the message {@code GET} answers. */
    enum State {
        READY,
        UNREADY,
        DRAINING;

        String message() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final BooleanSupplier databaseReachable;
    private volatile State state = State.READY;

    /** @param databaseReachable whether the database answers now (never throws) */
    ReadinessEndpoints(BooleanSupplier databaseReachable) {
        this.databaseReachable = Objects.requireNonNull(databaseReachable, "databaseReachable");
    }

    /** {@code GET|POST /status/ready}. */
    Endpoint ready() {
        return new Endpoint(Set.of("GET", "POST"), (method, exchange) -> {
            if (method.equals("POST")) {
                change(requested(RequestBodies.mediaType(exchange), body(exchange)));
                Responses.empty(exchange, 204);
            } else if (state != State.READY) {
                Responses.message(exchange, 503, state.message());
            } else if (databaseReachable.getAsBoolean()) {
                Responses.message(exchange, 200, "ready");
            } else {
                Responses.message(exchange, 503, "failed to connect to database");
            }
        });
    }

    /** {@code POST /status/unready}. */
    Endpoint unready() {
        return new Endpoint(Set.of("POST"), (method, exchange) -> {
            body(exchange); // read and ignored, as Kong's
            change(State.UNREADY);
            Responses.empty(exchange, 204);
        });
    }

    private void change(State next) {
        State previous = state;
        state = next;
        if (previous != next) {
            LOG.info(
                    "readiness changed from {} to {}: GET /status/ready answers {}",
                    previous.message(),
                    next.message(),
                    next == State.READY ? "200 while the database answers" : "503");
        }
    }

    /**
     * The state a {@code POST /status/ready} body asks for: {@code status} from a URL-encoded form, else from a JSON
     * object.
     *
     * @param mediaType the request's, as {@link RequestBodies#mediaType} gives it
     * @throws ClientError 400 for an unparseable body or a missing or unknown {@code status}
     */
    static State requested(String mediaType, byte[] body) {
        @Nullable String status = null;
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            for (FormDecoder.Pair pair : FormDecoder.parseUrlEncoded(new String(body, StandardCharsets.UTF_8))) {
                if (pair.name().equals("status")) {
                    status = pair.value();
                }
            }
        } else {
            JsonNode json;
            try {
                json = Responses.JSON.readTree(body);
            } catch (IOException e) {
                throw ClientError.badRequest("Cannot parse JSON body");
            }
            if (json == null || !json.isObject()) {
                throw ClientError.badRequest("Cannot parse JSON body");
            }
            JsonNode field = json.get("status");
            status = field != null && field.isTextual() ? field.asText() : null;
        }
        for (State candidate : State.values()) {
            if (candidate.message().equals(status)) {
                return candidate;
            }
        }
        throw ClientError.badRequest("status must be one of: ready, unready, draining");
    }

    private static byte[] body(HttpServerExchange exchange) throws IOException {
        try (InputStream in = exchange.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** The paths this class answers, with their endpoints. */
    Map<String, Endpoint> endpoints() {
        return Map.of(READY, ready(), UNREADY, unready());
    }
}
