package io.tollgate.application.proxy.plugin;

import io.tollgate.application.plugin.spi.ExchangeSummary;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.port.in.ExchangeLog;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.net.QueryArgs;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.service.Services;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Builds Kong's log serializer object ({@code kong.log.serialize}, documented on
 * {@link io.tollgate.application.plugin.spi.PluginContext#logSerializer()}) from a request's context and what the
 * adapter measured. Runs in the {@code log} phase, off the I/O threads: whole entities are read through the node
 * cache and may wait for the database (at most {@value #ENTITY_WAIT_MS} ms, then the entity is reduced to its id and
 * name).
 */
final class LogSerializer {

    static final int ENTITY_WAIT_MS = 2000;

    private static final String REDACTED = "REDACTED";

    private LogSerializer() {}

    /**
     * Fills {@code into} with Kong's standard fields, keeping any a plugin set first.
     *
     * @param startedAtMs when the request arrived, epoch ms
     * @param exited whether a plugin ended the request ({@code source = kong})
     * @param upstreamUri Kong's {@code upstream_uri}, empty when no service was reached
     */
    static void serialize(
            Map<String, Object> into,
            RequestContext context,
            ExchangeLog log,
            PluginEnvironment environment,
            long startedAtMs,
            boolean exited,
            String upstreamUri) {
        into.putIfAbsent("request", request(context, log));
        into.putIfAbsent("upstream_uri", upstreamUri);
        into.putIfAbsent("upstream_status", upstreamStatus(log));
        into.putIfAbsent("response", response(log));
        into.putIfAbsent("latencies", latencies(log));
        if (context.service() != null) {
            // Kong's balancer_data exists once a route matched; a request refused before has no tries
            into.putIfAbsent("tries", tries(log.tries()));
        }
        UUID credential = context.credential();
        Consumer consumer = context.consumer();
        if (credential != null && consumer != null) {
            Map<String, Object> entity = new LinkedHashMap<>();
            entity.put("id", credential.toString());
            entity.put("consumer_id", consumer.id().value().toString());
            into.putIfAbsent("authenticated_entity", entity);
        }
        Route route = context.route();
        if (route != null) {
            into.putIfAbsent(
                    "route", entity(environment, Routes.SCHEMA, route.id().value(), "name", route.name()));
        }
        Service service = context.service();
        if (service != null) {
            into.putIfAbsent(
                    "service", entity(environment, Services.SCHEMA, service.id().value(), "name", service.name()));
        }
        if (consumer != null) {
            into.putIfAbsent(
                    "consumer",
                    entity(environment, Consumers.SCHEMA, consumer.id().value(), "username", consumer.username()));
        }
        into.putIfAbsent("client_ip", context.clientIp());
        into.putIfAbsent("started_at", startedAtMs);
        into.putIfAbsent("source", sourceName(source(log, exited)));
        UUID workspace = environment.workspaceId();
        if (workspace != null) {
            into.putIfAbsent("workspace", workspace.toString());
            into.putIfAbsent("workspace_name", "default");
        }
    }

    private static Map<String, Object> request(RequestContext context, ExchangeLog log) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", log.requestId());
        request.put("uri", context.rawQuery() == null ? context.path() : context.path() + "?" + context.rawQuery());
        request.put("url", log.url());
        request.put("querystring", QueryArgs.parse(context.rawQuery()));
        request.put("method", context.method());
        request.put("headers", headers(context.headers(), true));
        request.put("size", log.requestSize());
        ExchangeLog.Tls tls = log.tls();
        if (tls != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("version", tls.version());
            t.put("cipher", tls.cipher());
            t.put("client_verify", tls.clientVerify());
            request.put("tls", t);
        }
        return request;
    }

    /**
     * nginx's {@code $upstream_status}: every try's status in order, separated by {@code ", "} (a try that got no
     * response has the {@code code} its failure got, 502 or 504), then the answering try's; empty when there is none.
     */
    static String upstreamStatus(ExchangeLog log) {
        StringBuilder out = new StringBuilder();
        for (ExchangeLog.UpstreamTry t : log.tries()) {
            if (t.code() > 0) {
                out.append(out.isEmpty() ? "" : ", ").append(t.code());
            }
        }
        if (log.upstreamStatus() > 0) {
            out.append(out.isEmpty() ? "" : ", ").append(log.upstreamStatus());
        }
        return out.toString();
    }

    private static Map<String, Object> response(ExchangeLog log) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", log.status());
        Map<String, List<String>> lower = new LinkedHashMap<>();
        log.headers()
                .forEach((name, values) -> lower.computeIfAbsent(
                                name.toLowerCase(java.util.Locale.ROOT), n -> new ArrayList<>())
                        .addAll(values));
        response.put("headers", headers(lower, false));
        response.put("size", log.responseSize());
        return response;
    }

    /** The numbers of the exchange, as the serializer object has them ({@code source}, sizes, latencies). */
    static ExchangeSummary summary(ExchangeLog log, boolean exited) {
        return new ExchangeSummary(
                log.status(),
                log.requestSize(),
                log.responseSize(),
                kongLatency(log),
                log.upstreamWaitMs(),
                log.totalMs(),
                source(log, exited));
    }

    private static long kongLatency(ExchangeLog log) {
        return Math.max(0, log.totalMs() - Math.max(log.upstreamWaitMs(), 0) - log.upstreamReceiveMs());
    }

    private static String source(ExchangeLog log, boolean exited) {
        return exited ? "exit" : log.upstreamStatus() > 0 ? "service" : "error";
    }

    /**
     * Kong's name of a response source in the log object ({@code RESPONSE_SOURCE.NAMES}): {@code upstream} for a
     * proxied response, {@code kong} for one the gateway or a plugin made ({@code exit}) or an error.
     */
    static String sourceName(String source) {
        return switch (source) {
            case "service" -> "upstream";
            case "exit", "error" -> "kong";
            default -> throw new IllegalArgumentException("not a response source: " + source);
        };
    }

    private static Map<String, Object> latencies(ExchangeLog log) {
        Map<String, Object> latencies = new LinkedHashMap<>();
        long proxy = log.upstreamWaitMs();
        long receive = log.upstreamReceiveMs();
        latencies.put("kong", kongLatency(log));
        latencies.put("proxy", proxy);
        latencies.put("request", log.totalMs());
        latencies.put("receive", receive);
        return latencies;
    }

    private static List<Object> tries(List<ExchangeLog.UpstreamTry> tries) {
        List<Object> out = new ArrayList<>(tries.size());
        for (ExchangeLog.UpstreamTry t : tries) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("balancer_start", t.startedAtMs());
            entry.put("balancer_latency", t.balancerLatencyMs());
            entry.put("ip", t.ip());
            entry.put("port", t.port());
            if (t.state() != null) {
                entry.put("state", t.state());
            }
            if (t.code() > 0) {
                entry.put("code", t.code());
            }
            if (t.cached() != null) {
                entry.put("cached", t.cached());
            }
            out.add(entry);
        }
        return out;
    }

    /** Kong's header table: one value as a string, several as a list; credentials redacted in requests. */
    static Map<String, Object> headers(Map<String, List<String>> headers, boolean redact) {
        Map<String, Object> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (values.isEmpty()) {
                return;
            }
            if (redact && (name.equals("authorization") || name.equals("proxy-authorization"))) {
                out.put(name, REDACTED);
            } else {
                out.put(name, values.size() == 1 ? values.get(0) : List.copyOf(values));
            }
        });
        return out;
    }

    /** The whole entity as the Admin API shows it, or {@code {id, <name field>}} when it cannot be read in time. */
    private static Map<String, Object> entity(
            PluginEnvironment environment, EntitySchema schema, UUID id, String nameField, @Nullable String name) {
        try {
            Optional<Entity> found =
                    environment.find(schema, id).toCompletableFuture().get(ENTITY_WAIT_MS, TimeUnit.MILLISECONDS);
            if (found.isPresent()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                found.get().fields().forEach((k, v) -> {
                    if (v != null) {
                        fields.put(k, v);
                    }
                });
                return fields;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the database could not answer in time: the short form below
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id.toString());
        if (name != null) {
            out.put(nameField, name);
        }
        return out;
    }
}
