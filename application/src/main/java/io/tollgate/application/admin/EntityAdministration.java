package io.tollgate.application.admin;

import io.tollgate.application.admin.AtomicWrite.Changes;
import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.in.AdministerEntities;
import io.tollgate.application.port.in.AdministerReferences;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.entity.TimeToLive;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.Kind;
import io.tollgate.domain.shared.InvalidRequest;
import io.tollgate.domain.shared.SchemaViolation;
import io.tollgate.domain.shared.WorkspaceId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The Admin API's writes and reads (Kong's generic DAO). A write reads the current state, validates through the
 * domain and appends the resulting events (which the log projects onto the entity tables) in one transaction, then purges this node's cache keys and rebuilds its router or
 * plugins before returning, so the change is in effect here when the response is sent. Also Kong's single-reference
 * upsert ({@code PUT /routes/{r}/service}, {@link AdministerReferences}): both writes in one transaction.
 */
public final class EntityAdministration implements AdministerEntities, AdministerReferences {

    private final EntityStore store;
    private final AtomicWrite writes;
    private final EntityDrafts drafts;
    private final EntityResolution resolution;
    private final CascadeDelete cascade;
    private final CertificateSnis snis;
    private final HashedSecrets secrets;
    private final JwkCheck jwks;
    private final Clock clock;

    /**
     * @param nodeId this node's id, recorded with its events so it can skip them when following the log
     * @param clock the source of {@code created_at} / {@code updated_at} (seconds)
     * @param passwords hashes the basic-auth passwords that writes carry
     * @param json parses the JSON a field carries as a string (a key's {@code jwk}) for Kong's checks of it
     */
    public EntityAdministration(
            EntityStore store,
            EventLog log,
            Transactions transactions,
            LocalInvalidation invalidation,
            UUID nodeId,
            WorkspaceId workspace,
            Clock clock,
            PasswordHasher passwords,
            JsonCodec json) {
        this.store = store;
        this.writes = new AtomicWrite(log, transactions, invalidation, nodeId, workspace);
        this.resolution = new EntityResolution(store);
        this.drafts = new EntityDrafts(resolution, clock);
        this.cascade = new CascadeDelete(store);
        this.snis = new CertificateSnis(store, clock);
        this.secrets = new HashedSecrets(passwords);
        this.jwks = new JwkCheck(json);
        this.clock = clock;
    }

    @Override
    public Entity create(EntitySchema schema, Map<String, ? extends @Nullable Object> input) {
        HashedSecrets.Prepared hashed = secrets.prepare(schema, input);
        long now = now();
        return deprecationsWarned(schema, input, now, writes.run(changes -> {
            Entity created = secrets.protect(
                    jwks.check(TimeToLive.anchored(
                            EntityDrafts.validated(schema, drafts.withServerFields(schema, input)), now)),
                    hashed);
            resolution.checkParentsExist(created);
            Entity stored = CertificateSnis.stored(created);
            changes.record(new EntityCreated(stored));
            snis.sync(created, input, changes);
            return stored;
        }));
    }

    /** {@code written} as shown, once Kong's deprecation warnings for the fields {@code input} used are logged. */
    private Entity deprecationsWarned(
            EntitySchema schema, Map<String, ? extends @Nullable Object> input, long now, @Nullable Entity written) {
        Entity shown = shown(written, now);
        DeprecatedFields.warn(schema, shown, input);
        return shown;
    }

    @Override
    public Entity update(EntitySchema schema, String idOrKey, Map<String, ? extends @Nullable Object> patch) {
        HashedSecrets.Prepared hashed = secrets.prepare(schema, patch);
        long now = now();
        return deprecationsWarned(
                schema, patch, now, writes.run(changes -> updating(changes, schema, idOrKey, patch, hashed, now)));
    }

    private Entity updating(
            Changes changes,
            EntitySchema schema,
            String idOrKey,
            Map<String, ? extends @Nullable Object> patch,
            HashedSecrets.Prepared hashed,
            long now) {
        Entity current = resolution.find(schema, idOrKey).orElseThrow(() -> EntityDrafts.notFound(schema, idOrKey));
        // A row TTL merges as the seconds left (Kong's view): kept, it is stored back to the same expiry; given, it
        // counts from now.
        Entity currentShown = TimeToLive.shown(current, now);
        // Shorthands (a service's url) expand before the merge, so they replace the current fields they stand for.
        // A plugin's config merges by its plugin's schema: nested records key by key, flat redis_* fields as the
        // redis record's (Kong's merge_values and shorthand_fields).
        Map<String, @Nullable Object> merged = mergeSchema(schema, current, patch)
                .record()
                .merge(currentShown.fields(), resolution.resolveForeignKeys(schema, schema.expand(patch)));
        merged.put("id", current.id().toString());
        drafts.stamp(schema, merged, "updated_at");
        Entity updated =
                secrets.protect(jwks.check(TimeToLive.anchored(EntityDrafts.validated(schema, merged), now)), hashed);
        resolution.checkParentsExist(updated);
        Entity stored = CertificateSnis.stored(updated);
        changes.record(new EntityUpdated(stored, current));
        snis.sync(updated, patch, changes);
        return stored;
    }

    /** The schema a PATCH merges by: a plugin's own (by the name it keeps or is given), else {@code schema}. */
    private static EntitySchema mergeSchema(
            EntitySchema schema, Entity current, Map<String, ? extends @Nullable Object> patch) {
        if (schema.kind() != EntityKind.PLUGINS) {
            return schema;
        }
        Object name = patch.get("name") instanceof String given ? given : current.get("name");
        try {
            return Plugins.schemaFor(Map.of("name", name == null ? "" : name));
        } catch (SchemaViolation unknownPlugin) {
            return schema; // validation reports it
        }
    }

    @Override
    public Entity upsert(EntitySchema schema, String idOrKey, Map<String, ? extends @Nullable Object> input) {
        HashedSecrets.Prepared hashed = secrets.prepare(schema, input);
        long now = now();
        return deprecationsWarned(
                schema, input, now, writes.run(changes -> upserting(changes, schema, idOrKey, input, hashed, now)));
    }

    private Entity upserting(
            Changes changes,
            EntitySchema schema,
            String idOrKey,
            Map<String, ? extends @Nullable Object> input,
            HashedSecrets.Prepared hashed,
            long now) {
        Optional<UUID> id = EntityResolution.uuid(idOrKey);
        if (id.isEmpty() && schema.kind() == EntityKind.CERTIFICATES) {
            input = CertificateSnis.including(input, idOrKey); // Kong's PUT /certificates/{sni} keeps that SNI
        }
        input = CertificateSnis.replacing(schema, input);
        Map<String, @Nullable Object> body = new LinkedHashMap<>(input);
        if (id.isPresent()) {
            body.put("id", id.get().toString());
        } else if (schema.endpointKey() instanceof String endpointKey) {
            checkUniqueKey(schema, endpointKey, idOrKey);
            body.put(endpointKey, idOrKey);
        }
        Optional<Entity> current = resolution.find(schema, idOrKey);
        current.ifPresent(c -> {
            body.put("id", c.id().toString());
            body.putIfAbsent("created_at", c.get("created_at"));
        });
        Entity entity = secrets.protect(
                jwks.check(TimeToLive.anchored(
                        EntityDrafts.validated(schema, drafts.withServerFields(schema, body)), now)),
                hashed);
        resolution.checkParentsExist(entity);
        Entity stored = CertificateSnis.stored(entity);
        changes.record(
                current.<EntityEvent>map(c -> new EntityUpdated(stored, c)).orElseGet(() -> new EntityCreated(stored)));
        snis.sync(entity, input, changes);
        return stored;
    }

    /**
     * Kong's DAO checks a unique key taken from the URL against its field's rules before anything else: 400
     * {@code {"code":10,"name":"invalid unique <field>","message":"<the rule's message>"}}.
     */
    private static void checkUniqueKey(EntitySchema schema, String field, String key) {
        schema.field(field)
                .filter(f -> f.kind() == Kind.STRING)
                .flatMap(spec -> spec.ruleProblem(key))
                .ifPresent(problem -> {
                    throw InvalidRequest.invalidUnique(field, problem);
                });
    }

    @Override
    public Entity upsertReferenced(
            EntitySchema schema, String idOrKey, String foreignField, Map<String, ? extends @Nullable Object> input) {
        FieldSpec field = schema.field(foreignField)
                .filter(f -> f.kind() == Kind.FOREIGN)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + foreignField + "' is not a foreign field of " + schema.name()));
        EntitySchema parent = Schemas.referencedBy(field);
        HashedSecrets.Prepared hashed = secrets.prepare(parent, input);
        long now = now();
        return shown(
                writes.run(changes -> {
                    Entity child =
                            resolution.find(schema, idOrKey).orElseThrow(() -> EntityDrafts.notFound(schema, idOrKey));
                    Optional<UUID> referenced = child.foreignId(foreignField);
                    Entity upserted = upserting(
                            changes,
                            parent,
                            referenced.orElseGet(UUID::randomUUID).toString(),
                            input,
                            hashed,
                            now);
                    if (referenced.isEmpty()) {
                        updating(
                                changes,
                                schema,
                                child.id().toString(),
                                Map.of(foreignField, Map.of("id", upserted.id().toString())),
                                HashedSecrets.Prepared.NONE,
                                now);
                    }
                    return upserted;
                }),
                now);
    }

    @Override
    public boolean delete(EntitySchema schema, String idOrKey) {
        Entity deleted = writes.run(changes -> {
            Optional<Entity> current = resolution.find(schema, idOrKey);
            current.ifPresent(entity -> cascade.delete(entity, changes));
            return current.orElse(null);
        });
        return deleted != null;
    }

    @Override
    public Optional<Entity> get(EntitySchema schema, String idOrKey) {
        long now = now();
        return resolution.find(schema, idOrKey).map(entity -> shown(entity, now));
    }

    @Override
    public Optional<Entity> getChild(EntitySchema schema, String foreignField, UUID parentId, String idOrKey) {
        long now = now();
        return resolution.findChild(schema, foreignField, parentId, idOrKey).map(entity -> shown(entity, now));
    }

    @Override
    public Page list(EntitySchema schema, PageRequest request) {
        long now = now();
        Page page = snis.withNames(store.page(schema, request));
        return TimeToLive.applies(schema)
                ? new Page(
                        page.data().stream().map(e -> TimeToLive.shown(e, now)).toList(), page.next())
                : page;
    }

    /**
     * An entity as the Admin API shows it at {@code now} (seconds): a certificate with its SNI names, a row TTL as the
     * seconds left ({@link TimeToLive#shown}).
     */
    private Entity shown(@Nullable Entity written, long now) {
        return TimeToLive.shown(snis.withNames(Objects.requireNonNull(written, "written")), now);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
