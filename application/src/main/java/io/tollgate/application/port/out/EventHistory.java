package io.tollgate.application.port.out;

import io.tollgate.application.port.HistoryFilter;
import io.tollgate.domain.catalog.EntityKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The event log read backwards, for the configuration history: the entity events only (never a forced target health),
 * and only those an {@link EventLog} reader could read (every older writing transaction has ended), so that pages
 * read one after the other never skip an event that commits in between. Events folded away by compaction are gone.
 */
public interface EventHistory {

    /**
     * Up to {@code limit} entity events passing {@code filter}, strictly before {@code before} (all readable events
     * when {@code null}), newest first: by descending {@link LogPosition}.
     *
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    List<LoggedEvent> newestFirst(HistoryFilter filter, @Nullable LogPosition before, int limit);

    /**
     * The id of the entity of the newest entity event of {@code kind} whose entity (its state after the change, or
     * for a delete the state it had) contains {@code fields} as JSON containment does: every given field has the
     * given value, nested objects compared key by key (e.g. {@code {"target": "h:8000", "upstream": {"id": …}}}).
     *
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    Optional<UUID> lastEntityWith(EntityKind kind, Map<String, Object> fields);
}
