package io.tollgate.adapter.http.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * Parses IP address literals without ever asking DNS: dotted IPv4 ({@code 10.0.0.1}) and IPv6 ({@code ::1},
 * {@code [::1]}, with an embedded IPv4 tail). Anything else (host names, garbage) is "not an address".
 */
final class IpLiterals {

    private IpLiterals() {}

    /** @return the 4 or 16 address bytes, or {@code null} when {@code text} is not an IP literal */
    static byte @Nullable [] parse(String text) {
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty()) {
            return null;
        }
        return s.indexOf(':') >= 0 ? ipv6(s) : ipv4(s);
    }

    private static byte @Nullable [] ipv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i == s.length() ? '.' : s.charAt(i);
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte @Nullable [] ipv6(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean allowed =
                    c == ':' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!allowed) {
                return null; // also rules out zone ids and anything a resolver could look up
            }
        }
        try {
            byte[] bytes = InetAddress.getByName(s).getAddress(); // a literal: parsed, never resolved
            if (bytes.length == 4) { // an IPv4-mapped literal comes back as IPv4: keep the IPv6 form
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
