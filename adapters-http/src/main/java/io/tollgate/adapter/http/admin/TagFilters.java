package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.TagFilter;
import io.tollgate.domain.net.UriPaths;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.shared.InvalidRequest;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code ?tags=} query on lists (kong-internals §7.5): {@code a,b} = entities with every tag, {@code a/b} =
 * entities with any of them. Tags are printable ASCII except {@code ,} and {@code /}, or non-ASCII. Errors are Kong's
 * code 11 {@code invalid options} ({@code {"options": {"tags": …}}}): {@code cannot be null} for an empty value,
 * {@code invalid filter syntax} for mixed separators, empty tags or forbidden characters,
 * {@code cannot query more than 5 tags}, and {@code cannot be used with '<entity>'} on entities without tags.
 */
final class TagFilters {

    static final int MAX_TAGS = 5;
    private static final String TAG = "[\\x20-\\x2B\\x2D\\x2E\\x30-\\x7E\\x{80}-\\x{10FFFF}]+";
    private static final Pattern ALL = Pattern.compile("(" + TAG + "(,|$))+");
    private static final Pattern ANY = Pattern.compile("(" + TAG + "(/|$))+");

    private TagFilters() {}

    /**
     * {@link #of(Map, EntitySchema)} of the request's query, where a {@code tags} argument whose raw bytes are not
     * UTF-8 is {@code invalid filter syntax} too (Kong validates the bytes, not their U+FFFD reading).
     *
     * @return the filter, or {@code null} when absent
     * @throws InvalidRequest code 11 as described above
     */
    static @Nullable TagFilter of(HttpServerExchange exchange, EntitySchema schema) {
        String query = exchange.getQueryString();
        for (String argument : query == null ? new String[0] : query.split("&")) {
            if (argument.startsWith("tags=") && RequestTarget.malformedAt(argument.substring(5)) > 0) {
                throw invalid("invalid filter syntax");
            }
        }
        return of(exchange.getQueryParameters(), schema);
    }

    /**
     * @return the filter of the request's {@code tags} parameter (its first value), or {@code null} when absent
     * @throws InvalidRequest code 11 as described above
     */
    static @Nullable TagFilter of(Map<String, Deque<String>> query, EntitySchema schema) {
        String raw = Pagination.first(query, "tags");
        if (raw == null) {
            return null;
        }
        if (schema.field("tags").isEmpty()) {
            throw invalid("cannot be used with '" + schema.name() + "'");
        }
        if (raw.isEmpty()) {
            throw invalid("cannot be null");
        }
        TagFilter.Mode mode;
        String separator;
        if (ALL.matcher(raw).matches()) {
            mode = TagFilter.Mode.ALL;
            separator = ",";
        } else if (ANY.matcher(raw).matches()) {
            mode = TagFilter.Mode.ANY;
            separator = "/";
        } else {
            throw invalid("invalid filter syntax");
        }
        List<String> tags = new ArrayList<>();
        for (String tag : raw.split(Pattern.quote(separator))) {
            if (!tag.isEmpty() && !tags.contains(tag)) {
                tags.add(tag);
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw invalid("cannot query more than " + MAX_TAGS + " tags");
        }
        return new TagFilter(tags, mode);
    }

    /** Kong's {@code &tags=<escaped>} that a top-level {@code next} link repeats, or {@code ""}. */
    static String carried(Map<String, Deque<String>> query) {
        String raw = Pagination.first(query, "tags");
        return raw == null ? "" : "&tags=" + escape(raw);
    }

    /** Percent-encodes everything but unreserved characters (as nginx's {@code escape_uri}). */
    static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                UriPaths.upperEscape(out, c);
            }
        }
        return out.toString();
    }

    private static InvalidRequest invalid(String why) {
        return InvalidRequest.invalidOptions(Map.of("tags", why));
    }
}
