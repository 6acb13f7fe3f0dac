package io.tollgate.adapter.http.health;

import io.tollgate.application.port.out.HostResolution;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/**
 * {@link HostResolution} with dnsjava, as the proxy resolves (the hosts file first, then the system's name servers;
 * IP literals are not looked up), through dnsjava's shared cache (answers kept for their TTL, "no such name" too).
 */
@Singleton
final class DnsHostResolution implements HostResolution {

    @Inject
    DnsHostResolution() {}

    @Override
    public boolean resolves(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return Address.getAllByName(name).length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
