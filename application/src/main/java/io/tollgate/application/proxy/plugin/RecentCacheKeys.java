package io.tollgate.application.proxy.plugin;

import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.Objects;

/**
 * The node cache's keys for single-value lookups ({@code <kind>:<value>:::::<ws_id>}, Kong's {@code cache_key(value)})
 * made last, per entity kind, in a direct-mapped table: a lookup by the same value again (a key-auth credential's key
 * and its consumer's id, on every request that presents the key) reuses the key made before instead of printing its
 * text (and a UUID's) again. The node cache then finds the entry by the same key instance.
 *
 * <p>Bounded: {@link #SLOTS} keys per kind; a value whose slot holds another value's key makes its own and takes the
 * slot. Thread-safe without locks: a slot holds an immutable pair, read and replaced whole, so a reader sees either
 * pair; two threads making the same key both get an equal one.
 */
final class RecentCacheKeys {

    /** Slots per entity kind (a power of two). */
    static final int SLOTS = 512;

    private static final EntityKind[] KINDS = EntityKind.values();

    /** A value and the key made from it. */
    private record Slot(Object value, CacheKey key) {}

    private final WorkspaceId workspace;
    private final Slot[][] slots = new Slot[KINDS.length][SLOTS];

    /** @param workspace the workspace every key ends with */
    RecentCacheKeys(WorkspaceId workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /** The workspace every key ends with. */
    WorkspaceId workspace() {
        return workspace;
    }

    /**
     * {@code CacheKeys.of(kind, workspace, value)}, the one made last for an equal value when its slot still holds it.
     *
     * @param value the key's one value: an id, or a field's value as {@code cache_key} prints it
     */
    CacheKey of(EntityKind kind, Object value) {
        Slot[] table = slots[kind.ordinal()];
        int hash = value.hashCode();
        int index = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Slot slot = table[index];
        if (slot != null && slot.value().equals(value)) {
            return slot.key();
        }
        CacheKey key = CacheKeys.of(kind, workspace, value);
        table[index] = new Slot(value, key);
        return key;
    }
}
