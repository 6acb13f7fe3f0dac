-- Tollgate schema, version 1: the entity tables (projections of the event log) and the append-only event log.
--
-- Conventions the adapter relies on (JooqEntityStore maps rows generically from the entity schemas):
--   * one table per entity schema, named as the schema;
--   * `id uuid` primary key and `entity jsonb` = the entity's full normalised field map;
--   * one string column per unique field, named as the field, constraint `<table>_<field>_key`;
--   * one `<field>_id uuid` column per foreign field, constraint `<table>_<field>_id_fkey`;
--   * `created_at bigint` (seconds, as the entity field), and `cache_key` where Kong keeps one (plugins:
--     a plugin name exists once per route/service/consumer scope).
-- Strings are unbounded `varchar` (the same as `text` in PostgreSQL): the code generator replays this script
-- into H2, where `text` becomes a CLOB that cannot carry a unique index.
-- Statements between `[jooq ignore start]` and `[jooq ignore stop]` are PostgreSQL-only: jOOQ's code generator
-- (DDLDatabase) skips them, the adapter reaches those columns with plain SQL.

-- Kong's single open-source workspace; its id is the last part of every cache key.
CREATE TABLE workspaces (
    id   uuid NOT NULL,
    name varchar NOT NULL,
    CONSTRAINT workspaces_pkey PRIMARY KEY (id),
    CONSTRAINT workspaces_name_key UNIQUE (name)
);
-- [jooq ignore start]
INSERT INTO workspaces (id, name) VALUES (gen_random_uuid(), 'default');
-- [jooq ignore stop]

CREATE TABLE services (
    id         uuid   NOT NULL,
    entity     jsonb  NOT NULL,
    created_at bigint,
    name       varchar,
    CONSTRAINT services_pkey PRIMARY KEY (id),
    CONSTRAINT services_name_key UNIQUE (name)
);

CREATE TABLE routes (
    id         uuid   NOT NULL,
    entity     jsonb  NOT NULL,
    created_at bigint,
    name       varchar,
    service_id uuid,
    CONSTRAINT routes_pkey PRIMARY KEY (id),
    CONSTRAINT routes_name_key UNIQUE (name),
    CONSTRAINT routes_service_id_fkey FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE RESTRICT
);
CREATE INDEX routes_service_id_idx ON routes (service_id);

CREATE TABLE consumers (
    id         uuid   NOT NULL,
    entity     jsonb  NOT NULL,
    created_at bigint,
    username   varchar,
    custom_id  varchar,
    CONSTRAINT consumers_pkey PRIMARY KEY (id),
    CONSTRAINT consumers_username_key UNIQUE (username),
    CONSTRAINT consumers_custom_id_key UNIQUE (custom_id)
);

CREATE TABLE plugins (
    id            uuid   NOT NULL,
    entity        jsonb  NOT NULL,
    created_at    bigint,
    instance_name varchar,
    cache_key     varchar   NOT NULL,
    route_id      uuid,
    service_id    uuid,
    consumer_id   uuid,
    CONSTRAINT plugins_pkey PRIMARY KEY (id),
    CONSTRAINT plugins_instance_name_key UNIQUE (instance_name),
    CONSTRAINT plugins_cache_key_key UNIQUE (cache_key),
    CONSTRAINT plugins_route_id_fkey FOREIGN KEY (route_id) REFERENCES routes (id) ON DELETE CASCADE,
    CONSTRAINT plugins_service_id_fkey FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE,
    CONSTRAINT plugins_consumer_id_fkey FOREIGN KEY (consumer_id) REFERENCES consumers (id) ON DELETE CASCADE
);
CREATE INDEX plugins_route_id_idx ON plugins (route_id);
CREATE INDEX plugins_service_id_idx ON plugins (service_id);
CREATE INDEX plugins_consumer_id_idx ON plugins (consumer_id);

CREATE TABLE keyauth_credentials (
    id          uuid   NOT NULL,
    entity      jsonb  NOT NULL,
    created_at  bigint,
    key         varchar,
    consumer_id uuid,
    CONSTRAINT keyauth_credentials_pkey PRIMARY KEY (id),
    CONSTRAINT keyauth_credentials_key_key UNIQUE (key),
    CONSTRAINT keyauth_credentials_consumer_id_fkey FOREIGN KEY (consumer_id) REFERENCES consumers (id) ON DELETE CASCADE
);
CREATE INDEX keyauth_credentials_consumer_id_idx ON keyauth_credentials (consumer_id);

-- The append-only event log: one row per entity change, written in the transaction that makes the change.
-- Readers follow it by (tx_id, id) below pg_snapshot_xmin, so an event is read only once no older
-- transaction can still commit (ids alone are handed out before commit and would lose events).
CREATE TABLE entity_event (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    node_id     uuid        NOT NULL,
    schema_name varchar        NOT NULL,
    entity_id   uuid        NOT NULL,
    operation   varchar        NOT NULL,
    payload     jsonb       NOT NULL,
    cache_keys  varchar[]      NOT NULL,
    bumps       varchar[]      NOT NULL,
    occurred_at timestamptz NOT NULL,
    CONSTRAINT entity_event_pkey PRIMARY KEY (id),
    CONSTRAINT entity_event_operation_check CHECK (operation IN ('create', 'update', 'delete'))
);
-- [jooq ignore start]
ALTER TABLE entity_event ALTER COLUMN occurred_at SET DEFAULT clock_timestamp();
ALTER TABLE entity_event ADD COLUMN tx_id xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX entity_event_tx_id_id_idx ON entity_event (tx_id, id);
-- [jooq ignore stop]
