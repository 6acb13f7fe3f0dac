package io.tollgate.application.admin;

import io.tollgate.application.admin.AtomicWrite.Changes;
import io.tollgate.application.port.Page;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.shared.SchemaViolation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Kong's transient {@code snis} field of certificates (kong-internals §6.7). The certificate row never holds it:
 * a write whose input has {@code snis} replaces the certificate's {@code snis} rows in the same transaction (new
 * names created, missing ones deleted, each row with its own event; {@code null} or {@code []} removes them all),
 * and every certificate the Admin API returns lists its SNI names, sorted. Other schemas pass through unchanged.
 */
final class CertificateSnis {

    private final EntityStore store;
    private final Clock clock;

    CertificateSnis(EntityStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    static boolean applies(Entity entity) {
        return entity.schema().kind() == EntityKind.CERTIFICATES;
    }

    /**
     * {@code input} with {@code name} among its {@code snis} (added last when missing): a certificate written at
     * {@code /certificates/{name}} keeps the SNI it was addressed by, as in Kong.
     */
    static Map<String, ? extends @Nullable Object> including(
            Map<String, ? extends @Nullable Object> input, String name) {
        List<Object> names = new ArrayList<>();
        if (input.get(Certificates.SNIS) instanceof List<?> given) {
            names.addAll(given);
        }
        if (!names.contains(name)) {
            names.add(name);
        }
        Map<String, @Nullable Object> copy = new LinkedHashMap<>(input);
        copy.put(Certificates.SNIS, names);
        return copy;
    }

    /**
     * {@code input} of a PUT, a full replacement: a certificate written without {@code snis} is left with none (Kong's
     * upsert reads a missing field as null); other schemas and inputs naming {@code snis} are returned as they are.
     */
    static Map<String, ? extends @Nullable Object> replacing(
            EntitySchema schema, Map<String, ? extends @Nullable Object> input) {
        if (schema.kind() != EntityKind.CERTIFICATES || input.containsKey(Certificates.SNIS)) {
            return input;
        }
        Map<String, @Nullable Object> copy = new LinkedHashMap<>(input);
        copy.put(Certificates.SNIS, null);
        return copy;
    }

    /** The entity as stored: a certificate without its transient {@code snis}. */
    static Entity stored(Entity entity) {
        if (!applies(entity) || entity.get(Certificates.SNIS) == null) {
            return entity;
        }
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(entity.fields());
        fields.put(Certificates.SNIS, null);
        return new Entity(entity.schema(), fields);
    }

    /**
     * After the certificate row is written: when {@code input} mentions {@code snis}, makes the certificate's SNI rows
     * exactly {@code validated}'s names, recording their events.
     *
     * @throws SchemaViolation when a name belongs to another certificate (Kong's message)
     */
    void sync(Entity validated, Map<String, ? extends @Nullable Object> input, Changes changes) {
        if (!applies(validated) || !input.containsKey(Certificates.SNIS)) {
            return;
        }
        UUID certificate = validated.id();
        List<String> wanted = Certificates.sniNames(validated.fields());
        List<Entity> current = store.referencing(Snis.SCHEMA, "certificate", certificate);
        Set<String> have = current.stream().map(e -> e.string("name")).collect(Collectors.toSet());
        for (String name : wanted) {
            if (have.contains(name)) {
                continue;
            }
            Optional<Entity> taken = store.findBy(Snis.SCHEMA, "name", name);
            if (taken.isPresent()) {
                throw SchemaViolation.of(
                        Certificates.SNIS,
                        name + " already associated with existing certificate '"
                                + taken.get()
                                        .foreignId("certificate")
                                        .map(UUID::toString)
                                        .orElse("") + "'");
            }
        }
        for (Entity sni : current) {
            if (!wanted.contains(sni.string("name"))) {
                changes.record(new EntityDeleted(sni));
            }
        }
        long now = clock.instant().getEpochSecond();
        for (String name : wanted) {
            if (!have.contains(name)) {
                Entity sni = new Entity(
                        Snis.SCHEMA,
                        Snis.SCHEMA.validate(Map.of(
                                "id",
                                UUID.randomUUID().toString(),
                                "created_at",
                                now,
                                "updated_at",
                                now,
                                "name",
                                name,
                                "certificate",
                                Map.of("id", certificate.toString()))));
                changes.record(new EntityCreated(sni));
            }
        }
    }

    /** The entity as the Admin API shows it: a certificate with its SNI names, sorted ({@code []} when none). */
    Entity withNames(Entity entity) {
        if (!applies(entity)) {
            return entity;
        }
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(entity.fields());
        fields.put(
                Certificates.SNIS,
                store.referencing(Snis.SCHEMA, "certificate", entity.id()).stream()
                        .map(e -> e.string("name"))
                        .sorted()
                        .toList());
        return new Entity(entity.schema(), fields);
    }

    Page withNames(Page page) {
        if (page.data().isEmpty() || !applies(page.data().get(0))) {
            return page;
        }
        return new Page(page.data().stream().map(this::withNames).toList(), page.next());
    }
}
