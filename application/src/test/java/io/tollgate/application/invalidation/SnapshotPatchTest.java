package io.tollgate.application.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.cache.Invalidation;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.VersionKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SnapshotHolder}'s patch path, through {@link LocalInvalidation} as writes and the follower use it. */
class SnapshotPatchTest {

    /** The "database": the ids of the rows. */
    private final Set<UUID> rows = ConcurrentHashMap.newKeySet();

    private final AtomicInteger fullReads = new AtomicInteger();
    private volatile boolean down;

    /** A snapshot that is the set of row ids; patches re-read only the changed ids. */
    final class Ids extends SnapshotHolder<Set<UUID>> {
        Ids() {
            super(VersionKey.ROUTER, Set.of());
        }

        @Override
        protected Set<UUID> compile(Set<UUID> previous) {
            fullReads.incrementAndGet();
            if (down) {
                throw new IllegalStateException("database down");
            }
            return Set.copyOf(rows);
        }

        @Override
        protected @Nullable Set<UUID> patch(Set<UUID> current, Set<ChangedEntity> changes) {
            if (down) {
                throw new IllegalStateException("database down");
            }
            Set<UUID> next = new HashSet<>(current);
            for (ChangedEntity change : changes) {
                if (rows.contains(change.id())) {
                    next.add(change.id());
                } else {
                    next.remove(change.id());
                }
            }
            return Set.copyOf(next);
        }

        @Override
        protected Set<ChangedEntity> differences(Set<UUID> patched, Set<UUID> rebuilt) {
            Set<ChangedEntity> differ = new HashSet<>();
            patched.stream().filter(id -> !rebuilt.contains(id)).forEach(id -> differ.add(change(id)));
            rebuilt.stream().filter(id -> !patched.contains(id)).forEach(id -> differ.add(change(id)));
            return differ;
        }
    }

    private final Ids holder = new Ids();
    private final LocalInvalidation invalidation = new LocalInvalidation(new InMemoryNodeCache(), List.of(holder));

    private final LogCapture log = LogCapture.of(Ids.class);

    @AfterEach
    void detach() {
        log.close();
    }

    private static ChangedEntity change(UUID id) {
        return new ChangedEntity(EntityKind.ROUTES, id);
    }

    private UUID write() {
        UUID id = UUID.randomUUID();
        rows.add(id);
        return id;
    }

    private void applied(UUID... ids) {
        List<Invalidation> batch = new ArrayList<>();
        for (UUID id : ids) {
            batch.add(new Invalidation(List.of(), Set.of(VersionKey.ROUTER), List.of(change(id))));
        }
        invalidation.apply(batch);
    }

    @Test
    void aWriteThatNamesItsEntityIsPatchedWithoutAFullRead() {
        invalidation.rebuildAll();
        int reads = fullReads.get();

        UUID first = write();
        UUID second = write();
        applied(first, second);
        rows.remove(first);
        applied(first);

        assertThat(holder.current()).containsExactly(second);
        assertThat(fullReads.get()).isEqualTo(reads);
        assertThat(holder.patchCount()).isEqualTo(2);
    }

    @Test
    void moreChangesThanMaxPatchInOneUpdateRebuildInFull() {
        invalidation.rebuildAll();
        int reads = fullReads.get();

        UUID[] many = new UUID[SnapshotHolder.MAX_PATCH + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = write();
        }
        applied(many);

        assertThat(holder.current()).hasSize(many.length);
        assertThat(fullReads.get()).isEqualTo(reads + 1);
        assertThat(holder.patchCount()).isZero();

        UUID[] limit = new UUID[SnapshotHolder.MAX_PATCH];
        for (int i = 0; i < limit.length; i++) {
            limit[i] = write();
        }
        applied(limit);

        assertThat(holder.current()).hasSize(many.length + limit.length);
        assertThat(fullReads.get()).isEqualTo(reads + 1);
        assertThat(holder.patchCount()).isEqualTo(1);
    }

    @Test
    void aBumpThatNamesNoEntityRebuildsInFull() {
        invalidation.rebuildAll();
        int reads = fullReads.get();
        UUID row = write();

        invalidation.apply(List.of(new Invalidation(List.of(), Set.of(VersionKey.ROUTER))));

        assertThat(holder.current()).containsExactly(row);
        assertThat(fullReads.get()).isEqualTo(reads + 1);
        assertThat(holder.patchCount()).isZero();
    }

    @Test
    void aFailedPatchKeepsTheSnapshotAndItsChangeIsRetriedByAFullRebuild() {
        invalidation.rebuildAll();
        UUID before = write();
        applied(before);
        down = true;
        UUID lost = write();

        applied(lost); // fails: pending, never thrown to the writer

        assertThat(holder.current()).containsExactly(before);
        down = false;
        int reads = fullReads.get();
        invalidation.retryPending();
        assertThat(holder.current()).containsExactlyInAnyOrder(before, lost);
        assertThat(fullReads.get()).isEqualTo(reads + 1);
    }

    @Test
    void aDirectCallAfterAFailedPatchRebuildsInFullEvenWithoutPending() {
        holder.rebuild();
        down = true;
        UUID dropped = write();
        assertThatThrownBy(() -> holder.apply(Set.of(change(dropped)))).hasMessage("database down");
        down = false;
        UUID next = write();

        holder.apply(Set.of(change(next))); // the dropped change is covered by the full rebuild this becomes

        assertThat(holder.current()).containsExactlyInAnyOrder(dropped, next);
    }

    @Test
    void theConsistencyCheckWarnsAboutAndReplacesAPatchedSnapshotThatMissedARow() {
        invalidation.rebuildAll();
        applied(write());
        UUID missed = write(); // committed, but its change never arrives

        invalidation.verifyAll();

        assertThat(holder.current()).contains(missed);
        assertThat(log.records()).anySatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage()).contains("differed from a full rebuild in 1 entities");
        });
    }

    @Test
    void theConsistencyCheckDoesNothingWhenNothingWasPatched() {
        invalidation.rebuildAll();
        int reads = fullReads.get();

        invalidation.verifyAll();

        assertThat(fullReads.get()).isEqualTo(reads);
    }
}
