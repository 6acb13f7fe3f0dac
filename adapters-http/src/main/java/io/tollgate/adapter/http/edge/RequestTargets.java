package io.tollgate.adapter.http.edge;

import org.jspecify.annotations.Nullable;

/** nginx's rule for the request target, shared by the proxy's and the Admin API's listeners. */
public final class RequestTargets {

    private RequestTargets() {}

    /**
     * Whether a request target holds a character nginx refuses in a request line (400): a control character, below
     * 0x20, or DEL. Its percent-escape ({@code %0D}) is not one.
     *
     * @param target a request URI or query string as sent (not decoded), or {@code null} for none
     */
    public static boolean hasControlCharacter(@Nullable String target) {
        if (target == null) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
