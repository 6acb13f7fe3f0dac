-- Tollgate schema, version 12: Kong 3.x's `key_sets`, `keys` and `vaults` (Kong's table for vaults is `sm_vaults`;
-- Tollgate names tables after the schema). Same conventions as V1–V3: `entity jsonb` holds every field, one column
-- per unique field with constraint `<table>_<field>_key`, `<field>_id` per foreign field with constraint
-- `<table>_<field>_id_fkey` (no database cascade: the application deletes a set's keys first, each with its own
-- event, as V6 made every cascade), `created_at` in seconds, a GIN index on the tags.

CREATE TABLE key_sets (
    id          uuid    NOT NULL,
    entity      jsonb   NOT NULL,
    created_at  bigint,
    name        varchar,
    CONSTRAINT key_sets_pkey PRIMARY KEY (id),
    CONSTRAINT key_sets_name_key UNIQUE (name)
);

CREATE TABLE keys (
    id          uuid    NOT NULL,
    entity      jsonb   NOT NULL,
    created_at  bigint,
    name        varchar,
    set_id      uuid,
    CONSTRAINT keys_pkey PRIMARY KEY (id),
    CONSTRAINT keys_name_key UNIQUE (name),
    CONSTRAINT keys_set_id_fkey FOREIGN KEY (set_id) REFERENCES key_sets (id)
);
CREATE INDEX keys_set_id_idx ON keys (set_id);

CREATE TABLE vaults (
    id          uuid    NOT NULL,
    entity      jsonb   NOT NULL,
    created_at  bigint,
    prefix      varchar NOT NULL,
    CONSTRAINT vaults_pkey PRIMARY KEY (id),
    CONSTRAINT vaults_prefix_key UNIQUE (prefix)
);

-- [jooq ignore start]
CREATE INDEX key_sets_tags_idx ON key_sets USING gin ((entity -> 'tags'));
CREATE INDEX keys_tags_idx ON keys USING gin ((entity -> 'tags'));
CREATE INDEX vaults_tags_idx ON vaults USING gin ((entity -> 'tags'));
-- [jooq ignore stop]
