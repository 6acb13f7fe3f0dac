package io.tollgate.domain.schema;

import io.tollgate.domain.net.LuaUrl;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Kong vault reference, {@code {vault://<name-or-prefix>/<resource>[/<key>][?<query>][#<version>]}}, split as
 * Kong's {@code kong.vault.parse_reference} splits it: the text between the braces is a URL whose host names a
 * vault (an installed vault's name, {@code env}, or a {@code vaults} entity's {@code prefix}); its path is the
 * resource, unless it has more than one segment: then the last segment is the {@code key} (a member of the secret
 * read as a JSON object) and the others, joined by {@code /}, the resource. Resource and key are percent-decoded. The
 * query's arguments override the vault's {@code config} fields; the fragment is a version number.
 *
 * <p>{@link #isReference} is Kong's cheap test ({@code {vault://…}} by its first and last characters), used by the
 * schema to let a reference through a referenceable field ({@link FieldSpec#isReferenceable()}); {@link #parse} is the
 * full split, done where the reference is resolved.
 *
 * @param name the URL's host: the installed vault's name or a vault entity's {@code prefix}
 * @param resource the secret's name within the vault (never empty), e.g. {@code my-secret}
 * @param key the JSON member to read from the secret, or {@code null} for the whole secret
 * @param config the query's arguments (config overrides), empty without a query
 * @param version the fragment's version number, or {@code null}
 */
public record VaultReference(
        String name,
        String resource,
        @Nullable String key,
        Map<String, String> config,
        @Nullable Integer version) {

    private static final String START = "{vault://";

    public VaultReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(resource, "resource");
        config = Map.copyOf(config);
    }

    /** Whether {@code value} is a string in the shape of a reference ({@code {vault://…}}), as Kong tests it. */
    public static boolean isReference(@Nullable Object value) {
        return value instanceof String text && text.startsWith(START) && text.endsWith("}");
    }

    /**
     * Splits {@code reference}, or says why it is not a reference with Kong's message.
     *
     * @return the parsed reference, or Kong's error text ({@code not a reference [..]}, {@code reference url is
     *     missing host [..]}, {@code reference url is missing path [..]}, {@code reference url has empty path [..]},
     *     {@code reference url has invalid path [..]}, {@code reference url has invalid version [..]})
     */
    public static Parsed parse(String reference) {
        if (!isReference(reference)) {
            return new Parsed.Invalid("not a reference [" + reference + "]");
        }
        String url = reference.substring(1, reference.length() - 1);
        String fragment = null;
        int hash = url.indexOf('#');
        if (hash >= 0) {
            fragment = url.substring(hash + 1);
            url = url.substring(0, hash);
        }
        LuaUrl parts = LuaUrl.parse(url);
        if (parts.host() == null || parts.host().isEmpty()) {
            return new Parsed.Invalid("reference url is missing host [" + reference + "]");
        }
        if (parts.path() == null) {
            return new Parsed.Invalid("reference url is missing path [" + reference + "]");
        }
        String path = parts.path().substring(1);
        if (path.isEmpty()) {
            return new Parsed.Invalid("reference url has empty path [" + reference + "]");
        }
        Integer version = null;
        if (fragment != null) {
            version = version(fragment).orElse(null);
            if (version == null) {
                return new Parsed.Invalid("reference url has invalid version [" + reference + "]");
            }
        }
        String resource;
        String key = null;
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            resource = decode(path);
        } else {
            resource = decode(path.substring(0, slash));
            String last = path.substring(slash + 1);
            key = last.isEmpty() ? null : decode(last);
        }
        if (resource.isEmpty()) {
            return new Parsed.Invalid("reference url has invalid path [" + reference + "]");
        }
        return new Parsed.Valid(new VaultReference(parts.host(), resource, key, query(parts.query()), version));
    }

    private static Optional<Integer> version(String fragment) {
        try {
            return Optional.of(Integer.parseInt(fragment.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> query(@Nullable String query) {
        Map<String, String> args = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return args;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            args.putIfAbsent(name, eq < 0 ? "true" : decode(pair.substring(eq + 1)));
        }
        return args;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed escape stays as written, as ngx.unescape_uri leaves it
        }
    }

    /** The outcome of {@link #parse}. */
    public sealed interface Parsed {
        /** A well-formed reference. */
        record Valid(VaultReference reference) implements Parsed {}

        /** Not a reference; {@code message} is Kong's. */
        record Invalid(String message) implements Parsed {}
    }
}
