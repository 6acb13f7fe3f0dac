package io.tollgate.domain.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import org.jmolecules.ddd.annotation.ValueObject;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 network written as Kong's {@code ip_or_cidr} typedef reads it: an address ({@code 10.0.0.1},
 * {@code ::1}, a single host) or an address with a prefix length ({@code 10.0.0.0/8}, {@code fe80::/10}). The host
 * bits of the address are ignored ({@code 127.0.0.1/8} is {@code 127.0.0.0/8}), as in {@code resty.ipmatcher}. An
 * IPv4 network never contains an IPv6 address and the other way round (IPv4-mapped IPv6 addresses included), as in
 * Kong. Immutable.
 */
@ValueObject
public final class IpNetwork {

    private final byte[] network;
    private final int bits;

    private IpNetwork(byte[] network, int bits) {
        this.network = network;
        this.bits = bits;
    }

    /**
     * Parses an address or CIDR block; never asks DNS.
     *
     * @return empty when {@code text} is not an IPv4/IPv6 literal with an optional {@code /0-32} or {@code /0-128}
     */
    public static Optional<IpNetwork> parse(String text) {
        int slash = text.indexOf('/');
        byte[] address = address(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            return Optional.empty();
        }
        int max = address.length * 8;
        int bits = max;
        if (slash >= 0) {
            String mask = text.substring(slash + 1);
            if (!mask.matches("[0-9]{1,3}") || Integer.parseInt(mask) > max) {
                return Optional.empty();
            }
            bits = Integer.parseInt(mask);
        }
        for (int bit = bits; bit < max; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return Optional.of(new IpNetwork(address, bits));
    }

    /**
     * The 4 (IPv4) or 16 (IPv6) bytes of an IP literal, or {@code null} when {@code text} is not one (host names
     * included: never a DNS lookup). IPv4 is dotted decimal with four parts of 0-255; IPv6 may end in an IPv4 part.
     */
    public static byte @Nullable [] address(String text) {
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        if (!HostAddress.isIpv6(text)) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress(); // a validated literal: parsed, not resolved
            if (bytes.length == 16) {
                return bytes;
            }
            byte[] mapped = new byte[16]; // Java folds ::ffff:a.b.c.d to IPv4: keep the IPv6 form
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return mapped;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte @Nullable [] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
                return null;
            }
            out[i] = (byte) Integer.parseInt(parts[i]);
        }
        return out;
    }

    /** @param address 4 or 16 bytes (see {@link #address}); a length other than this network's never matches */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[whole] & mask) == (network[whole] & 0xff);
    }

    /** The prefix length: 32 or 128 for a single address. */
    public int prefixLength() {
        return bits;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpNetwork that && bits == that.bits && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + bits;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network.clone()).getHostAddress() + "/" + bits;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
