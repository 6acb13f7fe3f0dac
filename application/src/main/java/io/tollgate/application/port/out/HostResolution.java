package io.tollgate.application.port.out;

/**
 * Whether a target's host name resolves, for the Admin API's health listings: Kong's balancer shows a target whose
 * name has no address as {@code DNS_ERROR} (kong-internals §8.6, Kong's DNS client).
 */
@FunctionalInterface
public interface HostResolution {

    /**
     * Resolves {@code host} (answers may be cached for their TTL, "no such name" for a while too).
     *
     * @param host a host name or an IP literal (IPv6 with or without brackets)
     * @return {@code true} when it has at least one address (an IP literal always has); {@code false} for "no such
     *         name", an empty answer, a resolver error with nothing cached, or no answer within a few seconds. May
     *         block for the lookup: call it off the proxy path only.
     */
    boolean resolves(String host);
}
