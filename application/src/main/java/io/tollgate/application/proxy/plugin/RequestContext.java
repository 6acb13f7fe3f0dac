package io.tollgate.application.proxy.plugin;

import io.tollgate.application.plugin.spi.ExchangeSummary;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.in.ExchangeLog;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.port.in.ProxyExchange;
import io.tollgate.application.port.in.ResponsePhases;
import io.tollgate.application.proxy.router.RouteMatch;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.consumer.ConsumerId;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The {@link PluginContext} of one request, backed by the adapter's {@link ProxyExchange}, and the plugins collected
 * for its response phases ({@link PluginPhases} drives it). Made by {@link PluginPhases#begin}.
 */
public final class RequestContext implements PluginContext, ResponsePhases {

    private final PluginPhases phases;
    private final ProxyExchange exchange;
    private final long startedMillis = System.currentTimeMillis();
    private @Nullable Map<String, Object> shared;
    private @Nullable Map<String, Object> serializer;
    private boolean serialized;
    final List<Collected> collected = new ArrayList<>(4);
    private boolean registered;
    private @Nullable RouteMatch match;
    private @Nullable Consumer consumer;
    private @Nullable UUID credential;
    private @Nullable String upstreamPath;
    private @Nullable Respond exit;
    private @Nullable ResponseHead head;
    private ResponsePhases.@Nullable BufferedResponse buffered;
    private int status;
    private @Nullable ExchangeLog log;
    /** Refused before routing ({@link PluginPhases#refused}): Kong logs an empty {@code upstream_uri}. */
    private boolean refused;
    /** Whether the request's headers were read (not for a request line refused as too long). */
    private boolean headersRead = true;

    /** A plugin whose instance applies to this request, with that instance's config. */
    record Collected(PluginPhases.Loaded plugin, PluginConfig config) {}

    RequestContext(PluginPhases phases, ProxyExchange exchange) {
        this.phases = phases;
        this.exchange = exchange;
    }

    /**
     * Collects a plugin for the response phases; the first one registers this context as the exchange's
     * {@link ResponsePhases} (a request no plugin applies to costs the adapter nothing after the decision).
     */
    void collect(Collected plugin) {
        collected.add(plugin);
        if (!registered) {
            registered = true;
            exchange.onResponse(this);
        }
    }

    void refused(boolean headersRead) {
        this.refused = true;
        this.headersRead = headersRead;
    }

    void matched(RouteMatch match) {
        this.match = match;
        exchange.routed(match.route(), match.service());
    }

    /** The response a plugin ended the request with, or {@code null}. */
    @Nullable
    Respond exitResponse() {
        return exit;
    }

    /** Ends the request with Kong's 500 (a plugin failed). */
    void failed() {
        exit = Respond.message(500, PluginPhases.UNEXPECTED);
    }

    /** Ends the request with a 503: an entity it needs cannot be loaded while the database is unreachable. */
    void unavailable() {
        exit = Respond.message(503, DatabaseOutages.MESSAGE);
    }

    /** A {@code response} handler failed: the client gets Kong's 500 instead of the upstream's response. */
    void responseFailed() {
        ResponsePhases.BufferedResponse current = buffered;
        if (current == null) {
            return;
        }
        byte[] body = ("{\"message\":\"" + PluginPhases.UNEXPECTED + "\"}").getBytes(StandardCharsets.UTF_8);
        current.setStatus(500);
        current.setHeader("Content-Type", "application/json; charset=utf-8");
        current.setBody(body);
    }

    @Nullable
    ConsumerId consumerId() {
        return consumer == null ? null : consumer.id();
    }

    @Override
    public String method() {
        return exchange.method();
    }

    @Override
    public String scheme() {
        return exchange.scheme();
    }

    @Override
    public String httpVersion() {
        return exchange.httpVersion();
    }

    @Override
    public String host() {
        return exchange.host();
    }

    @Override
    public int port() {
        return exchange.port();
    }

    @Override
    public String path() {
        return exchange.path();
    }

    @Override
    public @Nullable String rawQuery() {
        return exchange.rawQuery();
    }

    @Override
    public List<String> queryValues(String name) {
        return exchange.queryValues(name);
    }

    @Override
    public List<String> headerValues(String name) {
        return headersRead ? exchange.headerValues(name) : List.of();
    }

    @Override
    public Map<String, List<String>> headers() {
        return headersRead ? exchange.headers() : Map.of();
    }

    @Override
    public @Nullable String header(String name) {
        return headersRead ? exchange.header(name) : null;
    }

    @Override
    public String clientIp() {
        return exchange.clientAddress();
    }

    @Override
    public String serverAddress() {
        return exchange.serverAddress();
    }

    @Override
    public void setMethod(String method) {
        exchange.setUpstreamMethod(method);
    }

    @Override
    public void setUpstreamPath(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("an upstream path starts with '/': " + path);
        }
        this.upstreamPath = path;
    }

    @Override
    public @Nullable String upstreamPath() {
        return upstreamPath;
    }

    @Override
    public void setRawQuery(@Nullable String rawQuery) {
        exchange.setRawQuery(rawQuery == null || rawQuery.isEmpty() ? null : rawQuery);
    }

    @Override
    public void removeQueryArg(String name) {
        exchange.removeQueryArg(name);
    }

    @Override
    public CompletionStage<Optional<byte[]>> requestBody() {
        return exchange.readBody();
    }

    @Override
    public void setRequestBody(byte[] body) {
        exchange.replaceBody(body);
    }

    @Override
    public void limitRequestBody(long maxBytes, int status, String message) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be at least 0: " + maxBytes);
        }
        exchange.limitBody(maxBytes, Respond.message(status, message));
    }

    @Override
    public void setHeader(String name, String value) {
        exchange.setUpstreamHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        exchange.addUpstreamHeader(name, value);
    }

    @Override
    public void removeHeader(String name) {
        exchange.removeUpstreamHeader(name);
    }

    @Override
    public @Nullable Route route() {
        return match == null ? null : match.route();
    }

    @Override
    public @Nullable Service service() {
        return match == null ? null : match.service();
    }

    @Override
    public @Nullable String uriCapture(String nameOrNumber) {
        if (match == null) {
            return null;
        }
        if (!nameOrNumber.isEmpty()
                && nameOrNumber.length() < 10
                && nameOrNumber.chars().allMatch(Character::isDigit)) {
            return match.uriCaptures().get(Integer.parseInt(nameOrNumber));
        }
        return match.uriCaptures().get(nameOrNumber);
    }

    @Override
    public @Nullable Consumer consumer() {
        return consumer;
    }

    @Override
    public @Nullable UUID credential() {
        return credential;
    }

    @Override
    public void authenticate(Consumer consumer, @Nullable UUID credentialId, @Nullable String credentialIdentifier) {
        this.consumer = consumer;
        this.credential = credentialId;
        exchange.authenticated(consumer);
        exchange.setUpstreamHeader("X-Consumer-ID", consumer.id().value().toString());
        setOrClear("X-Consumer-Custom-ID", consumer.customId());
        setOrClear("X-Consumer-Username", consumer.username());
        setOrClear("X-Credential-Identifier", credentialId == null ? null : credentialIdentifier);
        setOrClear("X-Anonymous-Consumer", credentialId == null ? "true" : null);
    }

    private void setOrClear(String header, @Nullable String value) {
        if (value == null) {
            exchange.removeUpstreamHeader(header);
        } else {
            exchange.setUpstreamHeader(header, value);
        }
    }

    @Override
    public void exit(int status, String body, Map<String, String> headers) {
        exit = new Respond(status, headers, body);
    }

    @Override
    public void exit(int status, byte[] body, Map<String, List<String>> headers) {
        exit = Respond.bytes(status, headers, body);
    }

    @Override
    public void exitAsProxied(int status, byte[] body, Map<String, List<String>> headers) {
        exit = Respond.proxiedBytes(status, headers, body);
    }

    @Override
    public void exitWithMessage(int status, String message, Map<String, String> headers) {
        exit = Respond.message(status, message, headers);
    }

    @Override
    public boolean exited() {
        return exit != null;
    }

    @Override
    public void addResponseHeader(String name, String value) {
        ResponseHead current = currentHead();
        if (current != null) {
            current.addHeader(name, value); // response, header_filter: a line of the head being sent
        } else {
            exchange.addResponseHeader(name, value);
        }
    }

    @Override
    public int responseStatus() {
        ResponseHead current = currentHead();
        return current != null ? current.status() : status;
    }

    @Override
    public List<String> responseHeaderValues(String name) {
        ResponseHead current = currentHead();
        if (current != null) {
            return current.headerValues(name);
        }
        ExchangeLog done = log;
        if (done != null) {
            for (Map.Entry<String, List<String>> header : done.headers().entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue();
                }
            }
        }
        return List.of();
    }

    @Override
    public Map<String, List<String>> responseHeaders() {
        ResponseHead current = currentHead();
        return current == null ? Map.of() : current.headers();
    }

    @Override
    public void setResponseHeader(String name, String value) {
        changeableHead().setHeader(name, value);
    }

    @Override
    public void removeResponseHeader(String name) {
        changeableHead().removeHeader(name);
    }

    @Override
    public byte[] responseBody() {
        return responsePhaseOnly().body();
    }

    @Override
    public void setResponseBody(byte[] body) {
        responsePhaseOnly().setBody(body.clone());
    }

    @Override
    public void setResponseStatus(int status) {
        changeableHead().setStatus(status);
    }

    private @Nullable ResponseHead currentHead() {
        ResponseHead current = head;
        return current != null ? current : buffered;
    }

    private ResponseHead changeableHead() {
        ResponseHead current = currentHead();
        if (current == null) {
            throw new IllegalStateException("the response head can be changed in response and header_filter only");
        }
        return current;
    }

    private ResponsePhases.BufferedResponse responsePhaseOnly() {
        ResponsePhases.BufferedResponse current = buffered;
        if (current == null) {
            throw new IllegalStateException("the response body can be read and changed in the response phase only");
        }
        return current;
    }

    @Override
    public Map<String, Object> shared() {
        Map<String, Object> map = shared;
        if (map == null) {
            map = new HashMap<>();
            shared = map;
        }
        return map;
    }

    @Override
    public Map<String, Object> logSerializer() {
        Map<String, Object> map = serializer;
        if (map == null) {
            map = new LinkedHashMap<>();
            serializer = map;
        }
        if (!serialized && log != null) {
            serialized = true; // built on first use in the log phase only, as Kong's kong.log.serialize()
            serialize(map, log);
        }
        return map;
    }

    @Override
    public ExchangeSummary exchangeSummary() {
        ExchangeLog done = log;
        if (done == null) {
            throw new IllegalStateException("the exchange summary is known in the log phase only");
        }
        return LogSerializer.summary(done, exit != null);
    }

    @Override
    public void setSerializeValue(String key, Object value) {
        Map<String, Object> map = serializer;
        if (map == null) {
            map = new LinkedHashMap<>();
            serializer = map;
        }
        map.put(key, value);
    }

    @Override
    public void headerFilter(ResponseHead head) {
        this.head = head;
        this.status = head.status();
        try {
            phases.headerFilter(this);
        } finally {
            this.head = null;
        }
    }

    @Override
    public boolean buffersResponse() {
        for (Collected c : collected) {
            if (c.plugin().buffersResponse()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public CompletionStage<Void> response(ResponsePhases.BufferedResponse response) {
        this.buffered = response;
        return phases.response(this).whenComplete((ok, error) -> this.buffered = null);
    }

    @Override
    public boolean logs() {
        for (Collected c : collected) {
            if (c.plugin().logs()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean filtersBody() {
        return phases.filtersBody(this);
    }

    @Override
    public ByteBuffer bodyFilter(ByteBuffer chunk, boolean last) {
        return phases.bodyFilter(this, chunk, last);
    }

    @Override
    public void completed(ExchangeLog log) {
        this.status = log.status();
        this.log = log;
        if (logs()) {
            phases.log(this);
        }
    }

    /** Fills Kong's log serializer's standard fields (keeping the plugins' own). */
    private void serialize(Map<String, Object> into, ExchangeLog done) {
        String upstreamUri = ""; // Kong's empty $upstream_uri when no service was reached
        if (!refused && service() != null) {
            upstreamUri = (upstreamPath != null ? upstreamPath : match == null ? "" : match.upstreamPath())
                    + (rawQuery() == null ? "" : "?" + rawQuery());
        }
        LogSerializer.serialize(into, this, done, phases.environment(), startedMillis, exit != null, upstreamUri);
    }
}
