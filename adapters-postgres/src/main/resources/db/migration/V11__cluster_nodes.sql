-- Tollgate schema, version 11: cluster membership (Kong 0.x's `kong cluster members`, kept on the database).
--
-- One row per node that shares this database, written by the node itself: whole at its start (state `active`),
-- then at every heartbeat (every `db_update_frequency`, `heartbeat_interval_ms`) with the event-log commit number it
-- has applied (`applied_seq`, compared with `event_log_head.commit_seq` for its lag); `leaving` when a graceful stop
-- begins and `left` once it has stopped. `failed` is not stored: readers derive it from an `active` or `leaving` row
-- whose heartbeat is older than 3 heartbeat intervals. Rows of failed and left nodes are deleted by any node's
-- heartbeat once `cluster_ttl_on_failure` has passed since their last heartbeat. Timestamps are the database's clock.
-- Plain SQL in the adapter (arrays), so hidden from jOOQ's code generator.

-- [jooq ignore start]
CREATE TABLE nodes (
    id                    UUID        NOT NULL,
    hostname              TEXT        NOT NULL,
    version               TEXT        NOT NULL,
    proxy_addresses       TEXT[]      NOT NULL,
    admin_addresses       TEXT[]      NOT NULL,
    started_at            TIMESTAMPTZ NOT NULL,
    last_heartbeat        TIMESTAMPTZ NOT NULL,
    applied_seq           BIGINT      NOT NULL,
    config_hash           TEXT        NOT NULL,
    heartbeat_interval_ms BIGINT      NOT NULL,
    state                 TEXT        NOT NULL,
    CONSTRAINT nodes_pkey PRIMARY KEY (id),
    CONSTRAINT nodes_state CHECK (state IN ('active', 'leaving', 'left')),
    CONSTRAINT nodes_heartbeat_interval CHECK (heartbeat_interval_ms > 0)
);
-- [jooq ignore stop]
