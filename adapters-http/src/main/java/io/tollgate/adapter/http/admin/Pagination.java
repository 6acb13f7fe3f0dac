package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.InvalidRequest;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Kong's Admin API pagination (kong-internals §7.4): {@code size} (default 100, 1 to 1000) and an opaque
 * {@code offset}, the base64url (unpadded) JSON array of the last row's primary key, {@code ["<uuid>"]}.
 */
final class Pagination {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;

    private Pagination() {}

    /**
     * @throws InvalidRequest Kong's code 9 for a bad {@code size}, code 7 for a bad {@code offset}
     */
    static PageRequest request(
            Map<String, Deque<String>> query, @Nullable String foreignField, @Nullable UUID parentId) {
        return new PageRequest(size(first(query, "size")), after(first(query, "offset")), foreignField, parentId);
    }

    /**
     * Kong's {@code size}: default 100, an integer from 1 to 1000.
     *
     * @throws InvalidRequest code 9 otherwise
     */
    static int size(@Nullable String raw) {
        if (raw == null) {
            return DEFAULT_SIZE;
        }
        double size;
        try {
            size = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw InvalidRequest.invalidSize("size must be a number");
        }
        if (size != Math.rint(size) || size < 1 || size > MAX_SIZE) {
            throw InvalidRequest.invalidSize("size must be an integer between 1 and " + MAX_SIZE);
        }
        return (int) size;
    }

    private static @Nullable UUID after(@Nullable String token) {
        if (token == null) {
            return null;
        }
        String id = OffsetTokens.decode(token, 1).get(0);
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.invalidOffset(token, "bad json encoding");
        }
    }

    static String token(UUID last) {
        return OffsetTokens.encode(List.of(last.toString()));
    }

    /**
     * Kong's page envelope {@code {"data": [...], "next": "<path>?offset=…" | null, "offset": "…"}}; {@code offset}
     * is absent on the last page.
     *
     * @param nextPath the path {@code next} starts with (e.g. {@code /services})
     * @param carried query parameters {@code next} repeats after the offset (e.g. {@code &size=2}), or {@code ""}
     */
    static Map<String, @Nullable Object> envelope(Page page, String nextPath, String carried) {
        List<Map<String, @Nullable Object>> data = new ArrayList<>();
        for (Entity entity : page.data()) {
            data.add(entity.fields());
        }
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("data", data);
        UUID next = page.next();
        if (next == null) {
            body.put("next", null);
        } else {
            String token = token(next);
            body.put("next", nextPath + "?offset=" + token + carried);
            body.put("offset", token);
        }
        return body;
    }

    static @Nullable String first(Map<String, Deque<String>> query, String name) {
        Deque<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
