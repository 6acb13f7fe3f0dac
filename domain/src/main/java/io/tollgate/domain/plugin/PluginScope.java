package io.tollgate.domain.plugin;

/**
 * An entity a plugin instance may be scoped to: its {@code route}, {@code service} or {@code consumer} field. A plugin
 * definition may refuse a scope, as Kong's {@code typedefs.no_route}, {@code no_service} and {@code no_consumer}.
 */
public enum PluginScope {
    ROUTE("route"),
    SERVICE("service"),
    CONSUMER("consumer");

    private final String field;

    PluginScope(String field) {
        this.field = field;
    }

    /** The plugin entity's field of this scope ({@code route}, {@code service}, {@code consumer}). */
    public String field() {
        return field;
    }
}
