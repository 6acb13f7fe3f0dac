package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.number;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.net.IpNetwork;
import io.tollgate.domain.net.IpNetworks;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Kong's {@code ip-restriction} (priority 990, kong-internals §9.3): refuses a client whose IP (after
 * {@code trusted_ips}/{@code real_ip_header}, {@link PluginContext#clientIp()}) is in {@code deny}, then one that is
 * not in {@code allow} (when {@code allow} is set), with {@code status} (403) and {@code message} (Kong's
 * {@code "IP address not allowed: <ip>"}) in Kong's {@code {"message": ...}} body. Entries are IPv4/IPv6 addresses
 * and CIDR blocks, compiled once per config instance.
 */
public final class IpRestriction implements TollgatePlugin, PluginHandler {

    static final String NO_IP = "Cannot identify the client IP address, unix domain sockets are not supported.";

    /** Kong's schema: {@code allow}, {@code deny} ({@code ip_or_cidr} arrays, at least one non-empty), {@code status}, {@code message}. */
    static final PluginDefinition DEFINITION = new PluginDefinition(
                    "ip-restriction",
                    990,
                    PluginCatalog.VERSION,
                    RecordSchema.of(
                            array("allow", string("allow").rule(Rules.ipOrCidr())),
                            array("deny", string("deny").rule(Rules.ipOrCidr())),
                            number("status"),
                            string("message")),
                    false)
            .withEntityCheck(Checks.atLeastOneOf("config.allow", "config.deny"));

    private final PerConfig<Lists> lists = new PerConfig<>(4096, Lists::of);

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return this;
    }

    /** Deny first, then allow; the client IP is parsed once. */
    @Override
    public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
        String ip = context.clientIp();
        byte[] address = IpNetwork.address(ip);
        if (address == null) {
            context.exitWithMessage(403, NO_IP, Map.of());
            return DONE;
        }
        Lists compiled = lists.get(config);
        if (compiled.deny.contains(address) || (!compiled.allow.isEmpty() && !compiled.allow.contains(address))) {
            String message = config.string("message");
            context.exitWithMessage(
                    config.integer("status", 403),
                    message == null ? "IP address not allowed: " + ip : message,
                    Map.of());
        }
        return DONE;
    }

    /** One instance's lists, compiled. */
    private record Lists(IpNetworks allow, IpNetworks deny) {
        static Lists of(PluginConfig config) {
            return new Lists(
                    IpNetworks.of(config.strings("allow", List.of())),
                    IpNetworks.of(config.strings("deny", List.of())));
        }
    }
}
