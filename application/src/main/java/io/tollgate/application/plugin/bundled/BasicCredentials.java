package io.tollgate.application.plugin.bundled;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code username:password} of an {@code Authorization: Basic <base64>} header, read as Kong's basic-auth reads
 * it: the first {@code basic} (any case of the {@code b}) followed by the rest of the value, base64-decoded; in the
 * decoded text the first run of characters up to a colon is the username (at least one character) and everything
 * after that colon the password (which may contain colons, and may be empty).
 *
 * @param username never empty
 * @param password possibly empty
 */
record BasicCredentials(String username, String password) {

    private static final Pattern SCHEME = Pattern.compile("\\s*[Bb]asic\\s*(.+)");
    private static final Pattern PARTS = Pattern.compile("([^:]+):(.*)");

    /** The credentials in a header value, or empty when it is not Basic, not base64 or has no {@code user:}. */
    static Optional<BasicCredentials> parse(String header) {
        Matcher scheme = SCHEME.matcher(header);
        if (!scheme.find()) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(scheme.group(1)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        Matcher parts = PARTS.matcher(decoded);
        if (!parts.find()) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(parts.group(1), parts.group(2)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + username + ", ***]";
    }
}
