package io.tollgate.application.proxy.plugin;

import io.tollgate.application.plugin.bundled.BundledPlugins;
import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.port.in.ProxyExchange;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.application.proxy.router.RouteMatch;
import io.tollgate.domain.plugin.Plugin;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.service.ServiceId;
import io.tollgate.domain.shared.WorkspaceId;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Kong's plugin runloop (kong-internals §9.1–9.2) over the node's loaded plugins, highest priority first (ties by
 * name, descending): {@link #rewrite} runs the global instances before routing; {@link #access} resolves, for each
 * plugin in order, the instance that applies to the request's route, service and <em>current</em> consumer (so
 * plugins after an authentication plugin see consumer-scoped instances), collects it for the response phases and
 * runs its handler; the collected plugins then run {@code header_filter} and {@code body_filter} (on the I/O
 * thread) and {@code log} (on the
 * log executor) when the adapter reports the response ({@link RequestContext} is the request's
 * {@link io.tollgate.application.port.in.ResponsePhases}).
 *
 * <p>Per-request cost is one index lookup per loaded plugin, whatever the number of instances. A handler that throws
 * is logged once with the plugin's name and stack trace and ends the request with Kong's 500.
 */
public final class PluginPhases {

    private static final System.Logger LOG = System.getLogger(PluginPhases.class.getName());

    static final String UNEXPECTED = "An unexpected error occurred";

    private final PluginsHolder plugins;
    /** The plugins in run order, those with an instance in the index in use. */
    private final ConfiguredPlugins configured;

    private final PluginEnvironment environment;
    private final Executor logExecutor;
    private final DatabaseOutages outages;

    /**
     * A plugin loaded on this node: its definition, its handler, and which optional phases the handler overrides:
     * {@link PluginHandler#bodyFilter} (only then does a response's body go through the plugins),
     * {@link PluginHandler#response} (only then is the upstream's response buffered) and {@link PluginHandler#log}
     * (only then does the adapter measure sizes for the serializer).
     */
    record Loaded(
            PluginDefinition definition,
            PluginHandler handler,
            boolean filtersBody,
            boolean buffersResponse,
            boolean logs) {
        Loaded(PluginDefinition definition, PluginHandler handler) {
            this(
                    definition,
                    handler,
                    overrides(
                            handler,
                            "bodyFilter",
                            PluginContext.class,
                            PluginConfig.class,
                            ByteBuffer.class,
                            boolean.class),
                    overrides(handler, "response", PluginContext.class, PluginConfig.class),
                    overrides(handler, "log", PluginContext.class, PluginConfig.class));
        }

        String name() {
            return definition.name();
        }

        /** Whether its {@code log} may run on the thread that completed the exchange (it does not block). */
        boolean logsInline() {
            return logs && !handler.logBlocks();
        }

        private static boolean overrides(PluginHandler handler, String method, Class<?>... parameters) {
            try {
                return handler.getClass().getMethod(method, parameters).getDeclaringClass() != PluginHandler.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    }

    private PluginPhases(
            PluginsHolder plugins,
            List<Loaded> order,
            PluginEnvironment environment,
            Executor logExecutor,
            DatabaseOutages outages) {
        this.plugins = plugins;
        this.configured = new ConfiguredPlugins(order);
        this.environment = environment;
        this.logExecutor = logExecutor;
        this.outages = Objects.requireNonNull(outages, "outages");
    }

    /**
     * The runloop over {@code loaded} (each plugin's handler is made here, once).
     *
     * @param plugins the node's plugin instances (only instances of {@code loaded} plugins are indexed)
     * @param loaded the enabled plugins, in any order, names unique
     * @param environment what the handlers get ({@link TollgatePlugin#handler})
     * @param logExecutor runs the {@code log} phase, off the I/O threads
     * @param outages the node's record of database outages: a request refused with 503 because a handler could not
     *     load an entity counts there
     * @throws RuntimeException what a plugin's {@link TollgatePlugin#handler} threw
     */
    public static PluginPhases of(
            PluginsHolder plugins,
            Collection<? extends TollgatePlugin> loaded,
            PluginEnvironment environment,
            Executor logExecutor,
            DatabaseOutages outages) {
        List<Loaded> order = loaded.stream()
                .map(p -> new Loaded(p.definition(), Objects.requireNonNull(p.handler(environment), "handler")))
                .sorted(Comparator.comparingInt((Loaded l) -> l.definition().priority())
                        .reversed()
                        .thenComparing(Loaded::name, Comparator.reverseOrder()))
                .toList();
        return new PluginPhases(plugins, order, environment, logExecutor, outages);
    }

    /**
     * The runloop with the bundled plugins only ({@link BundledPlugins#all()}), entity lookups through {@code cache}
     * loaded from {@code store}, {@code json} as the plugins' JSON codec, {@code log} on virtual threads, outages
     * recorded in {@code outages}.
     */
    public static PluginPhases withBundledPlugins(
            PluginsHolder plugins,
            EntityStore store,
            NodeCache cache,
            WorkspaceId workspace,
            JsonCodec json,
            DatabaseOutages outages) {
        return of(
                plugins,
                BundledPlugins.all(),
                new CachedEntities(store, cache, workspace, json),
                logExecutor(),
                outages);
    }

    /** An executor for the {@code log} phase: a virtual thread per task. */
    public static Executor logExecutor() {
        return Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("plugin-log-", 0).factory());
    }

    /**
     * Starts a request: its context, which registers itself as the exchange's response phases once a plugin is
     * collected for it.
     */
    public RequestContext begin(ProxyExchange exchange) {
        return new RequestContext(this, exchange);
    }

    /**
     * Kong's {@code rewrite}: runs the plugins that have a global instance, collecting them (a request ended here
     * still runs their {@code header_filter}/{@code log}).
     *
     * @return complete at once unless a handler's stage was pending; the response a plugin ended the request with
     */
    public CompletionStage<Optional<Respond>> rewrite(RequestContext context) {
        return run(plugins.current(), context, 0, true);
    }

    /**
     * Kong's {@code access} for a matched request: collects the plugins whose instances apply (replacing the
     * {@code rewrite} collection) and runs their handlers until one ends the request.
     *
     * @return complete at once unless a handler's stage was pending (e.g. a cache miss); the response a plugin ended
     *         the request with (Kong's 500 when one threw)
     */
    public CompletionStage<Optional<Respond>> access(RequestContext context, RouteMatch match) {
        context.matched(match);
        context.collected.clear();
        return run(plugins.current(), context, 0, false);
    }

    /**
     * Kong's error page for a request refused before routing: collects the plugins that have a global instance for
     * the response phases, running none of their rewrite or access handlers.
     *
     * @param headersRead whether the request's headers were read (when not, the plugins see none)
     */
    public void refused(RequestContext context, boolean headersRead) {
        context.refused(headersRead);
        PluginsIndex index = plugins.current();
        for (Loaded plugin : configured.in(index)) {
            index.lookup(plugin.name(), null, null, null, true)
                    .ifPresent(instance -> context.collect(new RequestContext.Collected(plugin, config(instance))));
        }
    }

    private CompletionStage<Optional<Respond>> run(
            PluginsIndex index, RequestContext context, int from, boolean rewrite) {
        List<Loaded> plugins = configured.in(index); // the same list for the same index, so `from` indexes it
        for (int i = from; i < plugins.size(); i++) {
            Loaded plugin = plugins.get(i);
            Optional<Plugin> instance = rewrite
                    ? index.lookup(plugin.name(), null, null, null, true)
                    : index.lookup(
                            plugin.name(),
                            context.route() == null ? null : context.route().id(),
                            serviceId(context),
                            context.consumerId(),
                            plugin.definition().noConsumer());
            if (instance.isEmpty()) {
                continue;
            }
            PluginConfig config = config(instance.get());
            context.collect(new RequestContext.Collected(plugin, config));
            if (context.exited()) {
                continue; // collection goes on: the peers still run header_filter and log
            }
            String phase = rewrite ? "rewrite" : "access";
            CompletableFuture<Void> stage;
            try {
                stage = (rewrite
                                ? plugin.handler().rewrite(context, config)
                                : plugin.handler().access(context, config))
                        .toCompletableFuture();
            } catch (RuntimeException e) {
                failed(plugin, phase, e, context);
                continue;
            }
            if (stage.isDone()) {
                if (stage.isCompletedExceptionally()) {
                    failed(plugin, phase, cause(stage), context);
                }
                continue;
            }
            int next = i + 1;
            return stage.handle((ok, error) -> {
                        if (error != null) {
                            failed(plugin, phase, unwrap(error), context);
                        }
                        return ok;
                    })
                    .thenCompose(ok -> run(index, context, next, rewrite));
        }
        return CompletableFuture.completedFuture(Optional.ofNullable(context.exitResponse()));
    }

    private static ServiceId serviceId(RequestContext context) {
        return context.service() == null ? null : context.service().id();
    }

    /**
     * Kong's {@code response} phase: runs the collected plugins' handlers in order over the buffered response (the
     * context's {@code BufferedResponse} is set). A handler that throws (or whose stage fails) is logged and turns
     * the response into Kong's 500 {@code {"message":"An unexpected error occurred"}}; the remaining handlers still
     * run, as Kong's do.
     *
     * @return complete at once unless a handler's stage was pending
     */
    CompletionStage<Void> response(RequestContext context) {
        return response(context, 0);
    }

    private CompletionStage<Void> response(RequestContext context, int from) {
        List<RequestContext.Collected> collected = context.collected;
        for (int i = from; i < collected.size(); i++) {
            RequestContext.Collected c = collected.get(i);
            if (!c.plugin().buffersResponse()) {
                continue;
            }
            CompletableFuture<Void> stage;
            try {
                stage = c.plugin().handler().response(context, c.config()).toCompletableFuture();
            } catch (RuntimeException e) {
                responseFailed(c.plugin(), e, context);
                continue;
            }
            if (stage.isDone()) {
                if (stage.isCompletedExceptionally()) {
                    responseFailed(c.plugin(), cause(stage), context);
                }
                continue;
            }
            int next = i + 1;
            return stage.handle((ok, error) -> {
                        if (error != null) {
                            responseFailed(c.plugin(), unwrap(error), context);
                        }
                        return ok;
                    })
                    .thenCompose(ok -> response(context, next));
        }
        return CompletableFuture.completedFuture(null);
    }

    private static void responseFailed(Loaded plugin, Throwable error, RequestContext context) {
        log(plugin, "response", error);
        context.responseFailed();
    }

    /** Runs the collected plugins' {@code header_filter}, on the caller's (I/O) thread. */
    void headerFilter(RequestContext context) {
        for (RequestContext.Collected c : context.collected) {
            try {
                c.plugin().handler().headerFilter(context, c.config());
            } catch (RuntimeException e) {
                log(c.plugin(), "header_filter", e);
            }
        }
    }

    /**
     * Whether a collected plugin that implements {@code body_filter} wants this response's body
     * ({@link PluginHandler#filtersBody}); a handler that throws is logged and counts as wanting it.
     */
    boolean filtersBody(RequestContext context) {
        for (RequestContext.Collected c : context.collected) {
            if (!c.plugin().filtersBody()) {
                continue;
            }
            try {
                if (c.plugin().handler().filtersBody(context, c.config())) {
                    return true;
                }
            } catch (RuntimeException e) {
                log(c.plugin(), "body_filter", e);
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the collected plugins' {@code body_filter} over one chunk, in order, each on the previous one's output;
     * a plugin that throws is logged and its input passed on.
     */
    ByteBuffer bodyFilter(RequestContext context, ByteBuffer chunk, boolean last) {
        ByteBuffer current = chunk;
        for (RequestContext.Collected c : context.collected) {
            if (!c.plugin().filtersBody()) {
                continue;
            }
            ByteBuffer input = current;
            int position = input.position();
            try {
                ByteBuffer output = c.plugin().handler().bodyFilter(context, c.config(), input, last);
                current = output == null ? ByteBuffer.allocate(0) : output;
            } catch (RuntimeException e) {
                log(c.plugin(), "body_filter", e);
                input.position(position);
                current = input;
            }
        }
        return current;
    }

    /** What the handlers get: entity lookups, JSON (the log serializer reads whole entities through it). */
    PluginEnvironment environment() {
        return environment;
    }

    /**
     * Runs the {@code log} of the collected plugins that implement it, on the log executor, or at once on the calling
     * thread when every one of them declared that its {@code log} does not block ({@link PluginHandler#logBlocks()}).
     */
    void log(RequestContext context) {
        Runnable phase = () -> {
            for (RequestContext.Collected c : context.collected) {
                if (!c.plugin().logs()) {
                    continue;
                }
                try {
                    c.plugin().handler().log(context, c.config());
                } catch (RuntimeException e) {
                    log(c.plugin(), "log", e);
                }
            }
        };
        try {
            if (inline(context)) {
                phase.run();
            } else {
                logExecutor.execute(phase);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not run the plugins' log phase", e);
        }
    }

    /** Whether every collected plugin that logs declared a non-blocking {@code log}: no hand-off is then needed. */
    private static boolean inline(RequestContext context) {
        for (RequestContext.Collected c : context.collected) {
            if (c.plugin().logs() && !c.plugin().logsInline()) {
                return false;
            }
        }
        return true;
    }

    private void failed(Loaded plugin, String phase, Throwable error, RequestContext context) {
        DatabaseUnavailable outage = DatabaseOutages.cause(error);
        if (outage != null) { // an entity not cached could not be loaded: 503, logged once per outage
            outages.record(DatabaseOutages.Effect.MISS_REFUSED, outage);
            context.unavailable();
            return;
        }
        log(plugin, phase, error);
        context.failed();
    }

    private static void log(Loaded plugin, String phase, Throwable error) {
        LOG.log(Level.ERROR, "plugin '" + plugin.name() + "' failed in " + phase, error);
    }

    private static Throwable cause(CompletableFuture<Void> failed) {
        try {
            failed.join();
            return new IllegalStateException("not failed");
        } catch (CompletionException e) {
            return unwrap(e);
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** The instance's config with its scope (Kong's {@code conf.route_id}, {@code service_id}, {@code consumer_id}). */
    private static PluginConfig config(Plugin instance) {
        return new PluginConfig(
                instance.config(),
                instance.route() == null ? null : instance.route().value(),
                instance.service() == null ? null : instance.service().value(),
                instance.consumer() == null ? null : instance.consumer().value(),
                instance.id().value());
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
