package io.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tollgate.application.port.DatabaseOutages;
import java.nio.file.Path;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A start on a current schema reads Flyway's history and leaves Flyway alone (observed through Flyway's own log, which
 * says something whenever it runs); any difference still goes to Flyway, which migrates or reports it.
 */
class CurrentSchemaIT {
    private static final ClassLoader CLASS_PATH = CurrentSchemaIT.class.getClassLoader();

    @TempDir
    static Path directory;

    private static EmbeddedPostgresServer server;
    private static PostgresDatabase admin;

    private final Logger flywayLog = (Logger) LoggerFactory.getLogger("org.flywaydb");
    private final ListAppender<ILoggingEvent> flywaySays = new ListAppender<>();
    private Level flywayLevel;

    @BeforeAll
    static void startServer() {
        server = EmbeddedPostgresServer.start(directory.resolve("data"), 0, "postgres");
        admin = PostgresDatabase.connect(server.settings());
    }

    @AfterAll
    static void stopServer() {
        admin.close();
        server.close();
    }

    @BeforeEach
    void listenToFlyway() {
        flywayLevel = flywayLog.getLevel();
        flywayLog.setLevel(Level.INFO);
        flywaySays.start();
        flywayLog.addAppender(flywaySays);
    }

    @AfterEach
    void stopListening() {
        flywayLog.detachAppender(flywaySays);
        flywayLog.setLevel(flywayLevel);
    }

    private static PostgresSettings freshDatabase() {
        String name = "db_" + UUID.randomUUID().toString().replace("-", "");
        PostgresAdapterModule.dslContext(admin, new DatabaseOutages()).execute("CREATE DATABASE " + name);
        return server.settings().withDatabase(name);
    }

    @Test
    void a_current_schema_is_not_migrated_by_flyway() throws Exception {
        try (PostgresDatabase db = PostgresDatabase.connect(freshDatabase())) {
            assertThat(CurrentSchema.isCurrent(db.dataSource(), CLASS_PATH)).isFalse(); // no history table yet
            assertThat(db.migrate()).isEqualTo(MigrationScripts.on(CLASS_PATH).size());
            assertThat(flywaySays.list).isNotEmpty();
            flywaySays.list.clear();

            assertThat(CurrentSchema.isCurrent(db.dataSource(), CLASS_PATH)).isTrue();
            assertThat(db.migrate()).isZero();
            assertThat(flywaySays.list).isEmpty();
        }
    }

    @Test
    void a_current_schema_in_pg_schema_is_recognised() throws Exception {
        try (PostgresDatabase db = PostgresDatabase.connect(freshDatabase().withSchema("tollgate"))) {
            db.migrate();
            flywaySays.list.clear();

            assertThat(CurrentSchema.isCurrent(db.dataSource(), CLASS_PATH)).isTrue();
            assertThat(db.migrate()).isZero();
            assertThat(flywaySays.list).isEmpty();
        }
    }

    @Test
    void an_older_schema_is_migrated_by_flyway() throws Exception {
        try (PostgresDatabase db = PostgresDatabase.connect(freshDatabase())) {
            int scripts = MigrationScripts.on(CLASS_PATH).size();
            Flyway.configure()
                    .dataSource(db.dataSource())
                    .locations("classpath:db/migration")
                    .target(Integer.toString(scripts - 1))
                    .load()
                    .migrate();
            assertThat(CurrentSchema.isCurrent(db.dataSource(), CLASS_PATH)).isFalse();
            flywaySays.list.clear();

            assertThat(db.migrate()).isEqualTo(1);
            assertThat(flywaySays.list).isNotEmpty();
            assertThat(CurrentSchema.isCurrent(db.dataSource(), CLASS_PATH)).isTrue();
        }
    }

    @Test
    void a_script_changed_since_it_was_applied_is_reported_by_flyway() throws Exception {
        try (PostgresDatabase db = PostgresDatabase.connect(freshDatabase())) {
            db.migrate();
            DSLContext dsl = PostgresAdapterModule.dslContext(db, new DatabaseOutages());
            dsl.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");

            assertThat(CurrentSchema.isCurrent(db.dataSource(), CLASS_PATH)).isFalse();
            assertThatThrownBy(db::migrate)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not migrate the database")
                    .hasMessageContaining("checksum");
        }
    }

    @Test
    void a_failed_migration_in_the_history_is_not_current() throws Exception {
        try (PostgresDatabase db = PostgresDatabase.connect(freshDatabase())) {
            db.migrate();
            DSLContext dsl = PostgresAdapterModule.dslContext(db, new DatabaseOutages());
            dsl.execute("UPDATE flyway_schema_history SET success = false WHERE version = '1'");

            assertThat(CurrentSchema.isCurrent(db.dataSource(), CLASS_PATH)).isFalse();
        }
    }
}
