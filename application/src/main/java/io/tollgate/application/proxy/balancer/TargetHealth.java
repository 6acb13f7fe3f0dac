package io.tollgate.application.proxy.balancer;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.domain.upstream.UpstreamId;

/**
 * The health of an upstream's targets as this node's balancer sees it (Kong's per-node health checker,
 * kong-internals §8.7). The balancer skips unhealthy targets and reports every try's outcome here, where passive
 * checks count them. Implementations must be thread-safe and never block: both methods run on proxy I/O threads.
 */
public interface TargetHealth {

    /** Every target is always healthy and reports are ignored (health checks off). */
    TargetHealth ALWAYS_HEALTHY = new TargetHealth() {
        @Override
        public boolean isHealthy(UpstreamId upstream, String target) {
            return true;
        }

        @Override
        public void report(UpstreamId upstream, String target, PeerOutcome outcome) {
            // health checks off
        }
    };

    /**
     * @param upstream the upstream
     * @param target the target in Kong's {@code host:port} notation, as stored in the target's {@code target} field
     * @return whether the balancer may send traffic to it
     */
    boolean isHealthy(UpstreamId upstream, String target);

    /** Counts the outcome of one proxied try to {@code target} (Kong's passive health checks). */
    void report(UpstreamId upstream, String target, PeerOutcome outcome);
}
