package io.tollgate.application.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.port.DeclarationRejected;
import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.DeclaredEntity;
import io.tollgate.application.port.ImportReport;
import io.tollgate.application.testing.RecordingPorts;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.SchemaViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@link ConfigurationImport} over in-memory ports: matching, idempotence, all or nothing. */
class ConfigurationImportTest {

    private final RecordingPorts ports = new RecordingPorts();
    private final ConfigurationImport importer =
            ports.configurationImport(Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC));

    @Test
    void entities_without_ids_are_matched_by_name_and_a_second_import_writes_nothing() {
        ImportReport first = importer.apply(file("billing.internal"));
        assertThat(first.counts().get(EntityKind.SERVICES)).isEqualTo(new ImportReport.Counts(1, 0, 0));
        assertThat(first.counts().get(EntityKind.ROUTES)).isEqualTo(new ImportReport.Counts(1, 0, 0));
        assertThat(first.events()).isEqualTo(2);
        assertThat(ports.store
                        .findBy(Routes.SCHEMA, "name", "api")
                        .orElseThrow()
                        .foreignId("service"))
                .isEqualTo(
                        ports.store.findBy(Services.SCHEMA, "name", "billing").map(s -> s.id()));

        ImportReport second = importer.apply(file("billing.internal"));
        assertThat(second.counts().get(EntityKind.SERVICES)).isEqualTo(new ImportReport.Counts(0, 0, 1));
        assertThat(second.events()).isZero();
        assertThat(ports.appended).hasSize(2);

        ImportReport changed = importer.apply(file("billing-v2.internal"));
        assertThat(changed.counts().get(EntityKind.SERVICES)).isEqualTo(new ImportReport.Counts(0, 1, 0));
        assertThat(changed.counts().get(EntityKind.ROUTES)).isEqualTo(new ImportReport.Counts(0, 0, 1));
        assertThat(ports.appended).hasSize(3).last().isInstanceOf(EntityUpdated.class);
    }

    @Test
    void the_stored_entities_a_file_names_are_read_in_batches_not_one_by_one() {
        importer.apply(file("billing.internal"));
        ports.store.reads.set(0);
        ports.store.batchReads.set(0);

        ImportReport second = importer.apply(file("billing-v2.internal"));

        assertThat(second.counts().get(EntityKind.SERVICES)).isEqualTo(new ImportReport.Counts(0, 1, 0));
        assertThat(second.counts().get(EntityKind.ROUTES)).isEqualTo(new ImportReport.Counts(0, 0, 1));
        assertThat(ports.store.reads).as("single-entity reads").hasValue(0);
        assertThat(ports.store.batchReads)
                .as("one for the services' names, one for the routes'")
                .hasValue(2);
    }

    @Test
    void a_reference_sees_the_names_the_same_import_gave_and_took() {
        importer.apply(new DeclaredConfiguration(List.of(service("billing", null)), true));
        String id = ports.store
                .findBy(Services.SCHEMA, "name", "billing")
                .orElseThrow()
                .id()
                .toString();

        ImportReport report = importer.apply(new DeclaredConfiguration(
                List.of(route("r0", "ledger"), route("r1", "fresh"), service("ledger", id), service("fresh", null)),
                true));

        assertThat(report.counts().get(EntityKind.ROUTES)).isEqualTo(new ImportReport.Counts(2, 0, 0));
        assertThat(ports.store.findBy(Routes.SCHEMA, "name", "r0").orElseThrow().foreignId("service"))
                .as("billing, renamed ledger by the same file")
                .hasValue(UUID.fromString(id));
        assertThat(ports.store.findBy(Routes.SCHEMA, "name", "r1").orElseThrow().foreignId("service"))
                .isEqualTo(ports.store.findBy(Services.SCHEMA, "name", "fresh").map(s -> s.id()));
        assertThatThrownBy(() -> importer.apply(
                        new DeclaredConfiguration(List.of(service("again", id), route("r2", "ledger")), true)))
                .as("ledger, renamed again by the same file")
                .isInstanceOfSatisfying(
                        DeclarationRejected.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("routes[r2]: invalid reference 'service: ledger'"
                                        + " (no such entry in 'services')"));
    }

    private static DeclaredEntity service(String name, @Nullable String id) {
        Map<String, Object> fields = new HashMap<>(Map.of("name", name, "host", name + ".internal"));
        if (id != null) {
            fields.put("id", id);
        }
        return new DeclaredEntity("services[" + name + "]", EntityKind.SERVICES, fields, null);
    }

    private static DeclaredEntity route(String name, String service) {
        return new DeclaredEntity(
                "routes[" + name + "]",
                EntityKind.ROUTES,
                Map.of("name", name, "paths", List.of("/" + name), "service", Map.of("name", service)),
                null);
    }

    @Test
    void a_clear_password_that_still_matches_the_stored_hash_changes_nothing() {
        DeclaredConfiguration file = new DeclaredConfiguration(
                List.of(
                        new DeclaredEntity("consumers[0]", EntityKind.CONSUMERS, Map.of("username", "alice"), null),
                        new DeclaredEntity(
                                "consumers[0].basicauth_credentials[0]",
                                EntityKind.BASICAUTH_CREDENTIALS,
                                Map.of("username", "alice", "password", "s3cret"),
                                new DeclaredEntity.Parent("consumer", 0))),
                true);
        importer.apply(file);
        String hash = ports.store
                .findBy(BasicAuthCredentials.SCHEMA, "username", "alice")
                .orElseThrow()
                .string(BasicAuthCredentials.PASSWORD);
        assertThat(hash).isNotEqualTo("s3cret");

        assertThat(importer.apply(file).events()).isZero();
    }

    @Test
    void a_bad_entity_writes_nothing_and_is_named_by_its_path() {
        DeclaredConfiguration file = new DeclaredConfiguration(
                List.of(
                        new DeclaredEntity("services[0]", EntityKind.SERVICES, Map.of("name", "ok", "host", "h"), null),
                        new DeclaredEntity(
                                "services[0].routes[0]",
                                EntityKind.ROUTES,
                                Map.of("name", "bad", "paths", List.of("no-slash")),
                                new DeclaredEntity.Parent("service", 0))),
                true);
        assertThatThrownBy(() -> importer.apply(file)).isInstanceOfSatisfying(DeclarationRejected.class, e -> {
            assertThat(e.path()).isEqualTo("services[0].routes[0]");
            assertThat(e.reason()).isInstanceOf(SchemaViolation.class);
            assertThat(e.getMessage()).startsWith("services[0].routes[0]: schema violation (paths");
        });
        assertThat(ports.appended).isEmpty();
        assertThat(ports.store.findBy(Services.SCHEMA, "name", "ok")).isEmpty();
    }

    @Test
    void a_key_whose_jwk_kong_would_refuse_is_refused_by_the_import_too() {
        DeclaredConfiguration file = new DeclaredConfiguration(
                List.of(new DeclaredEntity(
                        "keys[0]",
                        EntityKind.KEYS,
                        Map.of("name", "k", "kid", "36", "jwk", "{\"kid\": \"36\"}"),
                        null)),
                true);
        assertThatThrownBy(() -> importer.apply(file))
                .isInstanceOf(DeclarationRejected.class)
                .hasMessage("keys[0]: schema violation (could not load JWK, likely not a valid key)");
        assertThat(ports.appended).isEmpty();
    }

    private static DeclaredConfiguration file(String host) {
        return new DeclaredConfiguration(
                List.of(
                        new DeclaredEntity(
                                "services[0]", EntityKind.SERVICES, Map.of("name", "billing", "host", host), null),
                        new DeclaredEntity(
                                "services[0].routes[0]",
                                EntityKind.ROUTES,
                                Map.of("name", "api", "paths", List.of("/billing")),
                                new DeclaredEntity.Parent("service", 0))),
                true);
    }
}
