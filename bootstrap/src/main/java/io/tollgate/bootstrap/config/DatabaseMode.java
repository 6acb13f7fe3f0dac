package io.tollgate.bootstrap.config;

import java.util.Locale;

/** The {@code database} property: where the node's PostgreSQL comes from. Kong's {@code off} is not supported. */
public enum DatabaseMode {
    /** Tollgate's extra value: start a real PostgreSQL whose data lives under {@code <prefix>}. */
    EMBEDDED,
    /** Connect to the PostgreSQL server described by the {@code pg_*} properties (Kong's traditional mode). */
    POSTGRES;

    /** @return the value as written in the configuration, e.g. {@code embedded} */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
