package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Kong's jwt plugin finds tokens: every value of each {@code uri_param_names} query arg, each
 * {@code cookie_names} cookie, and the first value of each {@code header_names} header when it is
 * {@code Bearer <token>}; empty values are ignored and the same token found twice counts once.
 */
final class JwtTokens {

    private static final Pattern BEARER = Pattern.compile("\\s*[Bb]earer\\s+(.+)");

    private JwtTokens() {}

    /** The distinct tokens the request carries, in the order found. */
    static List<String> find(PluginContext context, PluginConfig config) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String name : config.strings("uri_param_names", List.of("jwt"))) {
            for (String value : context.queryValues(name)) {
                if (!value.isEmpty()) {
                    tokens.add(value);
                }
            }
        }
        List<String> cookieNames = config.strings("cookie_names", List.of());
        if (!cookieNames.isEmpty()) {
            for (String header : context.headerValues("Cookie")) {
                for (String pair : header.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && cookieNames.contains(pair.substring(0, eq).strip())) {
                        String value = pair.substring(eq + 1).strip();
                        if (!value.isEmpty()) {
                            tokens.add(value);
                        }
                    }
                }
            }
        }
        for (String name : config.strings("header_names", List.of("authorization"))) {
            String value = context.header(name.toLowerCase(Locale.ROOT));
            if (value != null) {
                Matcher bearer = BEARER.matcher(value);
                if (bearer.find() && !bearer.group(1).isEmpty()) {
                    tokens.add(bearer.group(1));
                }
            }
        }
        return new ArrayList<>(tokens);
    }
}
