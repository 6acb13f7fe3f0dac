package io.tollgate.application.proxy.router;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Host names to their {@link PathIndex}, split into {@value #SHARDS} hash maps by the name's hash: a lookup is one
 * array access and one hash probe, and a router patch that changes one name copies only that name's shard (1/64 of
 * the names) instead of the whole map. A full compile fills a new map with {@link #put}; a patch copies with
 * {@link #copy} and changes the copy with {@link #with} / {@link #without}. A map a router uses is never modified.
 */
final class HostMap {

    static final int SHARDS = 64;

    private final Map<String, PathIndex>[] shards;
    /** Which shards this map owns (may change in place); the others are shared with the map it was copied from. */
    private final boolean[] owned = new boolean[SHARDS];

    private int size;

    @SuppressWarnings("unchecked")
    HostMap(int expected) {
        shards = new Map[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = HashMap.newHashMap(Math.max(4, expected / SHARDS));
            owned[i] = true;
        }
    }

    private HostMap(HostMap from) {
        shards = Arrays.copyOf(from.shards, SHARDS);
        size = from.size;
    }

    /** A copy sharing every shard until it changes one. */
    HostMap copy() {
        return new HostMap(this);
    }

    boolean isEmpty() {
        return size == 0;
    }

    @Nullable
    PathIndex get(String host) {
        return shards[shard(host)].get(host);
    }

    /** Fills a new map (full compile): adds or returns the index of {@code host}. */
    PathIndex put(String host) {
        Map<String, PathIndex> map = owned(shard(host));
        PathIndex paths = map.get(host);
        if (paths == null) {
            paths = new PathIndex();
            map.put(host, paths);
            size++;
        }
        return paths;
    }

    /** Sets {@code host}'s index in this copy. */
    void with(String host, PathIndex paths) {
        if (owned(shard(host)).put(host, paths) == null) {
            size++;
        }
    }

    /** Removes {@code host} from this copy. */
    void without(String host) {
        if (owned(shard(host)).remove(host) != null) {
            size--;
        }
    }

    private Map<String, PathIndex> owned(int shard) {
        if (!owned[shard]) {
            shards[shard] = new HashMap<>(shards[shard]);
            owned[shard] = true;
        }
        return shards[shard];
    }

    private static int shard(String host) {
        int h = host.hashCode();
        return (h ^ (h >>> 16)) & (SHARDS - 1);
    }
}
