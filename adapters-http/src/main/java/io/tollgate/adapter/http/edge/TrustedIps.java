package io.tollgate.adapter.http.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kong's {@code trusted_ips}: the peers whose forwarding headers ({@code X-Forwarded-*}, the real-IP header) are
 * believed. Entries are IPv4 or IPv6 addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code ::/0}), and
 * {@code unix:} (connections over a UNIX socket, which Tollgate does not listen on, so it matches nothing here).
 * Compiled once into a table of masked prefixes; {@link #contains} costs one pass over the (short) table and
 * never allocates for a peer given as bytes. Immutable and thread-safe.
 */
public final class TrustedIps {

    /** No trusted peer (Kong's default, {@code NONE}). */
    public static final TrustedIps NONE = new TrustedIps(List.of(), new Block[0], false);

    private final List<String> entries;
    private final Block[] blocks;
    private final boolean unix;

    private TrustedIps(List<String> entries, Block[] blocks, boolean unix) {
        this.entries = entries;
        this.blocks = blocks;
        this.unix = unix;
    }

    /**
     * Parses {@code trusted_ips} entries.
     *
     * @param values addresses, CIDR blocks or {@code unix:}; blanks are ignored
     * @throws IllegalArgumentException naming the first entry that is none of those
     */
    public static TrustedIps parse(List<String> values) {
        List<String> kept = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        boolean unix = false;
        for (String raw : values) {
            String value = raw.trim();
            if (value.isEmpty()) {
                continue;
            }
            kept.add(value);
            if (value.toLowerCase(Locale.ROOT).equals("unix:")) {
                unix = true;
                continue;
            }
            blocks.add(Block.parse(value));
        }
        return kept.isEmpty() ? NONE : new TrustedIps(List.copyOf(kept), blocks.toArray(Block[]::new), unix);
    }

    /** @return whether no peer is trusted (then real-IP processing and header trust are skipped altogether) */
    public boolean isEmpty() {
        return blocks.length == 0;
    }

    /** @return the entries as configured, for display */
    public List<String> entries() {
        return entries;
    }

    /** @return whether {@code unix:} was listed */
    public boolean trustsUnixSockets() {
        return unix;
    }

    /** @param address 4 (IPv4) or 16 (IPv6) bytes; an IPv4-mapped IPv6 address also matches IPv4 blocks */
    public boolean contains(byte[] address) {
        for (Block block : blocks) {
            if (block.matches(address)) {
                return true;
            }
        }
        return false;
    }

    /** @param address an IP literal; anything else (a host name, garbage) is not trusted */
    public boolean contains(String address) {
        if (blocks.length == 0) {
            return false;
        }
        byte[] bytes = IpLiterals.parse(address);
        return bytes != null && contains(bytes);
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }

    /** One network: address bytes with the host bits cleared, and the prefix length. */
    private record Block(byte[] network, int bits) {

        static Block parse(String value) {
            int slash = value.indexOf('/');
            String address = slash < 0 ? value : value.substring(0, slash);
            byte[] bytes = IpLiterals.parse(address);
            if (bytes == null) {
                throw new IllegalArgumentException("invalid IP address or CIDR range: '" + value + "'");
            }
            int max = bytes.length * 8;
            int bits = max;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(value.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException("invalid IP address or CIDR range: '" + value + "'");
                }
            }
            for (int bit = bits; bit < max; bit++) {
                bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return new Block(bytes, bits);
        }

        boolean matches(byte[] address) {
            int offset = 0;
            if (address.length != network.length) {
                if (network.length == 4 && address.length == 16 && isMappedIpv4(address)) {
                    offset = 12;
                } else {
                    return false;
                }
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[offset + i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[offset + whole] & mask) == (network[whole] & 0xff);
        }

        private static boolean isMappedIpv4(byte[] address) {
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return false;
                }
            }
            return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
        }
    }
}
