-- Tollgate schema, version 13: admin accounts for `admin_auth` (Tollgate's; Kong's open-source Admin API has no
-- authentication, Kong Enterprise's RBAC users are the nearest concept). Not an Admin API entity and not in the event
-- log: written by `tollgate admins add|remove`, read by every node's Admin API when `admin_auth` is on.
--
-- One secret per account: `kind = 'password'` holds a PBKDF2 hash (as basic-auth credentials' passwords), `kind =
-- 'token'` the lower-case hex SHA-256 of a random token (looked up by that hash, hence the unique index).
-- `created_at` is the database's clock. Plain SQL in the adapter, so hidden from jOOQ's code generator.

-- [jooq ignore start]
CREATE TABLE admin_accounts (
    name        TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    secret_hash TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT admin_accounts_pkey PRIMARY KEY (name),
    CONSTRAINT admin_accounts_kind CHECK (kind IN ('password', 'token'))
);

CREATE UNIQUE INDEX admin_accounts_token_key ON admin_accounts (secret_hash) WHERE kind = 'token';
-- [jooq ignore stop]
