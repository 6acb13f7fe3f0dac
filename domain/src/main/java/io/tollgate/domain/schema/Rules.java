package io.tollgate.domain.schema;

import io.tollgate.domain.net.HostAddress;
import io.tollgate.domain.net.UriPaths;
import io.tollgate.domain.regex.PcreErrors;
import io.tollgate.domain.regex.RegexPath;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Kong's field validators, with Kong's messages. */
public final class Rules {

    private static final Pattern NAME = Pattern.compile("[\\p{Alnum}._~\\-\\P{ASCII}]+");
    // Kong's check_hostname: letters, digits, '-' and '_'; a label may start with '-' (punycode) but not end with one
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[a-zA-Z0-9_\\-]{0,62}[a-zA-Z0-9_](\\.[a-zA-Z0-9_\\-]{0,62}[a-zA-Z0-9_])*\\.?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    // Kong's validate_path: unreserved characters, '/', '%', ':', '@' and the sub-delims (no '?', '#', '[' or ']')
    private static final Pattern PATH_CHARS = Pattern.compile("[A-Za-z0-9\\-._~/%:@!$&'()*+,;=]*");
    private static final Pattern UPPERCASE = Pattern.compile("\\p{Upper}+");

    private Rules() {}

    private static Optional<String> unless(boolean ok, String message) {
        return ok ? Optional.empty() : Optional.of(message);
    }

    /** {@code expected one of: a, b}. */
    public static Rule oneOf(Object... allowed) {
        List<Object> values = List.copyOf(Arrays.asList(allowed));
        String list = String.join(", ", values.stream().map(String::valueOf).toList());
        return declared("one_of", values, v -> unless(values.contains(v), "expected one of: " + list));
    }

    /** {@code value should be between min and max}, for integers and numbers. */
    public static Rule between(long min, long max) {
        return declared("between", List.of(min, max), v -> {
            double d = ((Number) v).doubleValue();
            return unless(d >= min && d <= max, "value should be between " + min + " and " + max);
        });
    }

    /**
     * Kong's {@code mutually_exclusive_subsets} validator of a set of strings: the elements belong to at most one of
     * {@code subsets}, else {@code these sets are mutually exclusive: ('http', 'https'), ('tcp', 'tls', 'udp')}
     * naming the subsets used, in the order their first element appears in the value. Elements in no subset are
     * ignored.
     */
    public static Rule mutuallyExclusiveSubsets(List<List<String>> subsets) {
        List<List<String>> groups = subsets.stream().map(List::copyOf).toList();
        return declared("mutually_exclusive_subsets", groups, v -> {
            List<List<String>> used = new java.util.ArrayList<>();
            for (Object element : (List<?>) v) {
                groups.stream()
                        .filter(g -> g.contains(element))
                        .findFirst()
                        .filter(g -> !used.contains(g))
                        .ifPresent(used::add);
            }
            String list = String.join(
                    ", ",
                    used.stream()
                            .map(g -> "("
                                    + String.join(
                                            ", ",
                                            g.stream().map(e -> "'" + e + "'").toList()) + ")")
                            .toList());
            return unless(used.size() <= 1, "these sets are mutually exclusive: " + list);
        });
    }

    /**
     * Kong's {@code eq = null} (its {@code typedefs.no_route}, {@code no_service}, {@code no_consumer} on plugins): any
     * value is {@code value must be null}, whatever its type (the field's type is not checked first); shown in
     * {@code /schemas} as {@code "eq": null}.
     */
    public static Rule isNull() {
        return NullOnly.INSTANCE;
    }

    /**
     * Kong's {@code len_min = 0} on a string field (its strings default to {@code len_min = 1}): the empty string is a
     * value; shown in {@code /schemas} as {@code "len_min": 0}.
     */
    public static Rule emptyAllowed() {
        return EmptyAllowed.INSTANCE;
    }

    /** See {@link #emptyAllowed()}. */
    enum EmptyAllowed implements Rule {
        INSTANCE;

        @Override
        public Optional<String> check(Object value) {
            return Optional.empty();
        }

        @Override
        public Map<String, Object> validators() {
            return Map.of("len_min", 0);
        }
    }

    /** See {@link #isNull()}. */
    enum NullOnly implements Rule {
        INSTANCE;

        @Override
        public Optional<String> check(Object value) {
            return Optional.of("value must be null");
        }

        @Override
        public Map<String, Object> validators() {
            Map<String, Object> eq = new java.util.HashMap<>();
            eq.put("eq", null);
            return eq;
        }
    }

    /** {@code check} that shows in {@code /schemas} as Kong's declarative validator {@code name: argument}. */
    private static Rule declared(String name, Object argument, Rule check) {
        return new Rule() {
            @Override
            public Optional<String> check(Object value) {
                return check.check(value);
            }

            @Override
            public Map<String, Object> validators() {
                return Map.of(name, argument);
            }
        };
    }

    /** Kong's {@code utf8_name}: ASCII alphanumerics, {@code . - _ ~}, or any UTF-8. */
    public static Rule utf8Name() {
        return v -> unless(
                NAME.matcher((String) v).matches(),
                "invalid value '" + v + "': the only accepted ascii characters are alphanumerics or ., -, _, and ~");
    }

    public static Rule uuid() {
        return v -> unless(Values.isUuid((String) v), "expected a valid UUID");
    }

    /** Kong's {@code tag}: printable ASCII (space included) except {@code ,} and {@code /}, or UTF-8. */
    public static Rule tag() {
        return v -> {
            String s = (String) v;
            boolean ok = s.chars().allMatch(c -> c > 127 || (c >= 0x20 && c <= 0x7e && c != ',' && c != '/'));
            return unless(
                    ok,
                    "invalid tag '" + s + "': expected printable ascii (except `,` and `/`) or valid utf-8 sequences");
        };
    }

    /**
     * Kong's {@code ip_or_cidr} typedef: an IPv4 or IPv6 literal, optionally with a {@code /mask} (0–32 for IPv4,
     * 0–128 for IPv6); Kong's message {@code invalid ip or cidr range: '<value>'} otherwise.
     */
    public static Rule ipOrCidr() {
        return v -> {
            String s = (String) v;
            int slash = s.indexOf('/');
            String ip = slash < 0 ? s : s.substring(0, slash);
            Optional<HostAddress> address =
                    HostAddress.parse(ip).filter(a -> a.port() == null && a.type() != HostAddress.Type.NAME);
            boolean ok = address.isPresent()
                    && (address.get().type() != HostAddress.Type.IPV4
                            || IPV4.matcher(ip).matches());
            if (ok && slash >= 0) {
                String mask = s.substring(slash + 1);
                int max = address.get().type() == HostAddress.Type.IPV4 ? 32 : 128;
                ok = mask.matches("[0-9]{1,3}") && Integer.parseInt(mask) <= max;
            }
            return unless(ok, "invalid ip or cidr range: '" + s + "'");
        };
    }

    /** Kong's {@code host} typedef for services: a hostname or IP address without a port. */
    public static Rule host() {
        return v -> {
            String s = (String) v;
            if (s.startsWith("[") || s.contains("::")) {
                return Optional.empty();
            }
            if (s.matches(".*:\\d+$")) {
                return Optional.of("must not have a port");
            }
            return unless(isHostOrIp(s), "invalid value: " + s);
        };
    }

    /**
     * Kong's {@code sni} typedef (e.g. an upstream's {@code healthchecks.active.https_sni}): a host name as
     * {@link HostAddress} reads it, else {@code invalid value: <value>}; an IP address is {@code must not be an IP},
     * a port (even one out of range) {@code must not have a port}.
     */
    public static Rule sni() {
        return v -> sniProblem((String) v);
    }

    /**
     * What Kong's {@code sni} check says of {@code s} (see {@link #sni()}), or empty when it is a valid SNI name; also
     * the check of a wildcard SNI name's rest ({@link #wildcardSniProblem}).
     */
    private static Optional<String> sniProblem(String s) {
        Optional<HostAddress> address = HostAddress.parse(s);
        if (address.isEmpty()) {
            int colon = s.lastIndexOf(':');
            boolean badPort = colon > 0
                    && s.substring(colon + 1).matches("[0-9]+")
                    && HostAddress.parse(s.substring(0, colon)).isPresent();
            return Optional.of(badPort ? "must not have a port" : "invalid value: " + s);
        }
        if (address.get().type() != HostAddress.Type.NAME) {
            return Optional.of("must not be an IP");
        }
        return unless(address.get().port() == null, "must not have a port");
    }

    /**
     * Kong's {@code wildcard_host} typedef (SNI names of certificates, snis entities and routes): at most one {@code *},
     * as first or last character; the rest, with the {@code *} read as {@code wildcard}, is checked as {@link #sni()}.
     */
    public static Rule wildcardSni() {
        return v -> wildcardSniProblem((String) v);
    }

    /** What Kong's {@code wildcard_host} check says of {@code name} (see {@link #wildcardSni()}), or empty. */
    public static Optional<String> wildcardSniProblem(String name) {
        int star = name.indexOf('*');
        if (star >= 0) {
            if (star != 0 && star != name.length() - 1) {
                return Optional.of("wildcard must be leftmost or rightmost character");
            }
            if (name.indexOf('*', star + 1) >= 0) {
                return Optional.of("only one wildcard must be specified");
            }
        }
        return sniProblem(name.replace("*", "wildcard"));
    }

    static boolean isHostOrIp(String s) {
        var ip = IPV4.matcher(s);
        if (ip.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(ip.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return HOSTNAME.matcher(s).matches();
    }

    /** Kong's {@code path} typedef: starts with {@code /}, no empty segment, RFC 3986 characters, valid %-escapes. */
    public static Rule path() {
        return v -> {
            String s = (String) v;
            if (!s.startsWith("/")) {
                return Optional.of("should start with: /");
            }
            if (s.contains("//")) {
                return Optional.of("must not have empty segments");
            }
            if (!PATH_CHARS.matcher(s).matches()) {
                return Optional.of(
                        "invalid path: '" + s + "' (characters outside of the reserved list of RFC 3986 found)");
            }
            return percentEscapes(s);
        };
    }

    /**
     * Kong's {@code router_path}: starts with {@code /} (fixed path) or {@code ~/} (regex path), has no empty segment
     * ({@code //}, regexes included); a regex must compile ({@code invalid regex: '<regex>' (PCRE returned: …)}, worded by {@link PcreErrors}); a fixed path
     * must have valid percent-escapes ({@code invalid url-encoded value: '%zz'}) and be in normalized form
     * ({@link UriPaths}: {@code non-normalized path, consider use '/b' instead} for {@code /a/../b}). As in Kong, a
     * fixed path may hold characters outside RFC 3986's lists (they are matched as written).
     */
    public static Rule routePath() {
        return v -> {
            String s = (String) v;
            if (!s.startsWith("/") && !s.startsWith("~/")) {
                return Optional.of("should start with: / (fixed path) or ~/ (regex path)");
            }
            if (s.contains("//")) {
                return Optional.of("must not have empty segments");
            }
            if (s.startsWith("~")) {
                try {
                    RegexPath.compile(s.substring(1));
                    return Optional.empty();
                } catch (PatternSyntaxException e) {
                    return Optional.of(
                            "invalid regex: '" + s.substring(1) + "' (" + PcreErrors.describe(s.substring(1), e) + ")");
                }
            }
            Optional<String> escapes = percentEscapes(s);
            if (escapes.isPresent()) {
                return escapes;
            }
            String normalized = UriPaths.normalize(s);
            return unless(normalized.equals(s), "non-normalized path, consider use '" + normalized + "' instead");
        };
    }

    /** Kong's check that every {@code %} starts a valid escape: {@code invalid url-encoded value: '%zz'}. */
    private static Optional<String> percentEscapes(String s) {
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                return Optional.of("invalid url-encoded value: '" + s.substring(i, Math.min(s.length(), i + 3)) + "'");
            }
        }
        return Optional.empty();
    }

    /**
     * Route hosts: a hostname (optionally {@code :port}, at most 65535) with at most one {@code *} as leftmost or
     * rightmost label; as in Kong, the wildcard count is checked before its placement, and the placement on the whole
     * value, so a rightmost wildcard takes no port ({@code example.*:80} is refused, {@code *.example.com:80} is not).
     */
    public static Rule wildcardHost() {
        return v -> {
            String s = (String) v;
            long stars = s.chars().filter(c -> c == '*').count();
            if (stars > 1) {
                return Optional.of("invalid wildcard: must have at most one wildcard");
            }
            int colon = s.lastIndexOf(':');
            boolean hasPort = colon >= 0 && s.substring(colon + 1).matches("\\d+");
            String host = hasPort ? s.substring(0, colon) : s;
            if (stars == 1 && !s.startsWith("*.") && !s.endsWith(".*")) {
                return Optional.of("invalid wildcard: must be placed at leftmost or rightmost label");
            }
            String digits = hasPort ? s.substring(colon + 1).replaceFirst("^0+(?=\\d)", "") : "";
            if (digits.length() > 5 || (hasPort && Integer.parseInt(digits) > 65535)) {
                return Optional.of("invalid port number");
            }
            String plain = host.replace("*", "x");
            return unless(isHostOrIp(plain), "invalid hostname: " + s);
        };
    }

    /** HTTP methods: upper-case letters only. */
    public static Rule uppercase() {
        return v -> unless(UPPERCASE.matcher((String) v).matches(), "invalid value: " + v);
    }

    /** Kong's {@code header_name}: a token of letters, digits and {@code -_}. */
    public static Rule headerName() {
        return v -> unless(
                ((String) v).matches("[A-Za-z0-9_\\-]+"),
                "bad header name '" + v + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'");
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
