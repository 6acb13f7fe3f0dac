package io.tollgate.application.port;

import io.tollgate.domain.catalog.EntityKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What an import of a declarative configuration did, per entity kind (only the kinds the file holds).
 *
 * @param counts created / updated / unchanged entities per kind, in the catalogue's order
 * @param events how many events the import appended to the log (one per created or updated entity)
 */
public record ImportReport(Map<EntityKind, Counts> counts, long events) {

    public ImportReport {
        Map<EntityKind, Counts> copy = new EnumMap<>(EntityKind.class);
        copy.putAll(counts);
        counts = Collections.unmodifiableMap(copy);
    }

    /** The entities of one kind: created (new), updated (differed from what was stored), unchanged (skipped). */
    public record Counts(long created, long updated, long unchanged) {}
}
