package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.TagPage;
import io.tollgate.application.port.TagPageRequest;
import io.tollgate.application.port.TaggedEntity;
import io.tollgate.application.port.in.BrowseEntities;
import io.tollgate.domain.shared.InvalidRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code GET /tags} and {@code GET /tags/{tag}} (kong-internals §7.5): rows
 * {@code {"entity_name": …, "entity_id": …, "tag": …}} over every tagged entity, in Kong's page envelope
 * ({@code size}, {@code offset}, {@code next}). The offset is the base64url (unpadded) JSON array
 * {@code ["<entity_id>", "<entity_name>", "<tag>"]} of the last row. A {@code {tag}} whose raw bytes are not UTF-8
 * answers 400 {@code {"code":10,"name":"invalid unique tag","message":"invalid utf-8 character sequence detected at
 * position <n>"}}.
 */
final class TagEndpoints {

    private static final Set<String> GET = Set.of("GET");

    private final BrowseEntities browse;

    TagEndpoints(BrowseEntities browse) {
        this.browse = Objects.requireNonNull(browse, "browse");
    }

    Endpoint all() {
        return list(null);
    }

    Endpoint tagged(String tag) {
        return list(tag);
    }

    private Endpoint list(@Nullable String tag) {
        return new Endpoint(GET, (method, exchange) -> {
            if (tag != null) {
                String target = exchange.getRequestURI();
                int malformed = RequestTarget.malformedAt(target.substring(target.lastIndexOf('/') + 1));
                if (malformed > 0) { // Kong validates the tag's bytes: code 10, as its DAO's invalid_unique
                    throw new InvalidRequest(
                            10,
                            "invalid unique tag",
                            "invalid utf-8 character sequence detected at position " + malformed,
                            Map.of());
                }
            }
            String size = Pagination.first(exchange.getQueryParameters(), "size");
            TagPageRequest request = new TagPageRequest(
                    Pagination.size(size), tag, after(Pagination.first(exchange.getQueryParameters(), "offset")));
            TagPage page = browse.tags(request);
            Responses.json(
                    exchange,
                    200,
                    envelope(
                            page,
                            tag == null ? "/tags" : "/tags/" + TagFilters.escape(tag),
                            size == null ? "" : "&size=" + TagFilters.escape(size.trim())));
        });
    }

    private static Map<String, @Nullable Object> envelope(TagPage page, String path, String carried) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (TaggedEntity row : page.data()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("entity_name", row.entityName());
            item.put("entity_id", row.entityId().toString());
            item.put("tag", row.tag());
            data.add(item);
        }
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("data", data);
        TaggedEntity next = page.next();
        if (next == null) {
            body.put("next", null);
        } else {
            String token = token(next);
            body.put("next", path + "?offset=" + token + carried);
            body.put("offset", token);
        }
        return body;
    }

    static String token(TaggedEntity last) {
        return OffsetTokens.encode(List.of(last.entityId().toString(), last.entityName(), last.tag()));
    }

    private static @Nullable TaggedEntity after(@Nullable String token) {
        if (token == null) {
            return null;
        }
        List<String> key = OffsetTokens.decode(token, 3);
        try {
            return new TaggedEntity(key.get(2), key.get(1), UUID.fromString(key.get(0)));
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.invalidOffset(token, "bad json encoding");
        }
    }
}
