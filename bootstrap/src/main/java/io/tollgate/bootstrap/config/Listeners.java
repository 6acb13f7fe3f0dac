package io.tollgate.bootstrap.config;

import io.tollgate.domain.net.HostAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Kong's listener syntax ({@code proxy_listen}, {@code admin_listen}): comma-separated entries
 * {@code <address>:<port> [flag ...]}, where the address is an IPv4 address, a host name or a bracketed IPv6
 * address ({@code [::1]:8001}); or {@code off} for no listener (as Kong's, a list whose first entry is
 * {@code off}, e.g. {@code off, 127.0.0.1:8001}, has no listener either). Port 0 asks the system for a free port.
 *
 * <p>Flags: {@code ssl} (terminate TLS), {@code http2} (offer HTTP/2) and {@code proxy_protocol} (require a PROXY
 * protocol header on every connection) are kept on the entry;
 * {@code reuseport}, {@code backlog=<n>}, {@code deferred}, {@code bind}, {@code ipv6only=on|off} and
 * {@code so_keepalive=<spec>} are accepted and have no effect. Any other flag is an error. A host name that does
 * not resolve yet is kept unresolved (Kong's loader does not resolve names either); binding it fails at start.
 */
final class Listeners {
    private static final Pattern ADDRESS = Pattern.compile("(?:\\[([^\\]\\s]*:[^\\]\\s]*)]|([^:\\[\\]]+)):(\\d{1,5})");
    private static final Pattern IGNORED_FLAG =
            Pattern.compile("reuseport|deferred|bind|backlog=\\d+|ipv6only=(?:on|off)|so_keepalive=\\S+");

    private Listeners() {}

    static List<ListenEntry> parse(Property property, String value, Consumer<String> warnings) {
        List<String> entries = Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        if (!entries.isEmpty() && entries.get(0).equals("off")) {
            return List.of(); // as Kong's: a list starting with off has no listener, whatever follows
        }
        if (entries.isEmpty()) {
            throw ConfigException.invalid(property, value, "lists no listener (use off for none)");
        }
        List<ListenEntry> listeners = new ArrayList<>();
        for (String entry : entries) {
            String[] tokens = entry.split("\\s+");
            List<String> flags = Arrays.asList(tokens).subList(1, tokens.length);
            for (String flag : flags) {
                if (!flag.equals("ssl")
                        && !flag.equals("http2")
                        && !flag.equals("proxy_protocol")
                        && !IGNORED_FLAG.matcher(flag).matches()) {
                    throw ConfigException.invalid(property, value, "has an unknown flag \"" + flag + "\"");
                }
            }
            InetSocketAddress address = address(property, value, tokens[0]);
            listeners.add(new ListenEntry(
                    address, flags.contains("ssl"), flags.contains("http2"), flags.contains("proxy_protocol")));
        }
        return List.copyOf(listeners);
    }

    /** @return {@code host:port} then the {@code http2} / {@code ssl} flags, as shown in {@code GET /} */
    static String format(ListenEntry entry) {
        return entry.toString();
    }

    /** @return {@code host:port}, IPv6 addresses in brackets */
    static String format(InetSocketAddress address) {
        return HostAddress.bracketed(address.getHostString()) + ":" + address.getPort();
    }

    private static InetSocketAddress address(Property property, String value, String token) {
        Matcher m = ADDRESS.matcher(token);
        if (!m.matches()) {
            throw ConfigException.invalid(property, value, "has an entry \"" + token + "\" that is not <host>:<port>");
        }
        int port = Integer.parseInt(m.group(3));
        if (port > 65535) {
            throw ConfigException.invalid(property, value, "has a port out of range (0-65535) in \"" + token + "\"");
        }
        String host = m.group(1) != null ? m.group(1) : m.group(2);
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            // as Kong's loader, which does not resolve names: the node resolves it again when it binds
            return InetSocketAddress.createUnresolved(host, port);
        }
    }
}
