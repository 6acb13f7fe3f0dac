-- Tollgate schema, version 14: the cluster's traffic series (`GET /clustering/traffic`, the console's Traffic page).
--
-- Every node writes one row per sampling interval (`traffic_sample_interval`, default 10 s) for its whole proxied
-- traffic (`service_id` NULL) and one per service that saw requests in the interval; any node reads everyone's rows.
-- `sampled_at` is the end of the interval (the writing node's clock); rows older than one hour are deleted by the
-- writers. Latencies are Kong's request latency in ms; `errors` counts responses with a status of 500 or more;
-- `propagation_lag_ms` is the node's largest delay between an event's append to the log and its application during
-- the interval (NULL when it applied nothing). Plain SQL in the adapter, so hidden from jOOQ's code generator.

-- [jooq ignore start]
CREATE TABLE traffic_samples (
    node_id            UUID             NOT NULL,
    service_id         UUID,
    sampled_at         TIMESTAMPTZ      NOT NULL,
    interval_ms        BIGINT           NOT NULL,
    requests           BIGINT           NOT NULL,
    errors             BIGINT           NOT NULL,
    p50_ms             DOUBLE PRECISION NOT NULL,
    p95_ms             DOUBLE PRECISION NOT NULL,
    p99_ms             DOUBLE PRECISION NOT NULL,
    propagation_lag_ms DOUBLE PRECISION,
    CONSTRAINT traffic_samples_interval CHECK (interval_ms > 0),
    CONSTRAINT traffic_samples_counts CHECK (requests >= 0 AND errors >= 0 AND errors <= requests)
);

CREATE INDEX traffic_samples_sampled_at ON traffic_samples (sampled_at);
-- [jooq ignore stop]
