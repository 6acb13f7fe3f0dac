package io.tollgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code pg_pool_size}, {@code pg_max_concurrent_queries}, {@code pg_keepalive_timeout}, {@code pg_ssl*} and
 * {@code pg_ro_*}: defaults, the replica's fallbacks to {@code pg_*}, validation, and {@code GET /}'s view.
 */
class PostgresPropertiesTest {

    private static TollgateConfig parse(Map<Property, String> raw) {
        return ConfigParser.parse(new HashMap<>(raw), warning -> {});
    }

    /** Map.of for more than ten pairs: property, value, property, value, ... */
    private static Map<Property, String> values(Object... pairs) {
        Map<Property, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((Property) pairs[i], (String) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void defaults_are_a_pool_of_ten_plain_connections_and_no_replica() {
        PostgresOptions pg = TollgateConfig.defaults().postgres();
        assertThat(pg.poolSize()).isEqualTo(10);
        assertThat(pg.maxConcurrentQueries()).isZero();
        assertThat(pg.keepaliveTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(pg.ssl()).isFalse();
        assertThat(pg.sslVerify()).isFalse();
        assertThat(pg.sslRequired()).isFalse();
        assertThat(pg.trustedCertificates()).isEqualTo(TrustedCertificates.SYSTEM);
        assertThat(pg.replica()).isEmpty();
        assertThat(TollgateConfig.defaults().sanitised())
                .containsEntry("pg_pool_size", 10)
                .containsEntry("pg_ssl", false)
                .containsEntry("lua_ssl_trusted_certificate", "system")
                .containsEntry("pg_ro_host", null);
    }

    @Test
    void every_unset_pg_ro_property_falls_back_to_its_pg_twin() {
        TollgateConfig config = parse(values(
                Property.PG_HOST, "primary.db",
                Property.PG_PORT, "5433",
                Property.PG_USER, "gw",
                Property.PG_PASSWORD, "secret",
                Property.PG_DATABASE, "gateway",
                Property.PG_SCHEMA, "edge",
                Property.PG_TIMEOUT, "1500",
                Property.PG_SSL, "on",
                Property.PG_SSL_VERIFY, "on",
                Property.PG_MAX_CONCURRENT_QUERIES, "7",
                Property.PG_RO_HOST, "replica.db"));
        ReadReplica ro = config.postgres().replica().orElseThrow();
        assertThat(ro)
                .isEqualTo(new ReadReplica(
                        "replica.db",
                        5433,
                        "gw",
                        Optional.of("secret"),
                        "gateway",
                        Optional.of("edge"),
                        Duration.ofMillis(1500),
                        true,
                        true,
                        7));
        assertThat(ro.toString()).doesNotContain("secret");
        assertThat(config.sanitised()).containsEntry("pg_ro_password", Property.MASK);
    }

    @Test
    void set_pg_ro_properties_override_the_primarys() {
        ReadReplica ro = parse(values(
                        Property.PG_PASSWORD, "secret",
                        Property.PG_SSL, "on",
                        Property.PG_RO_HOST, "10.0.0.2",
                        Property.PG_RO_PORT, "6432",
                        Property.PG_RO_USER, "reader",
                        Property.PG_RO_PASSWORD, "other",
                        Property.PG_RO_DATABASE, "ro",
                        Property.PG_RO_SCHEMA, "s2",
                        Property.PG_RO_TIMEOUT, "800",
                        Property.PG_RO_SSL, "off",
                        Property.PG_RO_SSL_VERIFY, "on",
                        Property.PG_RO_MAX_CONCURRENT_QUERIES, "3"))
                .postgres()
                .replica()
                .orElseThrow();
        assertThat(ro)
                .isEqualTo(new ReadReplica(
                        "10.0.0.2",
                        6432,
                        "reader",
                        Optional.of("other"),
                        "ro",
                        Optional.of("s2"),
                        Duration.ofMillis(800),
                        false,
                        true,
                        3));
    }

    @Test
    void pool_and_tls_properties_are_read(@TempDir Path dir) throws IOException {
        Path ca = Files.writeString(dir.resolve("pg-ca.pem"), "authorities");
        PostgresOptions pg = parse(Map.of(
                        Property.PG_POOL_SIZE, "25",
                        Property.PG_MAX_CONCURRENT_QUERIES, "5",
                        Property.PG_KEEPALIVE_TIMEOUT, "120000",
                        Property.PG_SSL, "on",
                        Property.PG_SSL_REQUIRED, "on",
                        Property.LUA_SSL_TRUSTED_CERTIFICATE, ca.toString()))
                .postgres();
        assertThat(pg.poolSize()).isEqualTo(25);
        assertThat(pg.maxConcurrentQueries()).isEqualTo(5);
        assertThat(pg.keepaliveTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(pg.sslRequired()).isTrue();
        assertThat(pg.trustedCertificates().files()).containsExactly(ca);
    }

    @Test
    void invalid_values_name_the_property() {
        assertThatThrownBy(() -> parse(Map.of(Property.PG_POOL_SIZE, "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pg_pool_size")
                .hasMessageContaining("must be an integer greater than 0");
        assertThatThrownBy(() -> parse(Map.of(Property.PG_MAX_CONCURRENT_QUERIES, "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pg_max_concurrent_queries");
        assertThatThrownBy(() -> parse(Map.of(Property.PG_SSL_VERIFY, "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pg_ssl_verify");
        assertThatThrownBy(() -> parse(Map.of(Property.PG_RO_HOST, "r", Property.PG_RO_PORT, "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pg_ro_port");
        assertThatThrownBy(() -> parse(Map.of(Property.PG_RO_HOST, "r", Property.PG_RO_TIMEOUT, "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pg_ro_timeout");
        assertThatThrownBy(() -> parse(Map.of(Property.LUA_SSL_TRUSTED_CERTIFICATE, "system,/nowhere/b.pem")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("lua_ssl_trusted_certificate: failed loading certificate from /nowhere/b.pem");
    }

    @Test
    void the_expired_rows_cleanup_runs_every_60_seconds_unless_set_to_whole_seconds_above_0_as_kong_checks() {
        assertThat(TollgateConfig.defaults().postgres().expiredRowsCleanupInterval())
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(TollgateConfig.defaults().sanitised()).containsEntry("pg_expired_rows_cleanup_interval", 60L);
        assertThat(parse(Map.of(Property.PG_EXPIRED_ROWS_CLEANUP_INTERVAL, "10"))
                        .postgres()
                        .expiredRowsCleanupInterval())
                .isEqualTo(Duration.ofSeconds(10));
        // Kong's conf_loader specs: -1 and 0.1 are refused with these messages
        assertThatThrownBy(() -> parse(Map.of(Property.PG_EXPIRED_ROWS_CLEANUP_INTERVAL, "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pg_expired_rows_cleanup_interval")
                .hasMessageEndingWith("must be greater than 0");
        assertThatThrownBy(() -> parse(Map.of(Property.PG_EXPIRED_ROWS_CLEANUP_INTERVAL, "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("must be greater than 0");
        assertThatThrownBy(() -> parse(Map.of(Property.PG_EXPIRED_ROWS_CLEANUP_INTERVAL, "0.1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("must be an integer greater than 0");
        assertThatThrownBy(() -> parse(Map.of(Property.PG_EXPIRED_ROWS_CLEANUP_INTERVAL, "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("must be an integer greater than 0");
    }
}
