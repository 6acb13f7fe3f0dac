-- Tollgate schema, version 3: the basic-auth, ACL, JWT and HMAC credentials of consumers (kong-internals §6.11,
-- §6.12; Kong's jwt_secrets and hmacauth_credentials). Same conventions as V1: `entity jsonb` holds every field,
-- one column per unique field with constraint `<table>_<field>_key`, `consumer_id` with constraint
-- `<table>_consumer_id_fkey` (deleting a consumer deletes its credentials), `created_at` in seconds.
-- Basic-auth passwords only ever reach this table hashed (the application hashes them before the write).

CREATE TABLE basicauth_credentials (
    id          uuid   NOT NULL,
    entity      jsonb  NOT NULL,
    created_at  bigint,
    username    varchar,
    consumer_id uuid,
    CONSTRAINT basicauth_credentials_pkey PRIMARY KEY (id),
    CONSTRAINT basicauth_credentials_username_key UNIQUE (username),
    CONSTRAINT basicauth_credentials_consumer_id_fkey FOREIGN KEY (consumer_id) REFERENCES consumers (id) ON DELETE CASCADE
);
CREATE INDEX basicauth_credentials_consumer_id_idx ON basicauth_credentials (consumer_id);

-- A group exists once per consumer: `cache_key` is Kong's `acls:<consumer_id>:<group>::::<ws>`.
CREATE TABLE acls (
    id          uuid    NOT NULL,
    entity      jsonb   NOT NULL,
    created_at  bigint,
    cache_key   varchar NOT NULL,
    consumer_id uuid,
    CONSTRAINT acls_pkey PRIMARY KEY (id),
    CONSTRAINT acls_cache_key_key UNIQUE (cache_key),
    CONSTRAINT acls_consumer_id_fkey FOREIGN KEY (consumer_id) REFERENCES consumers (id) ON DELETE CASCADE
);
CREATE INDEX acls_consumer_id_idx ON acls (consumer_id);

CREATE TABLE jwt_secrets (
    id          uuid   NOT NULL,
    entity      jsonb  NOT NULL,
    created_at  bigint,
    key         varchar,
    consumer_id uuid,
    CONSTRAINT jwt_secrets_pkey PRIMARY KEY (id),
    CONSTRAINT jwt_secrets_key_key UNIQUE (key),
    CONSTRAINT jwt_secrets_consumer_id_fkey FOREIGN KEY (consumer_id) REFERENCES consumers (id) ON DELETE CASCADE
);
CREATE INDEX jwt_secrets_consumer_id_idx ON jwt_secrets (consumer_id);

CREATE TABLE hmacauth_credentials (
    id          uuid   NOT NULL,
    entity      jsonb  NOT NULL,
    created_at  bigint,
    username    varchar,
    consumer_id uuid,
    CONSTRAINT hmacauth_credentials_pkey PRIMARY KEY (id),
    CONSTRAINT hmacauth_credentials_username_key UNIQUE (username),
    CONSTRAINT hmacauth_credentials_consumer_id_fkey FOREIGN KEY (consumer_id) REFERENCES consumers (id) ON DELETE CASCADE
);
CREATE INDEX hmacauth_credentials_consumer_id_idx ON hmacauth_credentials (consumer_id);

-- Tag filtering (`?tags=a,b`, `?tags=a/b`) reads `entity->'tags'`.
-- [jooq ignore start]
CREATE INDEX basicauth_credentials_tags_idx ON basicauth_credentials USING gin ((entity -> 'tags'));
CREATE INDEX acls_tags_idx ON acls USING gin ((entity -> 'tags'));
CREATE INDEX jwt_secrets_tags_idx ON jwt_secrets USING gin ((entity -> 'tags'));
CREATE INDEX hmacauth_credentials_tags_idx ON hmacauth_credentials USING gin ((entity -> 'tags'));
-- [jooq ignore stop]
