/**
 * The PostgreSQL adapter: entity tables and the append-only event log through jOOQ over HikariCP, schema
 * migrations with Flyway, and an embedded PostgreSQL for single-node setups and tests.
 *
 * <p>Public: {@link io.tollgate.adapter.postgres.PostgresAdapterModule} (the Dagger module),
 * {@link io.tollgate.adapter.postgres.PostgresDatabase} (connect, migrate, status, ping, close),
 * {@link io.tollgate.adapter.postgres.PostgresSettings} and {@link io.tollgate.adapter.postgres.EmbeddedPostgresServer}.
 * Everything else is package-private.
 */
@SecondaryAdapter
@NullMarked
package io.tollgate.adapter.postgres;

import org.jmolecules.architecture.hexagonal.SecondaryAdapter;
import org.jspecify.annotations.NullMarked;
