package io.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.admin.ConfigurationImport;
import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.plugin.bundled.JacksonTestCodec;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.DeclaredEntity;
import io.tollgate.application.port.ImportReport;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.credential.PasswordHasher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * {@code db_import} hashes basic-auth passwords before its one transaction opens: with hashes dearer than
 * {@code pg_timeout} (which is also the sessions' {@code idle_in_transaction_session_timeout}), an import that hashed
 * inside its transaction would have its session ended by the server between two statements; this one commits. A
 * re-import of the same clear-text passwords keeps the stored hashes (and writes nothing).
 */
class ImportHashingIT extends DatabaseIT {

    /** The sessions' idle-in-transaction limit. */
    private static final long PG_TIMEOUT_MS = 500;

    /** PBKDF2 iterations that take well over {@link #PG_TIMEOUT_MS} per hash on any machine (about 2 s on a fast core). */
    private static final int DEAR_ITERATIONS = 4_000_000;

    private static final int CREDENTIALS = 3;

    @Test
    void an_import_whose_hashes_outlast_pg_timeout_commits_and_a_reimport_keeps_the_stored_hashes() {
        PostgresSettings s = db.server.settings();
        try (PostgresDatabase node = PostgresDatabase.connect(new PostgresSettings(
                s.host(), s.port(), s.user(), s.password(), s.database(), s.schema(), PG_TIMEOUT_MS))) {
            DSLContext dsl = PostgresAdapterModule.dslContext(node, new DatabaseOutages());
            ConfigurationImport importer = new ConfigurationImport(
                    new JooqEntityStore(dsl),
                    new JooqEventLog(dsl, db.workspace),
                    new JooqTransactions(dsl),
                    new LocalInvalidation(new InMemoryNodeCache(), List.of()),
                    UUID.randomUUID(),
                    db.workspace,
                    Clock.systemUTC(),
                    new PasswordHasher(DEAR_ITERATIONS),
                    JacksonTestCodec.CODEC);

            ImportReport first = importer.apply(file());
            assertThat(first.counts().get(EntityKind.BASICAUTH_CREDENTIALS))
                    .isEqualTo(new ImportReport.Counts(CREDENTIALS, 0, 0));
            List<String> hashes = storedHashes();
            assertThat(hashes)
                    .allSatisfy(hash ->
                            assertThat(PasswordHasher.isHash(hash)).as(hash).isTrue());

            ImportReport again = importer.apply(file());
            assertThat(again.events()).isZero();
            assertThat(again.counts().get(EntityKind.BASICAUTH_CREDENTIALS))
                    .isEqualTo(new ImportReport.Counts(0, 0, CREDENTIALS));
            assertThat(storedHashes()).isEqualTo(hashes);
        }
    }

    /** One consumer with {@link #CREDENTIALS} basic-auth credentials in clear text, to be hashed (transform on). */
    private static DeclaredConfiguration file() {
        List<DeclaredEntity> entities = new ArrayList<>();
        entities.add(new DeclaredEntity("consumers[0]", EntityKind.CONSUMERS, Map.of("username", "alice"), null));
        for (int i = 0; i < CREDENTIALS; i++) {
            entities.add(new DeclaredEntity(
                    "consumers[0].basicauth_credentials[" + i + "]",
                    EntityKind.BASICAUTH_CREDENTIALS,
                    Map.of("username", "alice-" + i, "password", "secret-" + i),
                    new DeclaredEntity.Parent("consumer", 0)));
        }
        return new DeclaredConfiguration(entities, true);
    }

    private List<String> storedHashes() {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < CREDENTIALS; i++) {
            hashes.add(store.findBy(BasicAuthCredentials.SCHEMA, "username", "alice-" + i)
                    .orElseThrow()
                    .string(BasicAuthCredentials.PASSWORD));
        }
        return hashes;
    }
}
