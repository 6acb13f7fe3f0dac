package io.tollgate.bootstrap.config;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Kong's {@code router_flavor}: Tollgate's router matches as Kong 3.x's {@code traditional_compatible} flavor (Kong's
 * default), and {@code GET /} reports that. {@code traditional} (Kong 2.x's router, which 3.x keeps for
 * compatibility) is accepted and matched the same way, with a warning; {@code expressions} routes (an {@code
 * expression} field instead of paths, hosts, …) are not supported, so that value is a configuration error rather
 * than routes that would silently never match.
 */
final class RouterFlavor {

    /** The flavor Tollgate's router follows, as {@code GET /} shows it. */
    static final String IN_EFFECT = "traditional_compatible";

    private RouterFlavor() {}

    /**
     * Checks a configured {@code router_flavor}.
     *
     * @param warnings receives one line for {@code traditional}
     * @throws ConfigException for {@code expressions} or any other value
     */
    static void check(String value, Consumer<String> warnings) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case IN_EFFECT -> {}
            case "traditional" ->
                warnings.accept("router_flavor = traditional: Tollgate's router matches as "
                        + "traditional_compatible (Kong's default in 3.x)");
            case "expressions" ->
                throw ConfigException.invalid(
                        Property.ROUTER_FLAVOR, value, "is not supported: Tollgate's router is traditional_compatible");
            default ->
                throw ConfigException.invalid(
                        Property.ROUTER_FLAVOR,
                        value,
                        "is not one of traditional_compatible, traditional, expressions");
        }
    }
}
