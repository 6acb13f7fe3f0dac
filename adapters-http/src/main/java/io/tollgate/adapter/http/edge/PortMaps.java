package io.tollgate.adapter.http.edge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kong's {@code port_maps}: which port the clients reached, per port the node listens on, when a container or a NAT
 * forwards {@code 80} to the node's {@code 8000}. The proxy then sends {@code X-Forwarded-Port: 80} (unless a trusted
 * peer sent one) for a request that arrived on {@code 8000}.
 *
 * @param forwardedByListened the clients' port (1–65535) by the node's listening port (1–65535)
 */
public record PortMaps(Map<Integer, Integer> forwardedByListened) {

    /** No mapping: the forwarded port is the port the request arrived on. */
    public static final PortMaps NONE = new PortMaps(Map.of());

    private static final Pattern MAPPING = Pattern.compile("(\\d{1,5}):(\\d{1,5})");

    public PortMaps {
        forwardedByListened = Map.copyOf(forwardedByListened);
    }

    /**
     * Parses Kong's list, each entry {@code <forwarded port>:<listening port>} (e.g. {@code 80:8000, 443:8443}).
     *
     * @throws IllegalArgumentException naming the first entry that is no such pair of ports
     */
    public static PortMaps parse(List<String> entries) {
        Map<Integer, Integer> map = new LinkedHashMap<>();
        for (String entry : entries) {
            Matcher m = MAPPING.matcher(entry.trim());
            int forwarded = m.matches() ? Integer.parseInt(m.group(1)) : 0;
            int listened = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            if (forwarded < 1 || forwarded > 65535 || listened < 1 || listened > 65535) {
                throw new IllegalArgumentException("invalid port mapping (`port_maps`): " + entry.trim());
            }
            map.put(listened, forwarded);
        }
        return new PortMaps(map);
    }

    /** The port the clients reached for a request that arrived on {@code listened}. */
    public int forwarded(int listened) {
        return forwardedByListened.getOrDefault(listened, listened);
    }

    /** Kong's list as configured order-insensitively, {@code forwarded:listened} each; empty for none. */
    public List<String> entries() {
        return forwardedByListened.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + ":" + e.getKey())
                .toList();
    }
}
