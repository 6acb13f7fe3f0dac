package io.tollgate.bootstrap.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.Kind;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Malformed and hostile Admin API request bodies for one entity schema: random JSON, wrong types for each field,
 * extreme numbers, 1 MB strings, 10,000-deep nesting (JSON and form keys), SQL and header injection, NUL bytes and
 * lone surrogates, invalid UTF-8, truncated JSON, non-object tops, duplicate keys, odd form keys, broken multipart
 * bodies and wrong content types. Each body is a {@link Body}; valid bodies come from {@link ValidBodies}.
 */
final class HostileBodies {

    /** One request body; {@code contentType} null sends none. */
    record Body(String kind, byte[] bytes, String contentType, boolean valid) {}

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PLACEHOLDER = "@@FUZZ@@";
    private static final String MEGABYTE = "m".repeat(1 << 20);
    private static final int DEPTH = 10_000;

    /** Raw JSON string contents (already escaped): SQL, header injection, NUL, lone surrogates, templates. */
    static final List<String> INJECTIONS = List.of(
            "'; DROP TABLE services;--",
            "' OR '1'='1",
            "robert'); DELETE FROM consumers; --",
            "\\\" OR 1=1 --",
            "\\r\\nX-Injected: 1",
            "a\\r\\n\\r\\nHTTP/1.1 200 OK",
            "\\nX-Injected: 1",
            "a\\u0000b",
            "\\u0000",
            "\\ud800",
            "x\\udc00",
            "\\udfff\\ud800",
            "\\ud83d\\ude00",
            "${jndi:ldap://127.0.0.1/a}",
            "{{7*7}}",
            "../../../etc/passwd",
            "<script>alert(1)</script>",
            "%00%0d%0aX-Injected:%201",
            "\\u202egnp.exe",
            "\\t\\b\\f",
            "\\\\",
            "\\u00ff\\u0100\\uffff\\ufffe",
            "$(id)",
            "`id`",
            "*",
            "%",
            "_",
            "\\u0085\\u2028");

    private static final List<byte[]> BAD_UTF8 = List.of(
            bytes(0xC3, 0x28),
            bytes(0xA0, 0xA1),
            bytes(0xE2, 0x28, 0xA1),
            bytes(0xF0, 0x28, 0x8C, 0xBC),
            bytes(0xFF),
            bytes(0xFE, 0xFF),
            bytes(0xC0, 0xAF),
            bytes(0xED, 0xA0, 0x80),
            bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xE2, 0x82),
            bytes(0x80),
            bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
            bytes(0x00),
            bytes(0x0D, 0x0A),
            bytes(0x61, 0x00, 0x62)); // the last three: raw NUL and CRLF, unescaped
    private static final List<String> NUMBERS = List.of(
            "1e400",
            "-1e400",
            "123456789012345678901234567890",
            "1.5",
            "-0",
            "1e-400",
            "-9223372036854775809",
            "9223372036854775808",
            "4.9e-324",
            "0x10",
            "NaN",
            "Infinity",
            "00012",
            "1".repeat(2000),
            "-",
            "1e",
            ".5",
            "+1");
    private static final List<String> NON_OBJECTS = List.of(
            "[]",
            "[{}]",
            "1",
            "\"str\"",
            "null",
            "true",
            " ",
            "\n",
            "{}{}",
            "{} x",
            "{\"a\":1}}",
            "{",
            "}",
            "\uFEFF{}",
            "\u0000{}",
            "[1,2",
            "{\"a\"}",
            "{a:1}",
            "{'a':1}",
            "{\"a\":1,}",
            "/* c */ {}",
            "{\"a\":01}",
            "\"\\u",
            "{\"a\":\"\\x41\"}");
    private static final List<String> ODD_KEYS = List.of(
            "a[",
            "a]]",
            "..",
            "%zz",
            "[]",
            "[",
            "]",
            "=",
            "a[]]",
            "a[[",
            ".a",
            "a.",
            "a..b",
            "paths[",
            "paths]]",
            "paths[-1]",
            "paths[99999999999999999999]",
            "paths[0]",
            "paths[1][2]",
            "paths[][x]",
            "service.id.x",
            "service[",
            "service[id",
            "config.",
            "config[].a",
            "tags[][]",
            "tags[x]",
            "name[]",
            "name.a",
            "%",
            "%2",
            "a%zzb",
            "tags[1]",
            "tags[1]x",
            "a[b]c[d",
            "]a[",
            "id",
            "id[]",
            "host[0][0]",
            "headers.a[]",
            "headers[]",
            "port[]",
            "%00",
            "a%00b",
            "%E2%82",
            "%C3%28",
            "+",
            "a+b",
            "config.key_names[][]",
            "service.id[]");
    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "application/json-patch+json",
            "application/json; charset=utf-16",
            "APPLICATION/JSON",
            "application/jsonx",
            "*/*",
            FORM,
            "multipart/form-data",
            "application/json;;;",
            "text/html; charset=\"",
            ";",
            "application/json; boundary=x",
            "multipart/form-data; boundary=",
            "multipart/mixed; boundary=x",
            "application/octet-stream",
            " ",
            "x/y/z");

    private final ValidBodies valid;
    private final Map<String, List<Map<String, Object>>> bases = new ConcurrentHashMap<>();

    HostileBodies(ValidBodies valid) {
        this.valid = valid;
    }

    /** A hostile body for {@code schema}, one of the kinds above chosen by {@code random}. */
    Body next(EntitySchema schema, Random random) {
        int roll = random.nextInt(100);
        if (roll < 12) {
            return json("random-json", randomObject(schema, random, 0));
        } else if (roll < 30) {
            return wrongType(schema, random);
        } else if (roll < 35) {
            return rawField("extreme-number", schema, random, NUMBERS.get(random.nextInt(NUMBERS.size())));
        } else if (roll < 36) {
            return hugeString(schema, random);
        } else if (roll < 39) {
            return deepJson(schema, random);
        } else if (roll < 40) {
            return deepForm(schema, random);
        } else if (roll < 52) {
            return rawField("injection", schema, random, '"' + INJECTIONS.get(random.nextInt(INJECTIONS.size())) + '"');
        } else if (roll < 60) {
            return invalidUtf8(schema, random);
        } else if (roll < 66) {
            byte[] whole = text(base(schema, random)).getBytes(StandardCharsets.UTF_8);
            return new Body("truncated-json", Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1)), JSON, false);
        } else if (roll < 71) {
            return new Body(
                    "non-object",
                    NON_OBJECTS.get(random.nextInt(NON_OBJECTS.size())).getBytes(StandardCharsets.UTF_8),
                    JSON,
                    false);
        } else if (roll < 80) {
            return oddForm(schema, random);
        } else if (roll < 85) {
            return multipart(schema, random);
        } else if (roll < 91) {
            String type = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
            return new Body(
                    "wrong-content-type",
                    text(base(schema, random)).getBytes(StandardCharsets.UTF_8),
                    random.nextInt(8) == 0 ? null : type,
                    false);
        } else if (roll < 94) {
            String field = fieldName(schema, random);
            return new Body(
                    "duplicate-keys",
                    ("{\"" + field + "\":\"a\",\"" + field + "\":1,\"" + field + "\":null}")
                            .getBytes(StandardCharsets.UTF_8),
                    JSON,
                    false);
        } else if (roll < 99) {
            Map<String, Object> nulls = new LinkedHashMap<>();
            schema.fields().forEach(f -> nulls.put(f.name(), null));
            return json("all-null", nulls);
        } else {
            return manyKeys(schema, random);
        }
    }

    /** A valid body built from the schema; as JSON, or one time in five as a urlencoded form. */
    static Body validBody(Map<String, Object> body, Random random) {
        if (random.nextInt(5) == 0) {
            StringBuilder form = new StringBuilder();
            formPairs("", body, form);
            return new Body("valid-form", form.toString().getBytes(StandardCharsets.UTF_8), FORM, true);
        }
        return new Body("valid-json", text(body).getBytes(StandardCharsets.UTF_8), JSON, true);
    }

    /** A copy of one of a few valid bodies of {@code schema}, built once (after the seeding made their parents). */
    private Map<String, Object> base(EntitySchema schema, Random random) {
        List<Map<String, Object>> some = bases.computeIfAbsent(schema.name(), name -> {
            Random seeded = new Random(name.hashCode());
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                out.add(valid.create(schema, null, seeded).orElseGet(LinkedHashMap::new));
            }
            return out;
        });
        return new LinkedHashMap<>(some.get(random.nextInt(some.size())));
    }

    private Body wrongType(EntitySchema schema, Random random) {
        Map<String, Object> body = base(schema, random);
        FieldSpec field = schema.fields().get(random.nextInt(schema.fields().size()));
        List<Object> wrong = new ArrayList<>(List.of(
                "text",
                "",
                1L,
                -1L,
                1.5,
                true,
                List.of(),
                List.of("a", 1),
                Map.of(),
                Map.of("id", "not-a-uuid"),
                Map.of("a", List.of(Map.of())),
                9.3e18));
        wrong.removeIf(v -> fits(field.kind(), v));
        body.put(field.name(), wrong.get(random.nextInt(wrong.size())));
        return json("wrong-type:" + field.name(), body);
    }

    private static boolean fits(Kind kind, Object value) {
        return switch (kind) {
            case STRING -> value instanceof String s && !s.isEmpty();
            case INTEGER -> value instanceof Long;
            case NUMBER -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case ARRAY, SET -> value instanceof List<?> l && l.isEmpty();
            case MAP, RECORD -> value instanceof Map<?, ?> m && m.isEmpty();
            case FOREIGN -> false;
        };
    }

    /** A valid base body whose field (chosen at random) holds {@code rawJson}, written verbatim. */
    private Body rawField(String kind, EntitySchema schema, Random random, String rawJson) {
        Map<String, Object> body = base(schema, random);
        FieldSpec field = schema.fields().get(random.nextInt(schema.fields().size()));
        Object slot = switch (field.kind()) {
            case ARRAY, SET -> List.of(PLACEHOLDER);
            case MAP ->
                Map.of(
                        "k",
                        field.elements() != null && field.elements().kind() == Kind.ARRAY
                                ? List.of(PLACEHOLDER)
                                : PLACEHOLDER);
            case FOREIGN -> Map.of("id", PLACEHOLDER);
            default -> PLACEHOLDER;
        };
        body.put(field.name(), slot);
        String text = text(body).replace('"' + PLACEHOLDER + '"', rawJson);
        return new Body(kind + ":" + field.name(), text.getBytes(StandardCharsets.UTF_8), JSON, false);
    }

    private Body hugeString(EntitySchema schema, Random random) {
        Map<String, Object> body = base(schema, random);
        FieldSpec field = schema.fields().get(random.nextInt(schema.fields().size()));
        String huge = ValidBodies.token(random) + PLACEHOLDER; // the megabyte goes in after encoding, as is
        body.put(field.name(), field.kind() == Kind.ARRAY || field.kind() == Kind.SET ? List.of(huge) : huge);
        if (random.nextBoolean()) {
            StringBuilder form = new StringBuilder();
            formPairs("", body, form);
            return new Body(
                    "huge-string-form:" + field.name(),
                    form.toString().replace(encode(PLACEHOLDER), MEGABYTE).getBytes(StandardCharsets.UTF_8),
                    FORM,
                    false);
        }
        return new Body(
                "huge-string:" + field.name(),
                text(body).replace(PLACEHOLDER, MEGABYTE).getBytes(StandardCharsets.UTF_8),
                JSON,
                false);
    }

    private Body deepJson(EntitySchema schema, Random random) {
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String deep = open.repeat(DEPTH) + "1" + (random.nextInt(4) == 0 ? "" : close.repeat(DEPTH));
        String text = random.nextBoolean() ? deep : "{\"" + fieldName(schema, random) + "\":" + deep + "}";
        return new Body("deep-json", text.getBytes(StandardCharsets.UTF_8), JSON, false);
    }

    private Body deepForm(EntitySchema schema, Random random) {
        String step = List.of("[a]", ".a", "[]", "[0]").get(random.nextInt(4));
        String key = fieldName(schema, random) + step.repeat(DEPTH);
        return new Body("deep-form", (key + "=1").getBytes(StandardCharsets.UTF_8), FORM, false);
    }

    private Body invalidUtf8(EntitySchema schema, Random random) {
        byte[] bad = BAD_UTF8.get(random.nextInt(BAD_UTF8.size()));
        String template;
        String contentType = JSON;
        if (random.nextInt(3) == 0) {
            contentType = FORM;
            StringBuilder form = new StringBuilder();
            formPairs("", base(schema, random), form);
            template = form + "&" + fieldName(schema, random) + "=" + PLACEHOLDER;
        } else {
            Map<String, Object> body = base(schema, random);
            body.put(random.nextInt(4) == 0 ? PLACEHOLDER : fieldName(schema, random), "x" + PLACEHOLDER);
            template = text(body);
        }
        byte[] encoded = template.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] marker = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < encoded.length; i++) {
            if (i + marker.length <= encoded.length
                    && Arrays.equals(encoded, i, i + marker.length, marker, 0, marker.length)) {
                out.writeBytes(bad);
                i += marker.length - 1;
            } else {
                out.write(encoded[i]);
            }
        }
        return new Body("invalid-utf8", out.toByteArray(), contentType, false);
    }

    private Body oddForm(EntitySchema schema, Random random) {
        StringBuilder form = new StringBuilder();
        int pairs = 1 + random.nextInt(6);
        for (int i = 0; i < pairs; i++) {
            String key = random.nextBoolean()
                    ? ODD_KEYS.get(random.nextInt(ODD_KEYS.size()))
                    : fieldName(schema, random) + ODD_KEYS.get(random.nextInt(ODD_KEYS.size()));
            String value = switch (random.nextInt(5)) {
                case 0 -> "";
                case 1 -> "%zz";
                case 2 -> encode(INJECTIONS.get(random.nextInt(INJECTIONS.size())));
                case 3 -> "%0d%0aX-Injected:%201%00";
                default -> "v" + random.nextInt(100);
            };
            form.append(i == 0 ? "" : random.nextInt(6) == 0 ? "&&" : "&").append(key);
            if (random.nextInt(6) != 0) {
                form.append('=').append(value);
            }
        }
        return new Body("odd-form", form.toString().getBytes(StandardCharsets.UTF_8), FORM, false);
    }

    private Body multipart(EntitySchema schema, Random random) {
        String boundary = "fz" + random.nextInt(1_000_000);
        String name = random.nextBoolean() ? fieldName(schema, random) : ODD_KEYS.get(random.nextInt(ODD_KEYS.size()));
        String part = switch (random.nextInt(6)) {
            case 0 -> "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\nv\r\n";
            case 1 ->
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                        + "\"; filename=\"a.pem\"\r\nContent-Type: application/octet-stream\r\n\r\n\u00ff\u0000\r\n";
            case 2 -> "--" + boundary + "\r\n\r\nno disposition\r\n";
            case 3 -> "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\\\"b\r\n\r\nv\r\n";
            case 4 -> "--other\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\nv\r\n";
            default ->
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n" + "X-Long: "
                        + "h".repeat(20_000) + "\r\n\r\nv\r\n";
        };
        String body = part + (random.nextInt(3) == 0 ? "" : "--" + boundary + "--\r\n");
        String type = random.nextInt(5) == 0 ? "multipart/form-data" : "multipart/form-data; boundary=" + boundary;
        return new Body("multipart", body.getBytes(StandardCharsets.ISO_8859_1), type, false);
    }

    private Body manyKeys(EntitySchema schema, Random random) {
        Map<String, Object> body = base(schema, random);
        if (random.nextBoolean()) {
            for (int i = 0; i < 2_000; i++) {
                body.put("k" + i, i);
            }
            return json("many-keys", body);
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            tags.add("t" + i);
        }
        body.put("tags", tags);
        return json("many-tags", body);
    }

    private Map<String, Object> randomObject(EntitySchema schema, Random random, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        int size = random.nextInt(6);
        for (int i = 0; i < size; i++) {
            out.put(
                    random.nextBoolean() ? fieldName(schema, random) : "k" + random.nextInt(50),
                    randomValue(schema, random, depth + 1));
        }
        return out;
    }

    private Object randomValue(EntitySchema schema, Random random, int depth) {
        int roll = random.nextInt(depth > 3 ? 6 : 8);
        return switch (roll) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * 1e6;
            case 4 -> ValidBodies.token(random);
            case 5 -> randomText(random);
            case 6 -> {
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    list.add(randomValue(schema, random, depth + 1));
                }
                yield list;
            }
            default -> randomObject(schema, random, depth);
        };
    }

    /** Random code points, from control characters to astral planes (lone surrogates left out: not encodable). */
    private static String randomText(Random random) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(20);
        for (int i = 0; i < n; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0x780);
                case 2 -> 0xE000 + random.nextInt(0x2000);
                default -> 0x10000 + random.nextInt(0x10000);
            };
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    private static String fieldName(EntitySchema schema, Random random) {
        return schema.fields().get(random.nextInt(schema.fields().size())).name();
    }

    private static Body json(String kind, Object body) {
        return new Body(kind, text(body).getBytes(StandardCharsets.UTF_8), JSON, false);
    }

    static String text(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kong's form syntax: {@code a.b=…} for records, {@code a[]=…} per array element. */
    private static void formPairs(String prefix, Map<?, ?> map, StringBuilder out) {
        map.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Map<?, ?> nested) {
                formPairs(key + ".", nested, out);
            } else if (v instanceof List<?> list) {
                list.forEach(item -> pair(key + "[]", item, out));
            } else {
                pair(key, v, out);
            }
        });
    }

    private static void pair(String key, Object value, StringBuilder out) {
        out.append(out.isEmpty() ? "" : "&")
                .append(encode(key))
                .append('=')
                .append(value == null ? "" : encode(String.valueOf(value)));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
