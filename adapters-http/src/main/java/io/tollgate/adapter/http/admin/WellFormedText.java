package io.tollgate.adapter.http.admin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Whether parsed JSON holds only well-formed Unicode text. Jackson decodes a lone surrogate ({@code "\ud800"}, or
 * its bytes in CESU-8) into a Java string that no UTF-8 consumer can store: PostgreSQL would keep {@code ?}
 * instead, so the entity answered and the entity stored would differ. Kong's JSON decoder refuses such escapes.
 */
final class WellFormedText {

    private WellFormedText() {}

    /** @param json a parsed JSON value: Maps, Lists, Strings, Numbers, Booleans and nulls, nested at any depth */
    static boolean holds(@Nullable Object json) {
        Deque<Object> pending = new ArrayDeque<>();
        if (json != null) {
            pending.push(json);
        }
        while (!pending.isEmpty()) {
            Object value = pending.pop();
            if (value instanceof String text && !wellFormed(text)) {
                return false;
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    pending.push(String.valueOf(k));
                    if (v != null) {
                        pending.push(v);
                    }
                });
            } else if (value instanceof List<?> list) {
                list.forEach(v -> {
                    if (v != null) {
                        pending.push(v);
                    }
                });
            }
        }
        return true;
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
