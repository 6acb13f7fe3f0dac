-- Tollgate schema, version 6: the event log is the source of truth and carries one typed stream.
--
-- The table is renamed `event_log`. Each row is one event of the cluster stream; `event_type` names its type, one of
-- `entity_created`, `entity_updated`, `entity_deleted` (the entity tables are projected from these, in the appending
-- transaction) and `target_health_forced`; the adapter's codec maps the types one to one to the domain's sealed
-- event hierarchy. `entity_name` / `entity_id` name the entity the event is about (null for events about none);
-- `payload` holds the event's data: `{"entity": <fields>}` (for an update also `"previous": <fields>`; for a delete,
-- the state the entity had), or for a forced health `{"upstream", "target", "address", "healthy"}`.
--
-- What an event invalidates (cache keys, version bumps) is derived from the event by every reader, so the
-- `cache_keys` and `bumps` columns go.
--
-- Nothing but the projection of an event writes an entity row, so the database must not delete rows on its own:
-- the foreign keys that cascaded (a consumer's credentials and plugins, a route's or service's plugins, an
-- upstream's targets, a certificate's SNIs) now refuse the delete instead. Kong's cascades are the application's:
-- it deletes the children first, each with its own `entity_deleted` event.

ALTER TABLE entity_event RENAME TO event_log;
ALTER TABLE event_log RENAME COLUMN operation TO event_type;
ALTER TABLE event_log RENAME COLUMN schema_name TO entity_name;
ALTER TABLE event_log DROP COLUMN cache_keys;
ALTER TABLE event_log DROP COLUMN bumps;
ALTER TABLE event_log ALTER COLUMN entity_name DROP NOT NULL;
ALTER TABLE event_log ALTER COLUMN entity_id DROP NOT NULL;

-- [jooq ignore start]
ALTER TABLE event_log DROP CONSTRAINT entity_event_operation_check;
UPDATE event_log SET event_type = CASE event_type
    WHEN 'create' THEN 'entity_created'
    WHEN 'update' THEN 'entity_updated'
    WHEN 'delete' THEN 'entity_deleted'
    WHEN 'health' THEN 'target_health_forced'
    ELSE event_type END;
ALTER TABLE event_log RENAME CONSTRAINT entity_event_pkey TO event_log_pkey;
ALTER INDEX entity_event_tx_id_id_idx RENAME TO event_log_tx_id_id_idx;
CREATE INDEX event_log_entity_idx ON event_log (entity_name, entity_id);
ALTER TABLE plugins DROP CONSTRAINT plugins_route_id_fkey;
ALTER TABLE plugins ADD CONSTRAINT plugins_route_id_fkey FOREIGN KEY (route_id) REFERENCES routes (id);
ALTER TABLE plugins DROP CONSTRAINT plugins_service_id_fkey;
ALTER TABLE plugins ADD CONSTRAINT plugins_service_id_fkey FOREIGN KEY (service_id) REFERENCES services (id);
ALTER TABLE plugins DROP CONSTRAINT plugins_consumer_id_fkey;
ALTER TABLE plugins ADD CONSTRAINT plugins_consumer_id_fkey FOREIGN KEY (consumer_id) REFERENCES consumers (id);
ALTER TABLE keyauth_credentials DROP CONSTRAINT keyauth_credentials_consumer_id_fkey;
ALTER TABLE keyauth_credentials ADD CONSTRAINT keyauth_credentials_consumer_id_fkey FOREIGN KEY (consumer_id) REFERENCES consumers (id);
ALTER TABLE snis DROP CONSTRAINT snis_certificate_id_fkey;
ALTER TABLE snis ADD CONSTRAINT snis_certificate_id_fkey FOREIGN KEY (certificate_id) REFERENCES certificates (id);
ALTER TABLE targets DROP CONSTRAINT targets_upstream_id_fkey;
ALTER TABLE targets ADD CONSTRAINT targets_upstream_id_fkey FOREIGN KEY (upstream_id) REFERENCES upstreams (id);
ALTER TABLE basicauth_credentials DROP CONSTRAINT basicauth_credentials_consumer_id_fkey;
ALTER TABLE basicauth_credentials ADD CONSTRAINT basicauth_credentials_consumer_id_fkey FOREIGN KEY (consumer_id) REFERENCES consumers (id);
ALTER TABLE acls DROP CONSTRAINT acls_consumer_id_fkey;
ALTER TABLE acls ADD CONSTRAINT acls_consumer_id_fkey FOREIGN KEY (consumer_id) REFERENCES consumers (id);
ALTER TABLE jwt_secrets DROP CONSTRAINT jwt_secrets_consumer_id_fkey;
ALTER TABLE jwt_secrets ADD CONSTRAINT jwt_secrets_consumer_id_fkey FOREIGN KEY (consumer_id) REFERENCES consumers (id);
ALTER TABLE hmacauth_credentials DROP CONSTRAINT hmacauth_credentials_consumer_id_fkey;
ALTER TABLE hmacauth_credentials ADD CONSTRAINT hmacauth_credentials_consumer_id_fkey FOREIGN KEY (consumer_id) REFERENCES consumers (id);
-- [jooq ignore stop]

-- Compaction folds old events into a snapshot: the state of every entity alive at a log position. Replaying the log
-- = restoring the snapshot, then applying the events after its position. `event_log_snapshot` holds the entities
-- (as their `entity_created` payload would); `event_log_compaction` holds, in its single row (id 1), the position
-- the snapshot stands at (`tx_id`, `event_id`; 0/0 = no snapshot, the log is whole), when it was taken and how many
-- events were folded into it so far.
CREATE TABLE event_log_snapshot (
    entity_name varchar NOT NULL,
    entity_id   uuid    NOT NULL,
    entity      jsonb   NOT NULL,
    CONSTRAINT event_log_snapshot_pkey PRIMARY KEY (entity_name, entity_id)
);

CREATE TABLE event_log_compaction (
    id           smallint    NOT NULL,
    event_id     bigint      NOT NULL,
    compacted_at timestamptz,
    folded       bigint      NOT NULL,
    CONSTRAINT event_log_compaction_pkey PRIMARY KEY (id)
);
-- [jooq ignore start]
ALTER TABLE event_log_compaction ADD COLUMN tx_id xid8 NOT NULL DEFAULT '0';
ALTER TABLE event_log_compaction ADD CONSTRAINT event_log_compaction_single_row CHECK (id = 1);
INSERT INTO event_log_compaction (id, event_id, folded) VALUES (1, 0, 0);
-- [jooq ignore stop]
