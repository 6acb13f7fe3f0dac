package io.tollgate.application.admin;

import io.tollgate.application.admin.AtomicWrite.Changes;
import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.port.DeclarationRejected;
import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.DeclaredEntity;
import io.tollgate.application.port.ImportProgress;
import io.tollgate.application.port.ImportReport;
import io.tollgate.application.port.in.ImportConfiguration;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.shared.InvalidRequest;
import io.tollgate.domain.shared.Rejection;
import io.tollgate.domain.shared.WorkspaceId;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code db_import} over the Admin API's machinery ({@link ImportConfiguration}): every entity of a file is
 * resolved, validated, matched with what is stored ({@link StoredMatch}) and, when it differs, appended as one
 * {@link EntityCreated} or {@link EntityUpdated} event, all in one {@link AtomicWrite}; this node applies the
 * invalidations after the commit, other nodes when they follow the log.
 */
public final class ConfigurationImport implements ImportConfiguration {

    private final AtomicWrite writes;
    private final Clock clock;
    private final StoredMatch matches;
    private final EntityStore store;
    private final HashedSecrets secrets;
    private final JwkCheck jwks;

    /**
     * @param nodeId the writer's id, recorded with its events (a command-line import uses a fresh one, so every
     *     running node applies them)
     * @param clock the source of {@code created_at} / {@code updated_at} (seconds)
     * @param passwords hashes basic-auth passwords when the file asks for the transformation
     * @param json parses the JSON a field carries as a string (a key's {@code jwk}) for Kong's checks of it
     */
    public ConfigurationImport(
            EntityStore store,
            EventLog log,
            Transactions transactions,
            LocalInvalidation invalidation,
            UUID nodeId,
            WorkspaceId workspace,
            Clock clock,
            PasswordHasher passwords,
            JsonCodec json) {
        this.writes = new AtomicWrite(log, transactions, invalidation, nodeId, workspace);
        this.clock = clock;
        this.matches = new StoredMatch(store);
        this.store = store;
        this.secrets = new HashedSecrets(passwords);
        this.jwks = new JwkCheck(json);
    }

    @Override
    public ImportReport apply(DeclaredConfiguration configuration, ImportProgress progress) {
        List<DeclaredEntity> entities = configuration.entities();
        Map<EntityKind, Long> totals = new EnumMap<>(EntityKind.class);
        entities.forEach(e -> totals.merge(e.kind(), 1L, Long::sum));
        List<Integer> order = IntStream.range(0, entities.size())
                .boxed()
                .sorted(Comparator.comparing(i -> entities.get(i).kind()))
                .toList();
        Map<Integer, HashedSecrets.Prepared> hashed = configuration.transform() ? hashed(entities) : Map.of();
        return writes.run(changes -> {
            Lookups lookups = Lookups.over(ImportView.prefetched(store, entities), clock);
            UUID[] ids = new UUID[entities.size()];
            Map<EntityKind, long[]> counts = new EnumMap<>(EntityKind.class);
            for (int i : order) {
                DeclaredEntity declared = entities.get(i);
                long[] count = counts.computeIfAbsent(declared.kind(), k -> new long[3]);
                try {
                    Outcome outcome =
                            write(declared, ids, hashed.getOrDefault(i, HashedSecrets.Prepared.NONE), changes, lookups);
                    ids[i] = outcome.id();
                    count[outcome.change()]++;
                    progress.checked(declared.kind(), count[0] + count[1] + count[2], totals.get(declared.kind()));
                } catch (Rejection rejection) {
                    throw new DeclarationRejected(declared.path(), rejection);
                }
            }
            Map<EntityKind, ImportReport.Counts> report = new EnumMap<>(EntityKind.class);
            counts.forEach((kind, c) -> report.put(kind, new ImportReport.Counts(c[0], c[1], c[2])));
            return new ImportReport(report, changes.count());
        });
    }

    /** What became of one entity: its id and its column in the counts (0 created, 1 updated, 2 unchanged). */
    private record Outcome(UUID id, int change) {}

    /** One import's reads, all through its {@link ImportView}. */
    private record Lookups(ImportView view, EntityResolution resolution, StoredMatch matches, EntityDrafts drafts) {
        static Lookups over(ImportView view, Clock clock) {
            EntityResolution resolution = new EntityResolution(view);
            return new Lookups(view, resolution, new StoredMatch(view), new EntityDrafts(resolution, clock));
        }
    }

    /**
     * The password hashes of the file's basic-auth credentials (by position in the file), computed before the
     * import's transaction opens: PBKDF2 is slow, and an open transaction waiting on thousands of hashes would hold its
     * connection and locks past {@code idle_in_transaction_session_timeout}. A password whose stored credential (found
     * by {@code id}, else by {@code username}, read now) already holds a hash of it keeps that hash.
     */
    private Map<Integer, HashedSecrets.Prepared> hashed(List<DeclaredEntity> entities) {
        EntitySchema schema = Schemas.of(EntityKind.BASICAUTH_CREDENTIALS);
        Map<Integer, HashedSecrets.Prepared> hashed = new HashMap<>();
        for (int i = 0; i < entities.size(); i++) {
            DeclaredEntity declared = entities.get(i);
            if (declared.kind() != EntityKind.BASICAUTH_CREDENTIALS
                    || !(declared.fields().get(BasicAuthCredentials.PASSWORD) instanceof String)) {
                continue;
            }
            Optional<Entity> stored = matches.byId(schema, declared.fields().get("id"));
            if (stored.isEmpty() && declared.fields().get("username") instanceof String username) {
                stored = store.findBy(schema, "username", username);
            }
            String storedHash = stored.map(e -> e.stringOrNull(BasicAuthCredentials.PASSWORD))
                    .orElse(null);
            hashed.put(i, secrets.prepare(schema, declared.fields(), storedHash));
        }
        return hashed;
    }

    private Outcome write(
            DeclaredEntity declared,
            @Nullable UUID[] ids,
            HashedSecrets.Prepared hashed,
            Changes changes,
            Lookups lookups) {
        EntitySchema schema = Schemas.of(declared.kind());
        List<String> unresolved = lookups.resolution().unresolvedReferences(schema, declared.fields());
        if (!unresolved.isEmpty()) {
            throw new InvalidRequest(
                    14,
                    "invalid declarative configuration",
                    String.join(", ", unresolved),
                    Map.of("@entity", unresolved));
        }
        Map<String, @Nullable Object> input = new LinkedHashMap<>(declared.fields());
        if (declared.parent() != null) {
            UUID parent = ids[declared.parent().index()];
            input.put(declared.parent().field(), Map.of("id", String.valueOf(parent)));
        }
        Map<String, @Nullable Object> body = lookups.resolution().resolveForeignKeys(schema, input);
        Optional<Entity> current = lookups.matches().byId(schema, body.get("id"));
        Entity candidate = validated(schema, body, current, lookups.drafts());
        if (current.isEmpty() && body.get("id") == null) {
            current = lookups.matches().byKeys(candidate);
            if (current.isPresent()) {
                candidate = validated(schema, body, current, lookups.drafts());
            }
        }
        candidate = secrets.protect(candidate, hashed, current.orElse(null));
        if (current.isPresent()
                && SameFields.ignoringTimestamps(
                        candidate.fields(), current.get().fields())) {
            return new Outcome(current.get().id(), 2); // its references were checked when it was written
        }
        lookups.resolution().checkParentsExist(candidate);
        if (current.isEmpty()) {
            changes.record(new EntityCreated(candidate));
            lookups.view().written(candidate, null);
            return new Outcome(candidate.id(), 0);
        }
        changes.record(new EntityUpdated(candidate, current.get()));
        lookups.view().written(candidate, current.get());
        return new Outcome(candidate.id(), 1);
    }

    /** The entity as it would be stored: the matched one's id and {@code created_at} kept, server fields filled. */
    private Entity validated(
            EntitySchema schema, Map<String, @Nullable Object> body, Optional<Entity> current, EntityDrafts drafts) {
        Map<String, @Nullable Object> draft = new LinkedHashMap<>(body);
        current.ifPresent(c -> {
            draft.put("id", c.id().toString());
            draft.putIfAbsent("created_at", c.get("created_at"));
        });
        return jwks.check(EntityDrafts.validated(schema, drafts.withServerFields(schema, draft)));
    }
}
