package io.tollgate.domain.catalog;

/**
 * The node-wide structures that are rebuilt rather than looked up key by key, and the Kong cache key that names
 * their version: a change to routes or services bumps {@code router:version}, a change to plugins
 * {@code plugins_iterator:version}, a change to upstreams or targets {@code balancer:version} (the balancers) and
 * {@code healthchecks:version} (the targets each node's health checker watches), a change to certificates or SNIs
 * {@code certificates:version} (the TLS listeners' certificate-by-SNI snapshot). Kong rebuilds its balancers on its
 * {@code balancer:upstreams} / {@code balancer:targets} events instead; these keys are Tollgate's own.
 */
public enum VersionKey {
    ROUTER("router:version"),
    PLUGINS("plugins_iterator:version"),
    BALANCER("balancer:version"),
    HEALTHCHECKS("healthchecks:version"),
    CERTIFICATES("certificates:version");

    private final String key;

    VersionKey(String key) {
        this.key = key;
    }

    /** Kong's name of the version key, e.g. {@code router:version}. */
    public String key() {
        return key;
    }

    public static VersionKey fromKey(String key) {
        for (VersionKey v : values()) {
            if (v.key.equals(key)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown version key: " + key);
    }
}
