-- Tollgate schema, version 15: the log's read after a position as a function planned once per connection.
--
-- Every node reads the log after its position each time a commit notifies it (and at each poll). As a prepared
-- statement with the position and the limit as parameters, PostgreSQL planned that read again on every call: its
-- generic plan is estimated far costlier than a plan for the actual values (a third of the log after an unknown
-- position, against the few rows after a known one), so the plan cache kept choosing a new custom plan, whose
-- planning cost several times the read itself (0.16-0.56 ms against 0.03 ms at 50,000 events). The plan is the same
-- index scan on (commit_seq, id) whatever the values, so this function keeps PL/pgSQL's cached plan for the session
-- (`plan_cache_mode = force_generic_plan` for its own statement only). Same rows and order as the statement it
-- replaces: the snapshot's position on every row, with the readable events after the position (one row of nulls when
-- there are none, or when the position is before the snapshot). PostgreSQL-only, so hidden from jOOQ's code
-- generator.

-- [jooq ignore start]
CREATE FUNCTION event_log_read_after(after_seq bigint, after_id bigint, max_rows integer)
    RETURNS TABLE (snapshot_seq bigint, snapshot_event_id bigint, commit_seq bigint, id bigint, node_id uuid,
                   occurred_at timestamptz, event_type varchar, entity_name varchar, entity_id uuid, payload jsonb)
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT coalesce(c.commit_seq, 0), coalesce(c.event_id, 0), e.commit_seq, e.id, e.node_id, e.occurred_at,
           e.event_type, e.entity_name, e.entity_id, e.payload
    FROM (VALUES (1)) AS one (id)
    LEFT JOIN event_log_compaction c ON c.id = one.id
    LEFT JOIN LATERAL (
        SELECT l.commit_seq, l.id, l.node_id, l.occurred_at, l.event_type, l.entity_name, l.entity_id, l.payload
        FROM event_log l
        WHERE (l.commit_seq, l.id) > (after_seq, after_id)
          AND (coalesce(c.commit_seq, 0), coalesce(c.event_id, 0)) <= (after_seq, after_id)
        ORDER BY l.commit_seq, l.id
        LIMIT max_rows) e ON true
    ORDER BY e.commit_seq, e.id;
END
$$;
-- [jooq ignore stop]
