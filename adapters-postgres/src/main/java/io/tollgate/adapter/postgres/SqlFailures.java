package io.tollgate.adapter.postgres;

import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.domain.shared.SchemaViolation;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Classifies database failures: which ones mean "the database is unavailable" (connection refused or lost,
 * SQLSTATE class 08, server shutting down or out of connections, pool timeout, a lock not granted within
 * {@code pg_timeout}), which ones the client's data
 * caused (SQLSTATE class 22, e.g. a NUL character; 54000, e.g. a value too large for a unique index) and which
 * SQLSTATE and constraint a statement failed with.
 */
final class SqlFailures {

    static final String UNIQUE_VIOLATION = "23505";
    static final String FOREIGN_KEY_VIOLATION = "23503";
    /** Raised instead of 23503 by {@code ON DELETE RESTRICT} foreign keys. */
    static final String RESTRICT_VIOLATION = "23001";

    private SqlFailures() {}

    /** Whether {@code failure} (or a cause) says the database cannot be reached or used right now. */
    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof ConnectException
                    || t instanceof SocketException
                    || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isUnavailableState(@Nullable String state) {
        return state != null
                && (state.startsWith("08") // connection exception
                        || state.startsWith("53") // insufficient resources (too many connections, disk full)
                        || state.startsWith("57P") // admin/crash shutdown, cannot connect now
                        || state.equals("55P03") // lock_timeout (pg_timeout): a lock held too long by another session
                        || state.equals("25P03")); // idle_in_transaction_session_timeout ended the session
    }

    /**
     * {@code failure} as {@link DatabaseUnavailable} when it is one; as a 400 {@link SchemaViolation}
     * ({@code @entity: "value cannot be stored: <PostgreSQL's message>"}) when the client's data caused it; else
     * {@code failure} itself.
     */
    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof DataAccessException access && isDataProblem(sqlState(access))) {
            ServerErrorMessage server = serverMessage(access);
            String why = server == null || server.getMessage() == null ? "invalid value" : server.getMessage();
            return new SchemaViolation(Map.of("@entity", List.of("value cannot be stored: " + why)));
        }
        if (failure instanceof DatabaseUnavailable || !isUnavailable(failure)) {
            return failure;
        }
        return new DatabaseUnavailable("database unavailable: " + rootMessage(failure), failure);
    }

    private static boolean isDataProblem(@Nullable String state) {
        return state != null && (state.startsWith("22") || state.equals("54000"));
    }

    /** The SQLSTATE of a jOOQ failure, or {@code null}. */
    static @Nullable String sqlState(DataAccessException failure) {
        SQLException sql = failure.getCause(SQLException.class);
        return sql == null ? null : sql.getSQLState();
    }

    /** PostgreSQL's report of the failed statement (constraint, table), if the server sent one. */
    static @Nullable ServerErrorMessage serverMessage(DataAccessException failure) {
        PSQLException psql = failure.getCause(PSQLException.class);
        return psql == null ? null : psql.getServerErrorMessage();
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
