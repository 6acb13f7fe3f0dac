package io.tollgate.domain.certificate;

import io.tollgate.domain.net.HostAddress;
import io.tollgate.domain.schema.Rule;
import java.util.Optional;

/**
 * Kong's SNI name check: a host name with at most one {@code *}, as the whole leftmost or rightmost label
 * ({@code *.example.com}, {@code example.*}); no IP address, no port.
 */
final class SniName {

    private SniName() {}

    static Rule rule() {
        return v -> check((String) v);
    }

    static Optional<String> check(String name) {
        int star = name.indexOf('*');
        if (star >= 0) {
            if (star != 0 && star != name.length() - 1) {
                return Optional.of("wildcard must be leftmost or rightmost character");
            }
            if (name.indexOf('*', star + 1) >= 0) {
                return Optional.of("only one wildcard must be specified");
            }
            if (name.length() < 3
                    || (star == 0 && name.charAt(1) != '.')
                    || (star > 0 && name.charAt(star - 1) != '.')) {
                return Optional.of("invalid wildcard: must be placed at leftmost or rightmost label");
            }
        }
        Optional<HostAddress> address = HostAddress.parse(name.replace("*", "wildcard"));
        if (address.isEmpty()) {
            return Optional.of("invalid value: " + name);
        }
        if (address.get().type() != HostAddress.Type.NAME) {
            return Optional.of("must not be an IP");
        }
        if (address.get().port() != null) {
            return Optional.of("must not have a port");
        }
        return Optional.empty();
    }
}
