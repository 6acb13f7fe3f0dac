-- Tollgate schema, version 9: the event log is read in an order that only its own writers decide.
--
-- Until now readers followed the log by (tx_id, id) below pg_snapshot_xmin(pg_current_snapshot()), which is
-- server-wide: any transaction that held a transaction id anywhere on the PostgreSQL server (an unrelated
-- application's, a forgotten psql session's) held every node's feed back for as long as it stayed open.
--
-- Now each writing transaction takes a commit number when it commits, and readers follow the log by
-- (commit_seq, id) with no snapshot condition:
--
-- * `event_log_head` holds in its single row (id 1) the last commit number handed out.
-- * The deferred constraint trigger `event_log_seal` runs at COMMIT, inside the server's processing of the COMMIT
--   (no client round trip between it and the commit itself): it increments the head row, which row-locks it until
--   the transaction ends, and stamps every event of the transaction with the number. A second writer's seal waits
--   for the first one's commit, so numbers become visible in increasing order: a reader that sees commit n sees
--   every commit before it, and reading `(commit_seq, id) > last position` never skips an event. Only the log's
--   writers wait on the lock, only for the length of a commit, and a client frozen in the middle of its transaction
--   never holds it (it is taken after the client sent COMMIT).
-- * Events appended by a transaction keep their insertion order within it (`id`).
--
-- Existing events keep their positions: their commit number is their old transaction id (xid8 fits in a bigint),
-- so every position an operator saw (`<tx>:<id>`) still names the same event; the head starts after the largest.
-- The compaction snapshot's position (`event_log_compaction.tx_id`) becomes `commit_seq` likewise.
-- `tx_id` stays on each event (which transaction wrote it; the seal finds the transaction's events by it).
-- PostgreSQL-only (triggers, xid8), so hidden from jOOQ's code generator.

-- [jooq ignore start]
ALTER TABLE event_log ADD COLUMN commit_seq bigint;
UPDATE event_log SET commit_seq = tx_id::text::bigint;
CREATE INDEX event_log_commit_seq_id_idx ON event_log (commit_seq, id);

ALTER TABLE event_log_compaction ALTER COLUMN tx_id DROP DEFAULT;
ALTER TABLE event_log_compaction ALTER COLUMN tx_id TYPE bigint USING tx_id::text::bigint;
ALTER TABLE event_log_compaction RENAME COLUMN tx_id TO commit_seq;
ALTER TABLE event_log_compaction ALTER COLUMN commit_seq SET DEFAULT 0;

CREATE TABLE event_log_head (
    id         smallint NOT NULL,
    commit_seq bigint   NOT NULL,
    CONSTRAINT event_log_head_pkey PRIMARY KEY (id),
    CONSTRAINT event_log_head_single_row CHECK (id = 1)
);
INSERT INTO event_log_head (id, commit_seq) SELECT 1, greatest(
    (SELECT coalesce(max(commit_seq), 0) FROM event_log),
    (SELECT coalesce(max(commit_seq), 0) FROM event_log_compaction));

-- `tollgate.event_log_sealed` (transaction-local) holds the largest event id already stamped in this transaction,
-- so the trigger, which fires once per appended row, stamps all of them at its first firing and returns at once
-- afterwards. The function keeps the schema it was created in (`SET search_path FROM CURRENT`): it stamps this
-- schema's log whatever the writing session's search_path.
CREATE FUNCTION event_log_seal() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    sealed bigint := coalesce(nullif(current_setting('tollgate.event_log_sealed', true), '')::bigint, 0);
    seq bigint;
BEGIN
    IF NEW.id <= sealed THEN
        RETURN NULL;
    END IF;
    UPDATE event_log_head SET commit_seq = commit_seq + 1 WHERE id = 1 RETURNING commit_seq INTO seq;
    WITH stamped AS (
        UPDATE event_log SET commit_seq = seq
        WHERE tx_id = pg_current_xact_id() AND commit_seq IS NULL
        RETURNING id)
    SELECT max(id) INTO sealed FROM stamped;
    PERFORM set_config('tollgate.event_log_sealed', coalesce(sealed, NEW.id)::text, true);
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER event_log_seal AFTER INSERT ON event_log
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION event_log_seal();
-- [jooq ignore stop]
