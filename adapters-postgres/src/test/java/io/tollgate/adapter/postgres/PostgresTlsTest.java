package io.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Kong's {@code pg_ssl}, {@code pg_ssl_required} and {@code pg_ssl_verify} as the JDBC driver's properties. */
class PostgresTlsTest {

    private static Properties driver(PostgresTls tls) {
        Properties p = new Properties();
        tls.applyTo(p);
        return p;
    }

    @Test
    void pg_ssl_off_disables_tls_whatever_the_other_flags() {
        assertThat(PostgresTls.of(false, true, true, null)).isEqualTo(PostgresTls.DISABLED);
        assertThat(driver(PostgresTls.DISABLED)).containsEntry("sslmode", "disable");
    }

    @Test
    void pg_ssl_alone_prefers_tls_without_checking_the_certificate() {
        Properties p = driver(PostgresTls.of(true, false, false, null));
        assertThat(p).containsEntry("sslmode", "prefer");
        assertThat(p).containsEntry("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
    }

    @Test
    void pg_ssl_required_requires_tls() {
        assertThat(driver(PostgresTls.of(true, false, true, null))).containsEntry("sslmode", "require");
    }

    @Test
    void pg_ssl_verify_checks_chain_and_name_against_the_trusted_file_or_the_system() {
        Properties file = driver(PostgresTls.of(true, true, false, Path.of("/etc/ca.pem")));
        assertThat(file).containsEntry("sslmode", "verify-full").containsEntry("sslrootcert", "/etc/ca.pem");
        Properties system = driver(PostgresTls.of(true, true, false, null));
        assertThat(system)
                .containsEntry("sslmode", "verify-full")
                .containsEntry("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory")
                .doesNotContainKey("sslrootcert");
    }

    @Test
    void the_pool_opens_at_most_max_concurrent_queries_connections_when_set() {
        assertThat(new PostgresPool(10, 0, 60_000).maximumConnections()).isEqualTo(10);
        assertThat(new PostgresPool(10, 4, 60_000).maximumConnections()).isEqualTo(4);
        assertThat(new PostgresPool(10, 0, 1_000).keepaliveTimeoutMs()).isEqualTo(10_000);
    }
}
