package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.out.HostResolution;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link HostResolution} with the proxy's kind of {@link DnsCache} (dnsjava, the hosts file, answers kept for their
 * TTL), a cache of its own: the Admin API's health listings never delay the proxy's lookups. A lookup is waited for
 * at most {@value #WAIT_S} s.
 */
@Singleton
final class DnsHostResolution implements HostResolution {

    static final long WAIT_S = 5;

    private final DnsCache dns;

    @Inject
    DnsHostResolution() {
        this(new DnsCache());
    }

    DnsHostResolution(DnsCache dns) {
        this.dns = dns;
    }

    @Override
    public boolean resolves(String host) {
        try {
            return dns.resolve(host).get(WAIT_S, TimeUnit.SECONDS) != null;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
