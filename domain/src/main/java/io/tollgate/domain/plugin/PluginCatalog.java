package io.tollgate.domain.plugin;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import io.tollgate.domain.shared.TollgateVersion;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugins of this node (Kong's {@code loaded_plugins}): the set the node enabled at start-up ({@link #enable}: its
 * {@code plugins} property over the bundled and the custom plugins found), and the definitions of three bundled
 * plugins with Kong's priorities and config schemas (§9.3) that domain and adapter tests use without a node. The Admin API validates plugin instances
 * against the enabled set and the proxy indexes only their instances.
 *
 * <p>The enabled set is node-wide state, set once at start-up before the node serves requests (default: the bundled
 * plugins); reads are lock-free.
 */
public final class PluginCatalog {

    /**
     * The bundled plugins' version: Tollgate's ({@link TollgateVersion}), reported in {@code GET /} as Kong reports its
     * own version for its bundled plugins.
     */
    public static final String VERSION = TollgateVersion.current();

    public static final PluginDefinition KEY_AUTH = new PluginDefinition(
            "key-auth",
            1250,
            VERSION,
            RecordSchema.of(
                    array("key_names", string("key_name").rule(Rules.headerName()))
                            .required()
                            .defaultValue(List.of("apikey")),
                    bool("hide_credentials").required().defaultValue(false),
                    string("anonymous"),
                    bool("key_in_header").required().defaultValue(true),
                    bool("key_in_query").required().defaultValue(true),
                    bool("key_in_body").required().defaultValue(false),
                    bool("run_on_preflight").required().defaultValue(true),
                    string("realm")),
            true);

    public static final PluginDefinition REQUEST_TERMINATION = new PluginDefinition(
            "request-termination",
            2,
            VERSION,
            RecordSchema.of(
                            integer("status_code").required().defaultValue(503L).rule(Rules.between(100, 599)),
                            string("message"),
                            string("content_type"),
                            string("body"),
                            bool("echo").required().defaultValue(false),
                            string("trigger").rule(Rules.headerName()))
                    .withCheck(Checks.recordValidator((v, errors) -> {
                        // Kong's custom_validator of config: the first failing rule is config's error
                        boolean bodyOrType = v.get("content_type") != null || v.get("body") != null;
                        if (v.get("message") != null && bodyOrType) {
                            errors.record("message cannot be used with content_type or body");
                        } else if (v.get("content_type") != null && v.get("body") == null) {
                            errors.record("content_type requires a body");
                        } else if (Boolean.TRUE.equals(v.get("echo")) && bodyOrType) {
                            errors.record("echo cannot be used with content_type and body");
                        }
                    })),
            false);

    public static final PluginDefinition CORRELATION_ID = new PluginDefinition(
            "correlation-id",
            100001,
            VERSION,
            RecordSchema.of(
                    string("header_name").defaultValue("Kong-Request-ID"),
                    string("generator")
                            .required()
                            .defaultValue("uuid#counter")
                            .rule(Rules.oneOf("uuid", "uuid#counter", "tracker")),
                    bool("echo_downstream").required().defaultValue(false)),
            false);

    private static final Map<String, PluginDefinition> BUNDLED = index(KEY_AUTH, REQUEST_TERMINATION, CORRELATION_ID);

    private static volatile Map<String, PluginDefinition> enabled = BUNDLED;

    private PluginCatalog() {}

    private static Map<String, PluginDefinition> index(PluginDefinition... definitions) {
        Map<String, PluginDefinition> map = new LinkedHashMap<>();
        for (PluginDefinition d : definitions) {
            map.put(d.name(), d);
        }
        return Map.copyOf(map);
    }

    /**
     * Sets the node's enabled plugins (replacing the previous set). Called at start-up.
     *
     * @throws IllegalArgumentException when two definitions share a name
     */
    public static void enable(Collection<PluginDefinition> definitions) {
        Map<String, PluginDefinition> map = new LinkedHashMap<>();
        for (PluginDefinition d : definitions) {
            if (map.put(d.name(), d) != null) {
                throw new IllegalArgumentException("plugin '" + d.name() + "' is defined twice");
            }
        }
        enabled = Map.copyOf(map);
    }

    /**
     * The plugins whose definitions the domain holds (key-auth, request-termination, correlation-id), highest priority
     * first: the enabled set until {@link #enable} is called (tests of the Admin API alone rely on it). The node's
     * {@code bundled} set is the application's {@code BundledPlugins}, which defines the others next to their
     * handlers.
     */
    public static List<PluginDefinition> bundled() {
        return sorted(BUNDLED);
    }

    /** The enabled plugin called {@code name}, or empty (unknown, or not enabled on this node). */
    public static Optional<PluginDefinition> find(String name) {
        return Optional.ofNullable(enabled.get(name));
    }

    /** Every enabled plugin, highest priority first (Kong's execution order; ties by name, descending). */
    public static List<PluginDefinition> all() {
        return sorted(enabled);
    }

    private static List<PluginDefinition> sorted(Map<String, PluginDefinition> plugins) {
        return plugins.values().stream()
                .sorted(Comparator.comparingInt(PluginDefinition::priority)
                        .reversed()
                        .thenComparing(PluginDefinition::name, Comparator.reverseOrder()))
                .toList();
    }
}
