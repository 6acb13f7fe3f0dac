package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.domain.schema.FieldAlias;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kong 3.x's deprecated flat {@code redis_*} fields of {@code rate-limiting} and {@code response-ratelimiting}
 * ({@code shorthand_fields} with {@code translate_backwards}, to be removed in Kong 4.0): {@code redis_host},
 * {@code redis_port}, {@code redis_password}, {@code redis_username}, {@code redis_ssl}, {@code redis_ssl_verify},
 * {@code redis_server_name}, {@code redis_timeout} and {@code redis_database} are accepted for the same-named fields
 * of the {@code redis} record, and shown again with their values in what the Admin API returns.
 */
final class RedisShorthands {

    private static final List<FieldSpec> FIELDS = List.of(
            string("redis_host"),
            integer("redis_port"),
            string("redis_password").rule(Rules.emptyAllowed()),
            string("redis_username"),
            bool("redis_ssl"),
            bool("redis_ssl_verify"),
            string("redis_server_name"),
            integer("redis_timeout"),
            integer("redis_database"));

    private RedisShorthands() {}

    /** A plugin config with {@code fields} (one of them the {@code redis} record) and the flat shorthands. */
    static RecordSchema config(FieldSpec... fields) {
        List<FieldSpec> all = new ArrayList<>(Arrays.asList(fields));
        all.addAll(FIELDS);
        return RecordSchema.of(all.toArray(FieldSpec[]::new))
                .withAliases(FIELDS.stream()
                        .map(f -> FieldAlias.of(f.name(), "redis", f.name().substring("redis_".length())))
                        .toArray(FieldAlias[]::new));
    }
}
