package io.tollgate.domain.regex;

import java.util.regex.PatternSyntaxException;

/**
 * Words a regex path's compile error as Kong does. Kong compiles route regexes with PCRE2 (through nginx) and
 * quotes its error: {@code PCRE returned: pcre2_compile() failed: <why> in "<regex>"}, followed by
 * {@code at "<rest>"} when the error lies before the end of the regex ({@code <rest>} is the regex from the error
 * on). Java's {@link PatternSyntaxException} descriptions of the common mistakes are mapped to PCRE2's wording
 * (missing closing parenthesis, unmatched closing parenthesis, missing terminating ] for character class,
 * quantifier does not follow a repeatable item, …); any other keeps Java's description.
 */
public final class PcreErrors {

    private PcreErrors() {}

    /**
     * @param source the regex as configured (without Kong's {@code ~})
     * @param error the failure of {@link RegexPath#compile} on it
     * @return {@code PCRE returned: pcre2_compile() failed: <why> in "<source>"[ at "<rest>"]}
     */
    public static String describe(String source, PatternSyntaxException error) {
        String java = error.getDescription();
        Integer at = null; // null: at the end of the regex (no "at" part)
        String why;
        if (java.equals("Unclosed group")) {
            why = "missing closing parenthesis";
        } else if (java.equals("Unclosed character class")) {
            why = "missing terminating ] for character class";
        } else if (java.startsWith("Unmatched closing ')'")) {
            why = "unmatched closing parenthesis";
            at = near(source, error, ')');
        } else if (java.startsWith("Dangling meta character")) {
            why = "quantifier does not follow a repeatable item";
            at = near(source, error, java.charAt(java.length() - 2));
        } else if (java.equals("Illegal repetition range")) {
            why = "numbers out of order in {} quantifier";
            at = index(source, error);
        } else if (java.equals("Illegal character range")) {
            why = "range out of order in character class";
            at = index(source, error);
        } else if (java.equals("Unknown inline modifier")) {
            why = "unrecognized character after (? or (?-";
            at = index(source, error);
        } else if (java.startsWith("Illegal/unsupported escape sequence")) {
            why = "unrecognized character follows \\";
            at = index(source, error);
        } else if (java.equals("Unescaped trailing backslash") || java.startsWith("Unexpected internal error")) {
            why = "\\ at end of pattern";
        } else if (java.startsWith("Named capturing group <") && java.endsWith("is already defined")) {
            why = "two named subpatterns have the same name (PCRE2_DUPNAMES not set)";
            at = index(source, error);
        } else if (java.startsWith("Unknown character property")) {
            why = "unknown property name after \\P or \\p";
            at = index(source, error);
        } else {
            why = java;
            at = index(source, error);
        }
        String text = "PCRE returned: pcre2_compile() failed: " + why + " in \"" + source + "\"";
        return at == null ? text : text + " at \"" + source.substring(at) + "\"";
    }

    /** Java's error index in {@code source}, when it is one and lies before the end; else null. */
    private static Integer index(String source, PatternSyntaxException error) {
        int i = error.getIndex();
        if (!source.equals(error.getPattern()) || i < 0 || i >= source.length()) {
            return null;
        }
        return i;
    }

    /** The index of {@code c} at or just after Java's index (Java may point one character early). */
    private static Integer near(String source, PatternSyntaxException error, char c) {
        Integer i = index(source, error);
        if (i == null || source.charAt(i) == c) {
            return i;
        }
        return i + 1 < source.length() && source.charAt(i + 1) == c ? i + 1 : i;
    }
}
