package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.HistoryFilter;
import io.tollgate.application.port.HistoryPosition;
import io.tollgate.application.port.HistoryQuery;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.shared.InvalidRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of the history endpoints, read into a {@link HistoryQuery}: Kong's {@code size} (default 100,
 * 1 to 1000; code 9 otherwise) and opaque {@code offset} (the base64url JSON array {@code ["<commit>", "<event_id>"]}
 * of the last row's position; code 7 otherwise), and the filters {@code entity_name} (a Kong schema name such as
 * {@code services}; only on {@code /history}), {@code entity_id} (a UUID; only on {@code /history}), {@code tag},
 * {@code node_id} (a UUID), {@code since} (inclusive) and {@code until} (exclusive), both epoch seconds with an
 * optional fraction. A bad filter answers Kong's code 11 {@code invalid options}, e.g.
 * {@code {"code": 11, "name": "invalid options", "message": "invalid option (since: expected epoch seconds)",
 * "options": {"since": "expected epoch seconds"}}}. Only a parameter's first value counts.
 */
final class HistoryRequests {

    /** The filters, in the order a {@code next} link repeats them. */
    static final List<String> FILTERS = List.of("entity_name", "entity_id", "tag", "node_id", "since", "until");

    /** The filters an entity's own history takes (its path names the entity). */
    static final List<String> ENTITY_FILTERS = List.of("tag", "node_id", "since", "until");

    private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private HistoryRequests() {}

    /**
     * @param entityFilters whether {@code entity_name} and {@code entity_id} are read ({@code /history} only)
     * @throws InvalidRequest code 9 (size), 7 (offset) or 11 (a filter)
     */
    static HistoryQuery query(Map<String, Deque<String>> query, boolean entityFilters) {
        int size = Pagination.size(Pagination.first(query, "size"));
        HistoryPosition before = offset(Pagination.first(query, "offset"));
        EntityKind kind = entityFilters ? kind(Pagination.first(query, "entity_name")) : null;
        UUID entityId = entityFilters ? uuid("entity_id", Pagination.first(query, "entity_id")) : null;
        String tag = Pagination.first(query, "tag");
        if (tag != null && tag.isEmpty()) {
            throw invalid("tag", "cannot be null");
        }
        UUID nodeId = uuid("node_id", Pagination.first(query, "node_id"));
        Instant since = epochSeconds("since", Pagination.first(query, "since"));
        Instant until = epochSeconds("until", Pagination.first(query, "until"));
        return new HistoryQuery(size, before, new HistoryFilter(kind, entityId, tag, nodeId, since, until));
    }

    /** What a {@code next} link repeats after its offset: {@code &size=…} and the given filters as sent, escaped. */
    static String carried(Map<String, Deque<String>> query, List<String> filters) {
        StringBuilder out = new StringBuilder();
        String size = Pagination.first(query, "size");
        if (size != null) {
            out.append("&size=").append(TagFilters.escape(size.trim()));
        }
        for (String name : filters) {
            String value = Pagination.first(query, name);
            if (value != null) {
                out.append('&').append(name).append('=').append(TagFilters.escape(value));
            }
        }
        return out.toString();
    }

    /** The offset token of a page that ends at {@code last}. */
    static String token(HistoryPosition last) {
        return OffsetTokens.encode(List.of(Long.toString(last.commit()), Long.toString(last.eventId())));
    }

    private static @Nullable HistoryPosition offset(@Nullable String token) {
        if (token == null) {
            return null;
        }
        List<String> parts = OffsetTokens.decode(token, 2);
        return HistoryPosition.parse(parts.get(0) + ":" + parts.get(1))
                .orElseThrow(() -> InvalidRequest.invalidOffset(token, "bad json encoding"));
    }

    private static @Nullable EntityKind kind(@Nullable String name) {
        if (name == null) {
            return null;
        }
        return EntityKind.byKongName(name).orElseThrow(() -> invalid("entity_name", "no entity named '" + name + "'"));
    }

    private static @Nullable UUID uuid(String parameter, @Nullable String value) {
        if (value == null) {
            return null;
        }
        return strictUuid(value).orElseThrow(() -> invalid(parameter, "expected a valid UUID"));
    }

    /** A UUID in its canonical 36-character form (any case). */
    static Optional<UUID> strictUuid(String value) {
        if (value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static @Nullable Instant epochSeconds(String parameter, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.trim());
            BigInteger[] split = seconds.multiply(NANOS)
                    .setScale(0, RoundingMode.FLOOR)
                    .toBigIntegerExact()
                    .divideAndRemainder(NANOS_PER_SECOND);
            long nanos = split[1].longValueExact();
            long whole = split[0].longValueExact();
            if (nanos < 0) {
                nanos += 1_000_000_000L;
                whole -= 1;
            }
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            throw invalid(parameter, "expected epoch seconds");
        }
    }

    private static InvalidRequest invalid(String parameter, String why) {
        return InvalidRequest.invalidOptions(Map.of(parameter, why));
    }
}
