package io.tollgate.adapter.postgres;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;

/**
 * Statements rendered once (by jOOQ, with {@code ?} bind values) and run as plain JDBC prepared statements on the
 * context's connection (the current transaction's, when there is one): for the busiest statements of an Admin API
 * write, whose rendering by jOOQ on every call took a large share of their CPU.
 */
final class PlainStatements {

    private PlainStatements() {}

    /**
     * Runs {@code sql} with {@code values} bound in order: {@code null} and {@link JSONB} as untyped parameters (the
     * server takes the column's or the cast's type), anything else as the driver maps it ({@code UUID}, {@code String},
     * {@code Long}...).
     *
     * @return the update count
     * @throws org.jooq.exception.DataAccessException when the statement fails (the driver's exception as its cause,
     *     as jOOQ reports it, so {@link SqlFailures} reads its SQLSTATE and server message)
     */
    static int update(DSLContext dsl, String sql, List<@Nullable Object> values) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    bind(statement, i + 1, values.get(i));
                }
                return statement.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement statement, int index, @Nullable Object value)
            throws java.sql.SQLException {
        switch (value) {
            case null -> statement.setNull(index, Types.OTHER);
            case JSONB json -> statement.setObject(index, json.data(), Types.OTHER);
            default -> statement.setObject(index, value);
        }
    }
}
