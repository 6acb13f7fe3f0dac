package io.tollgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapter.http.AccessLogFormat;
import io.tollgate.adapter.http.admin.AdminAuthMode;
import io.tollgate.domain.catalog.EntityKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Value kinds and validation rules, fed through the environment. */
class ConfigValuesTest {
    private static TollgateConfig load(String property, String value) {
        return new ConfigLoader(Map.of(Property.byKey(property).orElseThrow().envName(), value), List.of(), w -> {})
                .load(null);
    }

    @ParameterizedTest
    @CsvSource({"5, 5000", "0.5, 500", "1.25, 1250", "0.001, 1", "3600, 3600000"})
    void secondsAcceptFractions(String value, long millis) {
        assertThat(load("db_update_frequency", value).dbUpdateFrequency()).isEqualTo(Duration.ofMillis(millis));
        assertThat(load("db_cache_ttl", value).dbCacheTtl()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void theEventLogIsKeptThirtyDaysByDefaultAndZeroKeepsEverything() {
        assertThat(TollgateConfig.defaults().eventLogRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(TollgateConfig.defaults().sanitised()).containsEntry("event_log_retention", 2_592_000L);
        assertThat(load("event_log_retention", "0").eventLogRetention()).isZero();
        assertThat(load("event_log_retention", "0.25").eventLogRetention()).isEqualTo(Duration.ofMillis(250));
        assertThat(load("event_log_retention", "86400").sanitised()).containsEntry("event_log_retention", 86_400L);
    }

    @Test
    void adminAuthIsOffByDefaultOrBasicOrToken() {
        assertThat(TollgateConfig.defaults().adminAuth()).isEqualTo(AdminAuthMode.OFF);
        assertThat(TollgateConfig.defaults().sanitised()).containsEntry("admin_auth", "off");
        assertThat(load("admin_auth", "basic").adminAuth()).isEqualTo(AdminAuthMode.BASIC);
        assertThat(load("admin_auth", "TOKEN").sanitised()).containsEntry("admin_auth", "token");
    }

    @Test
    void accessLogsAreCombinedByDefaultOrJsonLines() {
        assertThat(TollgateConfig.defaults().accessLogFormat()).isEqualTo(AccessLogFormat.COMBINED);
        assertThat(TollgateConfig.defaults().sanitised()).containsEntry("access_log_format", "combined");
        assertThat(load("access_log_format", "JSON").accessLogFormat()).isEqualTo(AccessLogFormat.JSON);
        assertThatThrownBy(() -> load("access_log_format", "common"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("access_log_format")
                .hasMessageContaining("combined, json");
    }

    @Test
    void theSyslogSocketIsDevLogByDefaultOrAPathUnderThePrefix() {
        TollgateConfig defaults = TollgateConfig.defaults();
        assertThat(defaults.syslogSocketPath()).isEqualTo(Path.of("/dev/log"));
        assertThat(defaults.sanitised()).containsEntry("syslog_socket_path", "/dev/log");
        assertThat(load("syslog_socket_path", "run/syslog.sock").syslogSocketPath())
                .isEqualTo(defaults.prefix().resolve("run/syslog.sock"));
        assertThatThrownBy(() -> load("syslog_socket_path", "/" + "s".repeat(107)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("syslog_socket_path")
                .hasMessageContaining("107 bytes");
    }

    @Test
    void outageProperties() {
        TollgateConfig defaults = TollgateConfig.defaults();
        assertThat(defaults.dbResurrectTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.dbCacheWarmupEntities()).containsExactly(EntityKind.SERVICES);
        assertThat(defaults.sanitised())
                .containsEntry("db_resurrect_ttl", 30L)
                .containsEntry("db_cache_warmup_entities", List.of("services"));
        assertThat(load("db_resurrect_ttl", "0").dbResurrectTtl()).isZero();
        assertThat(load("db_cache_warmup_entities", "services, consumers,keyauth_credentials")
                        .dbCacheWarmupEntities())
                .containsExactly(EntityKind.SERVICES, EntityKind.CONSUMERS, EntityKind.KEYAUTH_CREDENTIALS);
        assertThatThrownBy(() -> load("db_cache_warmup_entities", "services,routes"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid db_cache_warmup_entities")
                .hasMessageContaining("'routes' cannot be warmed up");
        assertThatThrownBy(() -> load("db_cache_warmup_entities", "consumers,consumers"))
                .hasMessageContaining("lists 'consumers' twice");
        assertThatThrownBy(() -> load("db_resurrect_ttl", "-1")).isInstanceOf(ConfigException.class);
    }

    @Test
    void pushIsOnByDefaultAndTakesKongFlagValues() {
        assertThat(load("db_update_frequency", "5").dbUpdatePush()).isTrue();
        assertThat(load("db_update_push", "off").dbUpdatePush()).isFalse();
        assertThat(load("db_update_push", "FALSE").dbUpdatePush()).isFalse();
        assertThat(load("db_update_push", "on").dbUpdatePush()).isTrue();
    }

    @Test
    void zeroIsAllowedForTtlsAndPropagationButNotTheUpdateFrequency() {
        assertThat(load("db_update_propagation", "0").dbUpdatePropagation()).isZero();
        assertThat(load("db_cache_neg_ttl", "0.0").dbCacheNegTtl()).isZero();
        assertThatThrownBy(() -> load("db_update_frequency", "0"))
                .hasMessage("invalid db_update_frequency: \"0\" must be greater than 0 seconds");
        assertThatThrownBy(() -> load("db_update_frequency", "0.0000000001"))
                .hasMessage("invalid db_update_frequency: \"0.0000000001\" must be greater than 0 seconds");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
      db_update_frequency   | abc     | invalid db_update_frequency: "abc" is not a number of seconds
      db_update_frequency   | -1      | invalid db_update_frequency: "-1" must be greater than 0 seconds
      db_update_propagation | 1s      | invalid db_update_propagation: "1s" is not a number of seconds
      db_update_propagation | -0.5    | invalid db_update_propagation: "-0.5" must be 0 or more seconds
      db_cache_ttl          | -1      | invalid db_cache_ttl: "-1" must be 0 or more seconds
      db_cache_ttl          | 1e300   | invalid db_cache_ttl: "1e300" is too large a number of seconds
      db_cache_neg_ttl      | never   | invalid db_cache_neg_ttl: "never" is not a number of seconds
      event_log_retention   | 30d     | invalid event_log_retention: "30d" is not a number of seconds
      db_update_push        | maybe   | invalid db_update_push: "maybe" is not on or off
      event_log_retention   | -1      | invalid event_log_retention: "-1" must be 0 or more seconds
      pg_port               | 0       | invalid pg_port: "0" is not a port number (1-65535)
      pg_port               | 65536   | invalid pg_port: "65536" is not a port number (1-65535)
      pg_port               | http    | invalid pg_port: "http" is not a port number (1-65535)
      pg_timeout            | 0       | invalid pg_timeout: "0" must be greater than 0 milliseconds
      pg_timeout            | 1.5     | invalid pg_timeout: "1.5" is not a whole number of milliseconds
      mem_cache_size        | 128mb   | invalid mem_cache_size: "128mb" is not a size (bytes, or a number followed by k, m or g)
      mem_cache_size        | -1m     | invalid mem_cache_size: "-1m" is not a size (bytes, or a number followed by k, m or g)
      mem_cache_size        | 0       | invalid mem_cache_size: "0" must be greater than 0
      mem_cache_size        | 99999999999999999g | invalid mem_cache_size: "99999999999999999g" is too large a size
      database              | off     | invalid database: "off" is not one of embedded, postgres
      database              | cassandra | invalid database: "cassandra" is not one of embedded, postgres
      admin_auth            | rbac    | invalid admin_auth: "rbac" is not one of off, basic, token
      log_level             | verbose | invalid log_level: "verbose" is not one of debug, info, notice, warn, error, crit, alert, emerg
      prefix                | a\u0000b | invalid prefix: "a\u0000b" is not a valid path
      upstream_keepalive_pool_size | -1 | invalid upstream_keepalive_pool_size: "-1" must be between 0 and 2147483647
      upstream_keepalive_max_requests | many | invalid upstream_keepalive_max_requests: "many" is not a whole number
      upstream_keepalive_idle_timeout | -5 | invalid upstream_keepalive_idle_timeout: "-5" must be 0 or more seconds
      """)
    void invalidValuesNameTheProperty(String property, String value, String message) {
        String actualValue = value.replace("\\u0000", "\u0000");
        String expected = message.replace("\\u0000", "\u0000");
        assertThatThrownBy(() -> load(property, actualValue))
                .isInstanceOf(ConfigException.class)
                .hasMessage(expected);
    }

    @Test
    void aSensitiveValueIsMaskedInErrorMessages() {
        assertThat(ConfigException.invalid(Property.PG_PASSWORD, "hunter2", "is wrong")
                        .getMessage())
                .isEqualTo("invalid pg_password: \"******\" is wrong");
    }

    @ParameterizedTest
    @CsvSource({"512, 512", "4k, 4096", "4K, 4096", "128m, 134217728", "1g, 1073741824", "2G, 2147483648"})
    void sizesTakeUnits(String value, long bytes) {
        assertThat(load("mem_cache_size", value).memCacheSize()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({
        "debug, DEBUG",
        "info, INFO",
        "notice, INFO",
        "warn, WARN",
        "error, ERROR",
        "crit, ERROR",
        "alert, ERROR",
        "emerg, ERROR",
        "WARN, WARN"
    })
    void logLevelsMapToSlf4j(String value, org.slf4j.event.Level level) {
        assertThat(load("log_level", value).logLevel().slf4jLevel()).isEqualTo(level);
    }

    @Test
    void databaseAndPrefix() {
        assertThat(load("database", "postgres").database()).isEqualTo(DatabaseMode.POSTGRES);
        assertThat(load("database", "embedded").database()).isEqualTo(DatabaseMode.EMBEDDED);
        assertThat(load("prefix", "/var/lib/tollgate/").prefix()).isEqualTo(Path.of("/var/lib/tollgate"));
        assertThat(load("prefix", "run/../node-a").prefix())
                .isEqualTo(Path.of("node-a").toAbsolutePath());
    }

    @Test
    void adminGuiUrlIsACommaSeparatedListOfHttpUrls() {
        assertThat(TollgateConfig.defaults().adminGuiUrl()).isEmpty();
        assertThat(TollgateConfig.defaults().sanitised()).containsEntry("admin_gui_url", null);
        TollgateConfig two = load("admin_gui_url", "http://localhost:8002, https://manager.example/gui");
        assertThat(two.adminGuiUrl()).containsExactly("http://localhost:8002", "https://manager.example/gui");
        assertThat(two.sanitised())
                .containsEntry("admin_gui_url", List.of("http://localhost:8002", "https://manager.example/gui"));
        assertThatThrownBy(() -> load("admin_gui_url", "http://ok.example,localhost:8002"))
                .hasMessage("invalid admin_gui_url: \"localhost:8002\" is not an http(s) URL with a host");
        assertThatThrownBy(() -> load("admin_gui_url", "ftp://files.example"))
                .hasMessage("invalid admin_gui_url: \"ftp://files.example\" is not an http(s) URL with a host");
    }

    @Test
    void pluginsAreBundledByDefaultOffOrAList() {
        assertThat(TollgateConfig.defaults().plugins()).containsExactly("bundled");
        assertThat(TollgateConfig.defaults().sanitised()).containsEntry("plugins", List.of("bundled"));
        assertThat(load("plugins", "off").plugins()).isEmpty();
        assertThat(load("plugins", "off").sanitised()).containsEntry("plugins", List.of("off"));
        assertThat(load("plugins", " bundled , hello,hello ").plugins()).containsExactly("bundled", "hello");
        // as Kong's: off first loads nothing, an off further in the list is ignored
        assertThat(load("plugins", "off, key-auth").plugins()).isEmpty();
        assertThat(load("plugins", "key-auth, off, basic-auth").plugins()).containsExactly("key-auth", "basic-auth");
        assertThat(load("plugins", "bundled,off").plugins()).containsExactly("bundled");
        assertThatThrownBy(() -> load("plugins", "bundled,,x"))
                .hasMessage("invalid plugins: \"bundled,,x\" has an invalid plugin name ''");
        assertThatThrownBy(() -> load("plugins", "Hello"))
                .hasMessage("invalid plugins: \"Hello\" has an invalid plugin name 'Hello'");
    }

    @Test
    void nodeIdIsAUuidWhenSetAndUnsetByDefault() {
        assertThat(TollgateConfig.defaults().nodeId()).isEmpty();
        assertThat(TollgateConfig.defaults().sanitised()).containsEntry("node_id", null);
        assertThat(load("node_id", "6F1A3C2E-0B4D-4E5F-8A9B-0C1D2E3F4A5B").nodeId())
                .contains(java.util.UUID.fromString("6f1a3c2e-0b4d-4e5f-8a9b-0c1d2e3f4a5b"));
        assertThatThrownBy(() -> load("node_id", "node-1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid node_id: \"node-1\" is not a UUID");
        assertThatThrownBy(() -> load("node_id", "6f1a3c2e-0b4d-4e5f-8a9b-0c1d2e3f4a5"))
                .hasMessage("invalid node_id: \"6f1a3c2e-0b4d-4e5f-8a9b-0c1d2e3f4a5\" is not a UUID");
    }

    @Test
    void clusterTtlOnFailureIsKongsHourByDefaultAndPositive() {
        assertThat(TollgateConfig.defaults().clusterTtlOnFailure()).isEqualTo(Duration.ofHours(1));
        assertThat(TollgateConfig.defaults().sanitised()).containsEntry("cluster_ttl_on_failure", 3600L);
        assertThat(load("cluster_ttl_on_failure", "30").clusterTtlOnFailure()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> load("cluster_ttl_on_failure", "0"))
                .hasMessage("invalid cluster_ttl_on_failure: \"0\" must be greater than 0 seconds");
    }
}
