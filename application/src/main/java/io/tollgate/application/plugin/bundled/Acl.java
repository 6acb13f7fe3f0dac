package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.credential.Acls;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.RecordSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code acl} (priority 950, kong-internals §9.3): lets a request through when its authenticated consumer is
 * in one of the {@code allow} groups (or in none of the {@code deny} groups). The consumer's groups are its ACL
 * entities, read through the node cache as one list under {@code acls:<consumer_id>:::::<ws>}, which any change of
 * one of its ACLs purges on every node. Outcomes, as Kong's: no consumer → 401 {@code "Unauthorized"} (403
 * {@code "You cannot consume this service"} when a credential without consumer was authenticated); a consumer
 * without groups in allow mode → 403 when it came with a credential, 401 when it is the anonymous consumer; a
 * blocked consumer → 403 {@code "You cannot consume this service"}; an allowed one gets
 * {@code X-Consumer-Groups: g1, g2} (its groups, comma-space separated) upstream unless {@code hide_groups_header}.
 *
 * <p>Kong's "authenticated groups" (set by ldap-auth and similar plugins without consumers) do not exist in
 * Tollgate: {@code always_use_authenticated_groups} is accepted and has no effect, as is
 * {@code include_consumer_groups} (consumer groups are Kong Enterprise's).
 */
public final class Acl implements TollgatePlugin {

    static final String FORBIDDEN = "You cannot consume this service";

    /**
     * Kong's schema: {@code allow}, {@code deny} (arrays of group names; exactly one of them non-empty, with Kong's
     * {@code only_one_of} / {@code at_least_one_of} messages), {@code hide_groups_header} (false),
     * {@code always_use_authenticated_groups} (false), {@code include_consumer_groups} (false); no consumer.
     */
    public static final PluginDefinition DEFINITION = new PluginDefinition(
            "acl",
            950,
            PluginCatalog.VERSION,
            RecordSchema.of(
                            array("allow", string("group")),
                            array("deny", string("group")),
                            bool("hide_groups_header").required().defaultValue(false),
                            bool("always_use_authenticated_groups").required().defaultValue(false),
                            bool("include_consumer_groups").defaultValue(false))
                    .withCheck(Checks.custom(List.of("allow", "deny"), (values, errors) -> {
                        boolean allow = nonEmpty(values.get("allow"));
                        boolean deny = nonEmpty(values.get("deny"));
                        if (allow && deny) {
                            errors.entity("only one of these fields must be non-empty: 'config.allow', 'config.deny'");
                        } else if (!allow && !deny) {
                            errors.entity(
                                    "at least one of these fields must be non-empty: 'config.allow', 'config.deny'");
                        }
                    })),
            true);

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new Handler(environment);
    }

    private static boolean nonEmpty(@Nullable Object value) {
        return value instanceof List<?> list && !list.isEmpty();
    }

    private static final class Handler implements PluginHandler {

        private final PluginEnvironment entities;

        Handler(PluginEnvironment entities) {
            this.entities = entities;
        }

        @Override
        public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
            Consumer consumer = context.consumer();
            boolean credential = context.credential() != null;
            if (consumer == null) {
                if (credential) {
                    context.exitWithMessage(403, FORBIDDEN, Map.of());
                } else {
                    context.exitWithMessage(401, "Unauthorized", Map.of());
                }
                return DONE;
            }
            List<String> deny = config.strings("deny", List.of());
            boolean denyMode = !deny.isEmpty();
            List<String> listed = denyMode ? deny : config.strings("allow", List.of());
            return entities.findAll(Acls.SCHEMA, "consumer", consumer.id().value())
                    .thenAccept(acls -> {
                        List<String> groups = groups(acls);
                        if (groups.isEmpty() && !denyMode) {
                            context.exitWithMessage(
                                    credential ? 403 : 401, credential ? FORBIDDEN : "Unauthorized", Map.of());
                            return;
                        }
                        boolean member = groups.stream().anyMatch(listed::contains);
                        if (member == denyMode) {
                            context.exitWithMessage(403, FORBIDDEN, Map.of());
                            return;
                        }
                        if (!config.bool("hide_groups_header", false)) {
                            context.setHeader("X-Consumer-Groups", String.join(", ", groups));
                        }
                    });
        }
    }

    /** The group names of a consumer's ACL entities, in the store's order. */
    static List<String> groups(List<Entity> acls) {
        return acls.stream().map(acl -> acl.string("group")).toList();
    }
}
