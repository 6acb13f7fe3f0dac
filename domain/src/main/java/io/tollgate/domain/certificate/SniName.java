package io.tollgate.domain.certificate;

import io.tollgate.domain.schema.Rule;
import io.tollgate.domain.schema.Rules;
import java.util.Optional;

/**
 * Kong's SNI name check ({@code wildcard_host}): a host name with at most one {@code *}, as its first or last
 * character ({@code *.example.com}, {@code example.*}); no IP address, no port. As in Kong, the {@code *} need not be
 * a whole label ({@code *example.com} is a valid name that no server name matches), and the rest is checked with the
 * {@code *} read as {@code wildcard}, which is how an invalid value is named in the message.
 */
final class SniName {

    private SniName() {}

    static Rule rule() {
        return Rules.wildcardSni();
    }

    static Optional<String> check(String name) {
        return Rules.wildcardSniProblem(name);
    }
}
