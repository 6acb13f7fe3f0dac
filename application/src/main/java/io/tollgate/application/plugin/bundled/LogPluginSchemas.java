package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.map;
import static io.tollgate.domain.schema.Fields.number;
import static io.tollgate.domain.schema.Fields.record;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rule;
import io.tollgate.domain.schema.Rules;
import java.util.Optional;

/** Schema parts the log plugins share, as Kong's {@code typedefs}: the {@code queue} record and Lua fields. */
final class LogPluginSchemas {

    private LogPluginSchemas() {}

    /**
     * Kong's {@code typedefs.queue}: {@code max_batch_size} (1), {@code max_coalescing_delay} (1 s),
     * {@code max_entries} (10000), {@code max_bytes}, {@code max_retry_time} (60 s), {@code initial_retry_delay}
     * (0.01 s), {@code max_retry_delay} (60 s), {@code concurrency_limit} (1; -1 accepted and treated as 1).
     */
    static FieldSpec queue() {
        return record(
                        "queue",
                        RecordSchema.of(
                                integer("max_batch_size")
                                        .required()
                                        .defaultValue(1L)
                                        .rule(Rules.between(1, 1_000_000)),
                                number("max_coalescing_delay")
                                        .required()
                                        .defaultValue(1.0)
                                        .rule(numberBetween(0, 3600)),
                                integer("max_entries")
                                        .required()
                                        .defaultValue(10_000L)
                                        .rule(Rules.between(1, 1_000_000)),
                                integer("max_bytes"),
                                number("max_retry_time").defaultValue(60.0),
                                number("initial_retry_delay").defaultValue(0.01).rule(numberBetween(0.001, 1_000_000)),
                                number("max_retry_delay").defaultValue(60.0).rule(numberBetween(0.001, 1_000_000)),
                                integer("concurrency_limit").defaultValue(1L).rule(Rules.oneOf(-1L, 1L))))
                .required();
    }

    /**
     * Kong's {@code custom_fields_by_lua}: a map of field names (dotted paths) to Lua code; Tollgate has no Lua
     * runtime and applies the code that returns a constant or a PDK getter ({@link CustomFields}), skipping any
     * other.
     */
    static FieldSpec customFieldsByLua() {
        return map("custom_fields_by_lua", string("value"));
    }

    /** A number within {@code [min, max]}, with Kong's message. */
    static Rule numberBetween(double min, double max) {
        return v -> {
            double d = ((Number) v).doubleValue();
            return d < min || d > max
                    ? Optional.of("value should be between " + plain(min) + " and " + plain(max))
                    : Optional.empty();
        };
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
