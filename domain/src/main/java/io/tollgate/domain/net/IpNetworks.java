package io.tollgate.domain.net;

import java.util.List;
import org.jmolecules.ddd.annotation.ValueObject;
import org.jspecify.annotations.Nullable;

/**
 * A list of {@link IpNetwork}s compiled once (Kong's {@code resty.ipmatcher} over a plugin's {@code allow} or
 * {@code deny}): {@link #contains} parses the address once and compares it with each network, allocating nothing
 * else. Immutable and thread-safe.
 */
@ValueObject
public final class IpNetworks {

    private final IpNetwork[] networks;

    private IpNetworks(IpNetwork[] networks) {
        this.networks = networks;
    }

    /**
     * Compiles the entries.
     *
     * @param entries addresses and CIDR blocks (validated beforehand, e.g. by the {@code ip_or_cidr} rule)
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static IpNetworks of(List<String> entries) {
        IpNetwork[] networks = new IpNetwork[entries.size()];
        for (int i = 0; i < networks.length; i++) {
            String entry = entries.get(i);
            networks[i] = IpNetwork.parse(entry)
                    .orElseThrow(() -> new IllegalArgumentException("invalid ip or cidr range: '" + entry + "'"));
        }
        return new IpNetworks(networks);
    }

    /** Whether the list has no network (then it contains nothing). */
    public boolean isEmpty() {
        return networks.length == 0;
    }

    /** Whether one of the networks contains {@code address} (an IP literal); anything else is contained by none. */
    public boolean contains(@Nullable String address) {
        byte[] bytes = address == null ? null : IpNetwork.address(address);
        return bytes != null && contains(bytes);
    }

    /** Whether one of the networks contains the address given as 4 or 16 bytes. */
    public boolean contains(byte[] address) {
        for (IpNetwork network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
