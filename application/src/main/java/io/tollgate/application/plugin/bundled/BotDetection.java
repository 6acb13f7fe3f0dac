package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Kong's {@code bot-detection} (priority 2500): looks at the trimmed {@code User-Agent}; one found by an {@code allow}
 * regex passes, then one found by a {@code deny} regex or by one of {@link BotRules Kong's default bot rules} is
 * refused with 403 {@code "Forbidden"}; several {@code User-Agent} headers are refused with 400
 * {@code "Only one User-Agent header allowed"}; none passes. Regexes are searched (not anchored), case-sensitive.
 *
 * <p>The {@code allow}/{@code deny} patterns are compiled once per config instance, and each instance remembers the
 * verdict for up to 10,000 user agents (Kong's per-{@code conf} LRU), so a request costs at most the regex searches.
 */
public final class BotDetection implements TollgatePlugin, PluginHandler {

    static final String FORBIDDEN = "Forbidden";
    static final String SEVERAL = "Only one User-Agent header allowed";
    private static final int VERDICTS = 10_000;

    /** Kong's schema: {@code allow}, {@code deny}: arrays of regexes, default empty; no consumer scope. */
    static final PluginDefinition DEFINITION = new PluginDefinition(
            "bot-detection",
            2500,
            PluginCatalog.VERSION,
            RecordSchema.of(
                    array("allow", string("allow").rule(regex())).defaultValue(List.of()),
                    array("deny", string("deny").rule(regex())).defaultValue(List.of())),
            true);

    private final PerConfig<Compiled> compiled = new PerConfig<>(4096, Compiled::of);

    /** Kong's {@code is_regex} validator and message. */
    static Rule regex() {
        return v -> {
            try {
                Pattern.compile((String) v);
                return Optional.empty();
            } catch (PatternSyntaxException e) {
                return Optional.of("not a valid regex: " + v);
            }
        };
    }

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return this;
    }

    /** Refuses bots and denied agents. */
    @Override
    public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
        List<String> agents = context.headerValues("User-Agent");
        if (agents.size() > 1) {
            context.exitWithMessage(400, SEVERAL, Map.of());
            return DONE;
        }
        if (agents.isEmpty()) {
            return DONE;
        }
        if (compiled.get(config).refuses(agents.get(0))) {
            context.exitWithMessage(403, FORBIDDEN, Map.of());
        }
        return DONE;
    }

    /** One instance's patterns and remembered verdicts. */
    record Compiled(List<Pattern> allow, List<Pattern> deny, ConcurrentHashMap<String, Boolean> verdicts) {

        static Compiled of(PluginConfig config) {
            return new Compiled(
                    config.strings("allow", List.of()).stream()
                            .map(Pattern::compile)
                            .toList(),
                    config.strings("deny", List.of()).stream()
                            .map(Pattern::compile)
                            .toList(),
                    new ConcurrentHashMap<>());
        }

        /** Whether {@code userAgent} is refused: not allowed, and denied or a known bot. */
        boolean refuses(String userAgent) {
            Boolean known = verdicts.get(userAgent);
            if (known != null) {
                return known;
            }
            boolean refused = examine(userAgent.strip());
            if (verdicts.size() >= VERDICTS) {
                verdicts.clear();
            }
            verdicts.put(userAgent, refused);
            return refused;
        }

        private boolean examine(String agent) {
            for (Pattern pattern : allow) {
                if (pattern.matcher(agent).find()) {
                    return false;
                }
            }
            for (Pattern pattern : deny) {
                if (pattern.matcher(agent).find()) {
                    return true;
                }
            }
            return BotRules.match(agent) != null;
        }
    }
}
