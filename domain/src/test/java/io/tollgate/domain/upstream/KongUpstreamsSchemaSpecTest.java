package io.tollgate.domain.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tollgate.domain.shared.SchemaViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The cases of Kong's {@code spec/01-unit/01-db/01-schema/09-upstreams_spec.lua}, against {@link Upstreams#SCHEMA}.
 * Kong 3.x's wording is the contract where the spec's older revision differs: the name messages quote the name, the
 * health counters are one byte ({@code 0..255}) and {@code hash_on} says {@code consumer}. As in Kong, the
 * {@code hash_*} cases leave out the required {@code name}: each entity check runs when its own fields are valid.
 */
class KongUpstreamsSchemaSpecTest {

    private static final String SECONDS = "value should be between 0 and 65535";
    private static final String POSITIVE = "value should be between 1 and 2147483648";
    private static final String ONE_BYTE = "value should be between 0 and 255";
    private static final String STATUS = "value should be between 100 and 999";
    private static final String INTEGER = "expected an integer";
    private static final String ARRAY = "expected an array";

    /** Kong's {@code process_auto_fields(…, "insert")} then {@code validate}: a fresh id, then the schema. */
    private static Map<String, Object> insert(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", UUID.randomUUID().toString());
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return Upstreams.SCHEMA.validate(m);
    }

    private static Map<String, Object> refusal(Object... pairs) {
        SchemaViolation e = catchThrowableOfType(SchemaViolation.class, () -> insert(pairs));
        assertThat(e).as("refused: %s", List.of(pairs)).isNotNull();
        return e.fields();
    }

    /** The error at a dotted path of the {@code fields} map, e.g. {@code healthchecks.active.timeout}. */
    private static Object at(Map<String, Object> fields, String path) {
        Object node = fields;
        for (String key : path.split("\\.")) {
            assertThat(node).as("%s in %s", path, fields).isInstanceOf(Map.class);
            node = ((Map<?, ?>) node).get(key);
        }
        assertThat(node).as("%s in %s", path, fields).isNotNull();
        return node;
    }

    /** Kong's walk down an error table to its first message: through nested records and array positions. */
    private static Object leaf(Object error) {
        Object node = error;
        while (true) {
            if (node instanceof Map<?, ?> map && map.size() == 1) {
                node = map.values().iterator().next();
            } else if (node instanceof List<?> list) {
                node = list.stream().filter(e -> e != null).findFirst().orElseThrow();
            } else {
                return node;
            }
        }
    }

    /** {@code {a: {b: value}}} from {@code "a.b", value}. */
    private static Map<String, Object> nested(String path, Object value) {
        String[] keys = path.split("\\.");
        Object node = value;
        for (int i = keys.length - 1; i >= 0; i--) {
            Map<String, Object> m = new HashMap<>();
            m.put(keys[i], node);
            node = m;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) node;
        return out;
    }

    /** The stored record without its unset ({@code null}) fields, as a Lua table shows it. */
    private static Object withoutNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    out.put(k, withoutNulls(v));
                }
            });
            return out;
        }
        return value;
    }

    /** 09-upstreams_spec: "validates a valid load upstream". */
    @Test
    void validates_a_valid_load_upstream() {
        Map<String, Object> input = new HashMap<>();
        input.put("id", "cbb297c0-a956-486d-ad1d-f9b42df9465a");
        input.put("name", "my_service");
        input.put("hash_on", "header");
        input.put("hash_on_header", "X-Balance");
        input.put("hash_fallback", "cookie");
        input.put("hash_on_cookie", "a_cookie");

        assertThat(Upstreams.SCHEMA.validate(input))
                .containsEntry("id", "cbb297c0-a956-486d-ad1d-f9b42df9465a")
                .containsEntry("hash_on", "header")
                .containsEntry("hash_fallback", "cookie")
                .containsEntry("hash_on_cookie", "a_cookie");
    }

    /** 09-upstreams_spec: "invalid name produces error". */
    @Test
    void invalid_name_produces_error() {
        for (String name : List.of("1234", "fafa fafa", "192.168.0.1", "myserver:8000")) {
            assertThat(refusal("name", name)).as(name).containsKey("name");
        }
    }

    /** 09-upstreams_spec: "invalid hash_on_cookie produces error". */
    @Test
    void invalid_hash_on_cookie_produces_error() {
        assertThat(refusal("hash_on_cookie", "a cookie")).containsKey("hash_on_cookie");
    }

    /** 09-upstreams_spec: "invalid healthckecks.active.timeout produces error". */
    @Test
    void invalid_healthckecks_active_timeout_produces_error() {
        var fields = refusal("healthchecks", nested("active.timeout", -1));
        assertThat(at(fields, "healthchecks.active.timeout")).isEqualTo(SECONDS);
    }

    /** 09-upstreams_spec: "invalid healthckecks.active.concurrency produces error". */
    @Test
    void invalid_healthckecks_active_concurrency_produces_error() {
        var fields = refusal("healthchecks", nested("active.concurrency", -1));
        assertThat(at(fields, "healthchecks.active.concurrency")).isEqualTo(POSITIVE);
    }

    /** 09-upstreams_spec: "invalid healthckecks.active.http_path produces error". */
    @Test
    void invalid_healthckecks_active_http_path_produces_error() {
        var fields = refusal("healthchecks", nested("active.http_path", "potato"));
        assertThat(at(fields, "healthchecks.active.http_path")).isEqualTo("should start with: /");
    }

    /** 09-upstreams_spec: "invalid healthckecks.active.healthy.interval produces error". */
    @Test
    void invalid_healthckecks_active_healthy_interval_produces_error() {
        var fields = refusal("healthchecks", nested("active.healthy.interval", -1));
        assertThat(at(fields, "healthchecks.active.healthy.interval")).isEqualTo(SECONDS);
    }

    /** 09-upstreams_spec: "invalid healthckecks.active.healthy.successes produces error". */
    @Test
    void invalid_healthckecks_active_healthy_successes_produces_error() {
        var fields = refusal("healthchecks", nested("active.healthy.successes", -1));
        assertThat(at(fields, "healthchecks.active.healthy.successes")).isEqualTo(ONE_BYTE);
    }

    /** 09-upstreams_spec: "invalid healthckecks.active.healthy.http_statuses produces error". */
    @Test
    void invalid_healthckecks_active_healthy_http_statuses_produces_error() {
        var fields = refusal("healthchecks", nested("active.healthy.http_statuses", "potato"));
        assertThat(at(fields, "healthchecks.active.healthy.http_statuses")).isEqualTo(ARRAY);
    }

    /** 09-upstreams_spec: "hash_on = 'header' makes hash_on_header required". */
    @Test
    void hash_on_header_makes_hash_on_header_required() {
        assertThat(refusal("hash_on", "header")).containsEntry("hash_on_header", "required field missing");
    }

    /** 09-upstreams_spec: "hash_fallback = 'header' makes hash_fallback_header required". */
    @Test
    void hash_fallback_header_makes_hash_fallback_header_required() {
        assertThat(refusal("hash_fallback", "header")).containsEntry("hash_fallback_header", "required field missing");
    }

    /** 09-upstreams_spec: "hash_on = 'cookie' makes hash_on_cookie required". */
    @Test
    void hash_on_cookie_makes_hash_on_cookie_required() {
        assertThat(refusal("hash_on", "cookie")).containsEntry("hash_on_cookie", "required field missing");
    }

    /** 09-upstreams_spec: "hash_on = 'cookie' makes hash_on_cookie required". */
    @Test
    void hash_on_cookie_makes_hash_on_cookie_required_when_it_is_the_fallback() {
        assertThat(refusal("hash_fallback", "cookie")).containsEntry("hash_on_cookie", "required field missing");
    }

    /** 09-upstreams_spec: "hash_on = 'none' requires that hash_fallback is also none". */
    @Test
    void hash_on_none_requires_that_hash_fallback_is_also_none() {
        assertThat(refusal("hash_on", "none", "hash_fallback", "header")).containsKey("hash_fallback");
    }

    /** 09-upstreams_spec: "hash_on = 'cookie' requires that hash_fallback is also none". */
    @Test
    void hash_on_cookie_requires_that_hash_fallback_is_also_none() {
        assertThat(refusal("hash_on", "cookie", "hash_fallback", "header")).containsKey("hash_fallback");
    }

    /** 09-upstreams_spec: "hash_on must be different from hash_fallback". */
    @Test
    void hash_on_must_be_different_from_hash_fallback() {
        assertThat(refusal("hash_on", "consumer", "hash_fallback", "consumer")).containsKey("hash_fallback");
        assertThat(refusal("hash_on", "ip", "hash_fallback", "ip")).containsKey("hash_fallback");
    }

    /** 09-upstreams_spec: "produces defaults". */
    @Test
    void produces_defaults() {
        var upstream = insert("name", "www.example.com");

        assertThat((String) upstream.get("id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(upstream)
                .containsEntry("name", "www.example.com")
                .containsEntry("hash_on", "none")
                .containsEntry("hash_fallback", "none")
                .containsEntry("hash_on_cookie_path", "/")
                .containsEntry("slots", 10000L);
        Map<String, Object> activeHealthy =
                Map.of("interval", 0.0, "http_statuses", List.of(200L, 302L), "successes", 0L);
        Map<String, Object> activeUnhealthy = Map.of(
                "interval", 0.0,
                "http_statuses", List.of(429L, 404L, 500L, 501L, 502L, 503L, 504L, 505L),
                "tcp_failures", 0L,
                "timeouts", 0L,
                "http_failures", 0L);
        Map<String, Object> active = Map.of(
                "type",
                "http",
                "timeout",
                1.0,
                "concurrency",
                10L,
                "http_path",
                "/",
                "https_verify_certificate",
                true,
                "healthy",
                activeHealthy,
                "unhealthy",
                activeUnhealthy);
        List<Long> passiveHealthyStatuses = List.of(
                200L, 201L, 202L, 203L, 204L, 205L, 206L, 207L, 208L, 226L, 300L, 301L, 302L, 303L, 304L, 305L, 306L,
                307L, 308L);
        Map<String, Object> passive = Map.of(
                "type", "http",
                "healthy", Map.of("http_statuses", passiveHealthyStatuses, "successes", 0L),
                "unhealthy",
                        Map.of(
                                "http_statuses", List.of(429L, 500L, 503L),
                                "tcp_failures", 0L,
                                "timeouts", 0L,
                                "http_failures", 0L));
        // Kong 3.x adds the threshold (0) to the record the spec's revision shows
        assertThat(withoutNulls(upstream.get("healthchecks")))
                .isEqualTo(Map.of("active", active, "passive", passive, "threshold", 0.0));
    }

    /** 09-upstreams_spec: "requires a valid name with no port". */
    @Test
    void requires_a_valid_name_with_no_port() {
        assertThat(refusal()).isEqualTo(Map.of("name", "required field missing"));
        assertThat(refusal("name", "123.123.123.123"))
                .isEqualTo(Map.of("name", "Invalid name ('123.123.123.123'); no ip addresses allowed"));
        assertThat(refusal("name", "\\\\bad\\\\////name////"))
                .isEqualTo(Map.of("name", "Invalid name ('\\\\bad\\\\////name////'); must be a valid hostname"));
        assertThat(refusal("name", "name:80")).isEqualTo(Map.of("name", "Invalid name ('name:80'); no port allowed"));
    }

    /** 09-upstreams_spec: "accepts valid names". */
    @Test
    void accepts_valid_names() {
        assertThat(insert("name", "valid.host.name")).containsEntry("name", "valid.host.name");
    }

    /** 09-upstreams_spec: "rejects invalid configurations". */
    @Test
    void rejects_invalid_configurations() {
        String invalidHost = "invalid value: ";
        List<Object[]> cases = new ArrayList<>(List.of(
                new Object[] {"active.timeout", -1, SECONDS},
                new Object[] {"active.timeout", 1e42, SECONDS},
                new Object[] {"active.concurrency", 0.5, INTEGER},
                new Object[] {"active.concurrency", 0, POSITIVE},
                new Object[] {"active.concurrency", -10, POSITIVE},
                new Object[] {"active.http_path", "", "length must be at least 1"},
                new Object[] {"active.http_path", "ovo", "should start with: /"},
                new Object[] {"active.https_sni", "127.0.0.1", "must not be an IP"},
                new Object[] {"active.https_sni", "127.0.0.1:8080", "must not be an IP"},
                new Object[] {"active.https_sni", "/example", invalidHost},
                new Object[] {"active.https_sni", ".example", invalidHost},
                new Object[] {"active.https_sni", "example.", invalidHost},
                new Object[] {"active.https_sni", "example:", invalidHost},
                new Object[] {"active.https_sni", "mock;bin", invalidHost},
                new Object[] {"active.https_sni", "example.com/org", invalidHost},
                new Object[] {"active.https_sni", "example-.org", invalidHost},
                new Object[] {"active.https_sni", "example.org-", invalidHost},
                new Object[] {"active.https_sni", "hello..example.com", invalidHost},
                new Object[] {"active.https_sni", "hello-.example.com", invalidHost},
                new Object[] {"active.https_sni", "example.com:1234", "must not have a port"},
                new Object[] {"active.https_verify_certificate", "ovo", "expected a boolean"},
                new Object[] {"active.healthy.http_statuses", List.of(111.314), INTEGER}));
        for (String record : List.of("active.healthy", "active.unhealthy")) {
            cases.add(new Object[] {record + ".interval", -1, SECONDS});
            cases.add(new Object[] {record + ".interval", 1e42, SECONDS});
        }
        for (String record : List.of("active.healthy", "active.unhealthy", "passive.healthy", "passive.unhealthy")) {
            cases.add(new Object[] {record + ".http_statuses", 404, ARRAY});
            cases.add(new Object[] {record + ".http_statuses", List.of("ovo"), INTEGER});
            for (int status : List.of(-1, 99, 1000)) {
                cases.add(new Object[] {record + ".http_statuses", List.of(status), STATUS});
            }
            List<String> counters = record.endsWith(".healthy")
                    ? List.of("successes")
                    : List.of("tcp_failures", "timeouts", "http_failures");
            for (String counter : counters) {
                cases.add(new Object[] {record + "." + counter, 0.5, INTEGER});
                cases.add(new Object[] {record + "." + counter, -1, ONE_BYTE});
            }
        }
        List<String> mismatches = new ArrayList<>();
        for (Object[] c : cases) {
            String path = (String) c[0];
            Map<String, Object> input = new HashMap<>();
            input.put("id", UUID.randomUUID().toString());
            input.put("name", "x");
            input.put("healthchecks", nested(path, c[1]));
            try {
                Upstreams.SCHEMA.validate(input);
                mismatches.add(path + " = " + c[1] + ": accepted");
            } catch (SchemaViolation e) {
                Object error = at(e.fields(), "healthchecks." + path);
                if (!String.valueOf(leaf(error)).contains((String) c[2])) {
                    mismatches.add(path + " = " + c[1] + ": " + error);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** 09-upstreams_spec: "accepts inputs with the correct values". */
    @Test
    void accepts_inputs_with_the_correct_values() {
        List<Object[]> cases = List.of(
                new Object[] {"active.timeout", 0.5},
                new Object[] {"active.timeout", 1},
                new Object[] {"active.concurrency", 2},
                new Object[] {"active.http_path", "/"},
                new Object[] {"active.http_path", "/test"},
                new Object[] {"active.https_sni", "example.com"},
                new Object[] {"active.https_verify_certificate", false},
                new Object[] {"active.healthy.interval", 0},
                new Object[] {"active.healthy.http_statuses", List.of(200, 300)},
                new Object[] {"active.healthy.successes", 2},
                new Object[] {"active.unhealthy.interval", 0},
                new Object[] {"active.unhealthy.http_statuses", List.of(404)},
                new Object[] {"active.unhealthy.tcp_failures", 3},
                new Object[] {"active.unhealthy.timeouts", 9},
                new Object[] {"active.unhealthy.http_failures", 2},
                new Object[] {"passive.healthy.http_statuses", List.of(200, 201)},
                new Object[] {"passive.healthy.successes", 2},
                new Object[] {"passive.unhealthy.http_statuses", List.of(400, 500)},
                new Object[] {"passive.unhealthy.tcp_failures", 8},
                new Object[] {"passive.unhealthy.timeouts", 1},
                new Object[] {"passive.unhealthy.http_failures", 2});
        for (Object[] c : cases) {
            String path = (String) c[0];
            assertThatCode(() -> insert("name", "x", "healthchecks", nested(path, c[1])))
                    .as("%s = %s", path, c[1])
                    .doesNotThrowAnyException();
        }
    }
}
