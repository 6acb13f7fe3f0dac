-- Tollgate schema, version 2: certificates, SNIs, CA certificates, upstreams and targets (kong-internals §6.5–§6.9).
-- Same conventions as V1 (see there): `entity jsonb` holds every field; unique fields and `<field>_id` foreign keys
-- get their own columns with `<table>_<column>_key` / `<table>_<field>_id_fkey` constraints; `cache_key` where the
-- schema's cache key has several fields (targets: `targets:<upstream_id>:<host:port>::::<ws>`, so an upstream holds a
-- target once). Cascades as Kong: deleting an upstream deletes its targets, a certificate its SNIs; a certificate
-- still used by a service or an upstream cannot be deleted. The GIN indexes serve tag filters on `entity->'tags'`.

CREATE TABLE certificates (
    id         uuid   NOT NULL,
    entity     jsonb  NOT NULL,
    created_at bigint,
    CONSTRAINT certificates_pkey PRIMARY KEY (id)
);

CREATE TABLE snis (
    id             uuid    NOT NULL,
    entity         jsonb   NOT NULL,
    created_at     bigint,
    name           varchar NOT NULL,
    certificate_id uuid    NOT NULL,
    CONSTRAINT snis_pkey PRIMARY KEY (id),
    CONSTRAINT snis_name_key UNIQUE (name),
    CONSTRAINT snis_certificate_id_fkey FOREIGN KEY (certificate_id) REFERENCES certificates (id) ON DELETE CASCADE
);
CREATE INDEX snis_certificate_id_idx ON snis (certificate_id);

-- Not workspaceable in Kong; `cert_digest` (sha256 of the DER certificate) is computed by the server.
CREATE TABLE ca_certificates (
    id          uuid    NOT NULL,
    entity      jsonb   NOT NULL,
    created_at  bigint,
    cert_digest varchar NOT NULL,
    CONSTRAINT ca_certificates_pkey PRIMARY KEY (id),
    CONSTRAINT ca_certificates_cert_digest_key UNIQUE (cert_digest)
);

CREATE TABLE upstreams (
    id                    uuid    NOT NULL,
    entity                jsonb   NOT NULL,
    created_at            bigint,
    name                  varchar NOT NULL,
    client_certificate_id uuid,
    CONSTRAINT upstreams_pkey PRIMARY KEY (id),
    CONSTRAINT upstreams_name_key UNIQUE (name),
    CONSTRAINT upstreams_client_certificate_id_fkey FOREIGN KEY (client_certificate_id)
        REFERENCES certificates (id) ON DELETE RESTRICT
);
CREATE INDEX upstreams_client_certificate_id_idx ON upstreams (client_certificate_id);

-- `created_at` holds whole seconds; the entity keeps Kong's millisecond fraction.
CREATE TABLE targets (
    id          uuid    NOT NULL,
    entity      jsonb   NOT NULL,
    created_at  bigint,
    cache_key   varchar NOT NULL,
    upstream_id uuid    NOT NULL,
    CONSTRAINT targets_pkey PRIMARY KEY (id),
    CONSTRAINT targets_cache_key_key UNIQUE (cache_key),
    CONSTRAINT targets_upstream_id_fkey FOREIGN KEY (upstream_id) REFERENCES upstreams (id) ON DELETE CASCADE
);
CREATE INDEX targets_upstream_id_idx ON targets (upstream_id);

-- A service's `client_certificate` now has a certificates table to reference. Before V2 no certificate could
-- exist, so there is nothing to backfill.
ALTER TABLE services ADD COLUMN client_certificate_id uuid;
ALTER TABLE services ADD CONSTRAINT services_client_certificate_id_fkey FOREIGN KEY (client_certificate_id)
    REFERENCES certificates (id) ON DELETE RESTRICT;
CREATE INDEX services_client_certificate_id_idx ON services (client_certificate_id);

-- [jooq ignore start]
CREATE INDEX certificates_tags_idx ON certificates USING gin ((entity -> 'tags'));
CREATE INDEX snis_tags_idx ON snis USING gin ((entity -> 'tags'));
CREATE INDEX ca_certificates_tags_idx ON ca_certificates USING gin ((entity -> 'tags'));
CREATE INDEX upstreams_tags_idx ON upstreams USING gin ((entity -> 'tags'));
CREATE INDEX targets_tags_idx ON targets USING gin ((entity -> 'tags'));
-- [jooq ignore stop]
