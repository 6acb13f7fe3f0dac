-- Tollgate schema, version 10: the counters of the rate-limiting plugin's `cluster` policy, shared by the nodes
-- (Kong's `ratelimiting_metrics`). One row per route, service, identifier, period and window start (`period_date`,
-- a UTC boundary); `value` is the requests counted, raised by upserts `value = value + n` that each node batches
-- off the request path; `ttl` is the window's end, after which the row is deleted. A missing route or service id is
-- the all-zero UUID, as in Kong. The adapter reads and writes it with plain SQL, so jOOQ's code generator (whose H2
-- parser cannot index TEXT columns) skips it.

-- [jooq ignore start]
CREATE TABLE ratelimiting_metrics (
    identifier  TEXT        NOT NULL,
    period      TEXT        NOT NULL,
    period_date TIMESTAMPTZ NOT NULL,
    service_id  UUID        NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
    route_id    UUID        NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
    value       BIGINT      NOT NULL,
    ttl         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (identifier, period, period_date, service_id, route_id)
);

CREATE INDEX ratelimiting_metrics_ttl_idx ON ratelimiting_metrics (ttl);
-- [jooq ignore stop]
