-- Tollgate schema, version 5: the event log also carries forced target healths (Kong's `balancer:post_health`
-- cluster event, sent by `PUT|POST /upstreams/{u}/targets/{t}/healthy|unhealthy`). Such a row has operation
-- `health`, schema_name `targets`, entity_id = the target's id, payload
-- `{"upstream": <upstream id>, "target": "<host:port>", "address": <ip or null>, "healthy": <bool>}`, and no cache keys
-- or bumps: it changes no entity. The check constraint is hidden from jOOQ's code generator, which does not need it.

-- [jooq ignore start]
ALTER TABLE entity_event DROP CONSTRAINT entity_event_operation_check;
ALTER TABLE entity_event ADD CONSTRAINT entity_event_operation_check
    CHECK (operation IN ('create', 'update', 'delete', 'health'));
-- [jooq ignore stop]
