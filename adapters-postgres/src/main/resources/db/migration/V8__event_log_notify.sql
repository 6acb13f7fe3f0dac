-- Tollgate schema, version 8: every transaction that appends to `event_log` notifies the cluster.
--
-- A statement-level trigger calls `pg_notify('tollgate_event_log', '')` after each insert into the log. PostgreSQL
-- delivers notifications at commit (never for a transaction that rolls back) and folds the identical ones of one
-- transaction into one, so each committed write wakes every listening node once. The notification carries nothing:
-- a woken node reads the log after its position, as its poll every `db_update_frequency` does; the log stays the
-- truth and the poll catches whatever a listener misses. Done by the database so that every writer of the log
-- notifies, whichever code path appended. PostgreSQL-only, so hidden from jOOQ's code generator.

-- [jooq ignore start]
CREATE FUNCTION event_log_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tollgate_event_log', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER event_log_notify AFTER INSERT ON event_log
    FOR EACH STATEMENT EXECUTE FUNCTION event_log_notify();
-- [jooq ignore stop]
