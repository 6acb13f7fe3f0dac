package io.tollgate.bootstrap.declarative;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kong 3.0's upgrade of a route path in a declarative file of {@code _format_version} {@code 1.1} or {@code 2.1}
 * (written for Kong 2.x, as {@code openapi-2-kong} still writes them): before 3.0 a path was a regular expression
 * whenever it held a character outside {@code [a-zA-Z0-9.-_~/%]}; since 3.0 a regular expression starts with
 * {@code ~}. Such a path gets the {@code ~}, and its percent-encoded triplets are decoded once (3.0 no longer decodes
 * regex paths): a reserved character's triplet is kept (upper-cased), a regex metacharacter's becomes the escaped
 * character, any other the character itself. Every other path is kept as written.
 */
final class LegacyRoutePaths {

    private static final Pattern PLAIN = Pattern.compile("[a-zA-Z0-9.\\-_~/%]*");
    private static final Pattern TRIPLET = Pattern.compile("%([0-9A-Fa-f]{2})");
    private static final String RESERVED = "!#$%&'()*+,/:;=?@[]";
    private static final String META = ".^-{}\\|";

    private LegacyRoutePaths() {}

    /** Whether a file of {@code formatVersion} needs its route paths upgraded: {@code 1.1} and {@code 2.1}. */
    static boolean applies(String formatVersion) {
        return formatVersion.equals("1.1") || formatVersion.equals("2.1");
    }

    /** {@code path} as Kong 3.0 reads it from a 1.1 / 2.1 file: {@code ~} and decoded when it was a regex. */
    static String upgraded(String path) {
        if (PLAIN.matcher(path).matches()) {
            return path;
        }
        Matcher triplet = TRIPLET.matcher(path);
        StringBuilder out = new StringBuilder("~");
        while (triplet.find()) {
            char c = (char) HexFormat.fromHexDigits(triplet.group(1));
            String replacement;
            if (RESERVED.indexOf(c) >= 0) {
                replacement = triplet.group().toUpperCase(java.util.Locale.ROOT);
            } else if (META.indexOf(c) >= 0) {
                replacement = "\\" + c;
            } else {
                replacement = String.valueOf(c);
            }
            triplet.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        triplet.appendTail(out);
        return out.toString();
    }
}
