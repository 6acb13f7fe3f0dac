-- Tollgate schema, version 4: GIN indexes for Kong's tag filters (`GET /services?tags=a,b` / `?tags=a/b`) and the
-- `GET /tags/{tag}` listing, which query `entity->'tags'` with the JSONB containment (`@>`) and any-key (`?|`)
-- operators. Entity tables created by later migrations carry their own index, named `<table>_tags_idx`.
-- PostgreSQL-only (expression GIN indexes), so hidden from jOOQ's code generator.

-- [jooq ignore start]
CREATE INDEX services_tags_idx ON services USING gin ((entity -> 'tags'));
CREATE INDEX routes_tags_idx ON routes USING gin ((entity -> 'tags'));
CREATE INDEX consumers_tags_idx ON consumers USING gin ((entity -> 'tags'));
CREATE INDEX plugins_tags_idx ON plugins USING gin ((entity -> 'tags'));
CREATE INDEX keyauth_credentials_tags_idx ON keyauth_credentials USING gin ((entity -> 'tags'));
-- [jooq ignore stop]
