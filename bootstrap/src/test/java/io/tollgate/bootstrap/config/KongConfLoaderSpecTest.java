package io.tollgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of Kong's configuration loader unit spec, {@code spec/01-unit/03-conf_loader_spec.lua} (Kong/kong, the 3.x
 * revision at commit 0015206f), against {@link ConfigLoader}: Kong's {@code conf_loader(path, custom_conf)} is
 * {@link ConfigLoader#load(Path, Map)}, Kong's {@code helpers.setenv("KONG_…")} an injected environment map.
 *
 * <p>50 of the spec's 155 {@code it} cases are ported; the others concern nginx/Lua-only properties, DB-less and
 * hybrid mode, Cassandra, Enterprise portals, vaults in the configuration or the plugins list, which Tollgate does
 * not read, or differ from Tollgate in ways listed in the port's report. Where a case mixes properties Tollgate reads
 * with ones it does not, only the former are asserted (each test's Javadoc says so).
 */
class KongConfLoaderSpecTest {
    /** Kong's default listeners, written as in {@code kong_defaults.lua}. */
    private static final String KONG_ADMIN_LISTEN =
            "127.0.0.1:8001 reuseport backlog=16384, 127.0.0.1:8444 http2 ssl reuseport backlog=16384";

    private static final String KONG_PROXY_LISTEN =
            "0.0.0.0:8000 reuseport backlog=16384, 0.0.0.0:8443 http2 ssl reuseport backlog=16384";

    @TempDir
    Path dir;

    final List<String> warnings = new ArrayList<>();

    private ConfigLoader loader(Map<String, String> env, Path... defaultFiles) {
        return new ConfigLoader(env, List.of(defaultFiles), warnings::add);
    }

    private TollgateConfig load(Map<String, String> overrides) {
        return loader(Map.of()).load(null, overrides);
    }

    private TollgateConfig load(String key, String value) {
        return load(Map.of(key, value));
    }

    /** Kong's {@code spec/kong_tests.conf}: the properties of it Tollgate reads. */
    private Path testConf() throws IOException {
        return Files.write(
                dir.resolve("kong_tests.conf"),
                List.of(
                        "admin_listen = 127.0.0.1:9001",
                        "proxy_listen = 0.0.0.0:9000, 0.0.0.0:9443 http2 ssl, 0.0.0.0:9002 http2, 0.0.0.0:9445 http2 ssl",
                        "database = postgres",
                        "pg_host = 127.0.0.1",
                        "pg_database = kong_tests",
                        "pg_password = foo\\#bar # this is a comment that should be stripped"));
    }

    /** Kong's {@code spec/fixtures/to-strip.conf}: the properties of it Tollgate reads. */
    private Path toStripConf() throws IOException {
        return Files.write(
                dir.resolve("to-strip.conf"),
                List.of(
                        "log_level = debug # debug mode",
                        "",
                        "    # comment on its own line",
                        "pg_ssl = off # Toggles client-server TLS connections",
                        "plugins = foobar,hello-world # custom plugins",
                        "pg_password = test\\#123 # do not strip an escaped octothorpe"));
    }

    private static InetSocketAddress address(String ip, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    private void assertRefused(Map<String, String> overrides, String property) {
        assertThatThrownBy(() -> load(overrides))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(property);
    }

    // ---------------------------------------------------------------- Configuration loader

    /** 03-conf_loader_spec.lua: "loads the defaults" (listeners and the unset certificate). */
    @Test
    void loads_the_defaults() throws IOException {
        TollgateConfig conf = load(Map.of());

        assertThat(conf.adminListen())
                .containsExactly(
                        new ListenEntry(address("127.0.0.1", 8001), false, false),
                        new ListenEntry(address("127.0.0.1", 8444), true, true));
        assertThat(conf.proxyListen())
                .containsExactly(
                        new ListenEntry(address("0.0.0.0", 8000), false, false),
                        new ListenEntry(address("0.0.0.0", 8443), true, true));
        assertThat(conf.adminListen())
                .isEqualTo(load("admin_listen", KONG_ADMIN_LISTEN).adminListen());
        assertThat(conf.proxyListen())
                .isEqualTo(load("proxy_listen", KONG_PROXY_LISTEN).proxyListen());
        assertThat(conf.sslCert()).isEmpty();
        assertThat(conf.sslCertKey()).isEmpty();
    }

    /** 03-conf_loader_spec.lua: "loads a given file, with higher precedence". */
    @Test
    void loads_a_given_file_with_higher_precedence() throws IOException {
        TollgateConfig conf = loader(Map.of()).load(testConf());

        assertThat(conf.adminListen()).containsExactly(new ListenEntry(address("127.0.0.1", 9001), false, false));
        assertThat(conf.proxyListen())
                .containsExactly(
                        new ListenEntry(address("0.0.0.0", 9000), false, false),
                        new ListenEntry(address("0.0.0.0", 9443), true, true),
                        new ListenEntry(address("0.0.0.0", 9002), false, true),
                        new ListenEntry(address("0.0.0.0", 9445), true, true));
    }

    /** 03-conf_loader_spec.lua: "preserves default properties if not in given file". */
    @Test
    void preserves_default_properties_if_not_in_given_file() throws IOException {
        TollgateConfig conf = loader(Map.of()).load(testConf());

        assertThat(conf.pgUser()).isEqualTo("kong");
        assertThat(conf.pgPort()).isEqualTo(5432);
        assertThat(conf.dbUpdateFrequency()).isEqualTo(Duration.ofSeconds(5));
    }

    /** 03-conf_loader_spec.lua: "accepts custom params, with highest precedence". */
    @Test
    void accepts_custom_params_with_highest_precedence() throws IOException {
        TollgateConfig conf = loader(Map.of()).load(testConf(), Map.of("admin_listen", "127.0.0.1:9001"));

        assertThat(conf.adminListen()).containsExactly(new ListenEntry(address("127.0.0.1", 9001), false, false));
        assertThat(conf.proxyListen()).hasSize(4);
        assertThat(loader(Map.of())
                        .load(testConf(), Map.of("admin_listen", "127.0.0.1:9011"))
                        .adminListen())
                .containsExactly(new ListenEntry(address("127.0.0.1", 9011), false, false));
    }

    /**
     * 03-conf_loader_spec.lua: "strips extraneous properties (not in defaults)". Tollgate's programmatic overrides
     * refuse unknown names, so the extraneous property comes from a file, which Kong's loader also strips.
     */
    @Test
    void strips_extraneous_properties_not_in_defaults() throws IOException {
        Path conf = Files.write(dir.resolve("extra.conf"), List.of("stub_property = leave me alone"));

        assertThat(loader(Map.of()).load(conf)).isEqualTo(TollgateConfig.defaults());
        assertThat(Property.byKey("stub_property")).isEmpty();
    }

    /** 03-conf_loader_spec.lua: "extracts flags, ports and listen ips from proxy_listen/admin_listen". */
    @Test
    void extracts_flags_ports_and_listen_ips_from_proxy_listen_admin_listen() throws IOException {
        TollgateConfig conf = load(Map.of("admin_listen", KONG_ADMIN_LISTEN, "proxy_listen", KONG_PROXY_LISTEN));

        ListenEntry admin1 = conf.adminListen().get(0);
        assertThat(admin1.address()).isEqualTo(address("127.0.0.1", 8001));
        assertThat(admin1.ssl()).isFalse();
        assertThat(admin1.http2()).isFalse();
        ListenEntry admin2 = conf.adminListen().get(1);
        assertThat(admin2.address()).isEqualTo(address("127.0.0.1", 8444));
        assertThat(admin2.ssl()).isTrue();
        assertThat(admin2.http2()).isTrue();
        ListenEntry proxy1 = conf.proxyListen().get(0);
        assertThat(proxy1.address()).isEqualTo(address("0.0.0.0", 8000));
        assertThat(proxy1.ssl()).isFalse();
        assertThat(proxy1.http2()).isFalse();
        ListenEntry proxy2 = conf.proxyListen().get(1);
        assertThat(proxy2.address()).isEqualTo(address("0.0.0.0", 8443));
        assertThat(proxy2.ssl()).isTrue();
        assertThat(proxy2.http2()).isTrue();
    }

    /** 03-conf_loader_spec.lua: "parses IPv6 from proxy_listen/admin_listen". */
    @Test
    void parses_ipv6_from_proxy_listen_admin_listen() throws IOException {
        TollgateConfig conf =
                load(Map.of("proxy_listen", "[::]:8000, [::]:8443 ssl", "admin_listen", "[::1]:8001, [::1]:8444 ssl"));

        assertThat(conf.adminListen())
                .containsExactly(
                        new ListenEntry(address("0000:0000:0000:0000:0000:0000:0000:0001", 8001), false, false),
                        new ListenEntry(address("0000:0000:0000:0000:0000:0000:0000:0001", 8444), true, false));
        assertThat(conf.proxyListen())
                .containsExactly(
                        new ListenEntry(address("0000:0000:0000:0000:0000:0000:0000:0000", 8000), false, false),
                        new ListenEntry(address("0000:0000:0000:0000:0000:0000:0000:0000", 8443), true, false));
    }

    /** 03-conf_loader_spec.lua: "extracts ssl flags properly when hostnames contain them". */
    @Test
    void extracts_ssl_flags_properly_when_hostnames_contain_them() {
        TollgateConfig conf =
                load(Map.of("proxy_listen", "ssl.myname.com:8000", "admin_listen", "ssl.myname.com:8001"));
        assertThat(conf.proxyListen().get(0).address().getHostString()).isEqualTo("ssl.myname.com");
        assertThat(conf.proxyListen().get(0).ssl()).isFalse();
        assertThat(conf.adminListen().get(0).address().getHostString()).isEqualTo("ssl.myname.com");
        assertThat(conf.adminListen().get(0).ssl()).isFalse();

        conf = load(Map.of("proxy_listen", "ssl_myname.com:8000 ssl", "admin_listen", "ssl_myname.com:8001 ssl"));
        assertThat(conf.proxyListen().get(0).address().getHostString()).isEqualTo("ssl_myname.com");
        assertThat(conf.proxyListen().get(0).ssl()).isTrue();
        assertThat(conf.adminListen().get(0).address().getHostString()).isEqualTo("ssl_myname.com");
        assertThat(conf.adminListen().get(0).ssl()).isTrue();
    }

    /** 03-conf_loader_spec.lua: "extracts 'off' from proxy_listen/admin_listen". */
    @Test
    void extracts_off_from_proxy_listen_admin_listen() {
        TollgateConfig conf = load(Map.of("proxy_listen", "off", "admin_listen", "off"));
        assertThat(conf.proxyListen()).isEmpty();
        assertThat(conf.adminListen()).isEmpty();

        conf = load(Map.of("proxy_listen", "off, 0.0.0.0:9000", "admin_listen", "off, 127.0.0.1:9001"));
        assertThat(conf.proxyListen()).isEmpty();
        assertThat(conf.adminListen()).isEmpty();

        conf = load(Map.of("proxy_listen", "offshore.com:9000", "admin_listen", "offshore.com:9001"));
        assertThat(conf.proxyListen().get(0).address().getHostString()).isEqualTo("offshore.com");
        assertThat(conf.adminListen().get(0).address().getHostString()).isEqualTo("offshore.com");
    }

    /** 03-conf_loader_spec.lua: "strips comments ending settings" ({@code log_level}; Cassandra has no counterpart). */
    @Test
    void strips_comments_ending_settings() throws IOException {
        TollgateConfig conf = loader(Map.of()).load(toStripConf());

        assertThat(conf.logLevel()).isEqualTo(LogLevel.DEBUG);
    }

    /** 03-conf_loader_spec.lua: "overcomes penlight's list_delim option". */
    @Test
    void overcomes_penlights_list_delim_option() throws IOException {
        TollgateConfig conf = loader(Map.of()).load(toStripConf());

        assertThat(conf.postgres().ssl()).isFalse();
        assertThat(conf.plugins()).contains("foobar", "hello-world");
    }

    /** 03-conf_loader_spec.lua: "correctly parses values containing an octothorpe". */
    @Test
    void correctly_parses_values_containing_an_octothorpe() throws IOException {
        assertThat(loader(Map.of()).load(toStripConf()).pgPassword()).contains("test#123");
    }

    /** 03-conf_loader_spec.lua: "escapes unescaped octothorpes in environment variables". */
    @Test
    void escapes_unescaped_octothorpes_in_environment_variables() {
        for (String password : List.of("test#123", "test#12#3", "test##12##3#")) {
            TollgateConfig conf = loader(Map.of("KONG_PG_PASSWORD", password)).load(null);
            assertThat(conf.pgPassword()).contains(password);
        }
    }

    /** 03-conf_loader_spec.lua: "escapes unescaped octothorpes in custom_conf overrides". */
    @Test
    void escapes_unescaped_octothorpes_in_custom_conf_overrides() {
        for (String password : List.of("test#123", "test#12#3", "test##12##3#")) {
            assertThat(load("pg_password", password).pgPassword()).contains(password);
        }
    }

    /** 03-conf_loader_spec.lua: "does not modify existing octothorpes in environment variables". */
    @Test
    void does_not_modify_existing_octothorpes_in_environment_variables() {
        assertThat(loader(Map.of("KONG_PG_PASSWORD", "test#123")).load(null).pgPassword())
                .contains("test#123");
        assertThat(loader(Map.of("KONG_PG_PASSWORD", "test##12##3#")).load(null).pgPassword())
                .contains("test##12##3#");
    }

    /** 03-conf_loader_spec.lua: "does not modify existing octothorpes in custom_conf overrides". */
    @Test
    void does_not_modify_existing_octothorpes_in_custom_conf_overrides() {
        assertThat(load("pg_password", "test#123").pgPassword()).contains("test#123");
        assertThat(load("pg_password", "test##12##3#").pgPassword()).contains("test##12##3#");
    }

    // ---------------------------------------------------------------- port_maps and host_ports

    /** 03-conf_loader_spec.lua: port_maps and host_ports "are empty tables when not specified". */
    @Test
    void port_maps_are_empty_tables_when_not_specified() throws IOException {
        TollgateConfig conf = loader(Map.of()).load(testConf());

        assertThat(conf.edge().portMaps().entries()).isEmpty();
        assertThat(conf.edge().portMaps().forwarded(8000)).isEqualTo(8000);
    }

    /** 03-conf_loader_spec.lua: port_maps and host_ports "are tables when specified". */
    @Test
    void port_maps_are_tables_when_specified() throws IOException {
        TollgateConfig conf = loader(Map.of()).load(testConf(), Map.of("port_maps", "80:8000,443:8443"));

        assertThat(conf.edge().portMaps().entries()).containsExactly("80:8000", "443:8443");
        assertThat(conf.edge().portMaps().forwarded(8000)).isEqualTo(80);
        assertThat(conf.edge().portMaps().forwarded(8443)).isEqualTo(443);
    }

    /** 03-conf_loader_spec.lua: port_maps and host_ports "gives an error with invalid value". */
    @Test
    void port_maps_gives_an_error_with_invalid_value() {
        assertThatThrownBy(() -> loader(Map.of()).load(testConf(), Map.of("port_maps", "src:dst")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid port mapping (`port_maps`): src:dst");
    }

    // ---------------------------------------------------------------- inferences

    /** 03-conf_loader_spec.lua: "infer booleans (on/off/true/false strings)" ({@code pg_ssl}, {@code pg_ssl_verify}). */
    @Test
    void infer_booleans_on_off_true_false_strings() {
        TollgateConfig conf = load(Map.of());
        assertThat(conf.postgres().ssl()).isFalse();
        assertThat(conf.postgres().sslVerify()).isFalse();

        for (String on : List.of("true", "on")) {
            assertThat(load("pg_ssl", on).postgres().ssl()).as(on).isTrue();
        }
    }

    // ---------------------------------------------------------------- validations

    /** 03-conf_loader_spec.lua: "enforces enums" ({@code database}; the other enums have no counterpart). */
    @Test
    void enforces_enums() {
        assertRefused(Map.of("database", "mysql"), "database");
    }

    /** 03-conf_loader_spec.lua: "enforces listen addresses format". */
    @Test
    void enforces_listen_addresses_format() {
        assertRefused(Map.of("admin_listen", "127.0.0.1"), "admin_listen");
        assertRefused(Map.of("proxy_listen", "127.0.0.1"), "proxy_listen");
    }

    /** 03-conf_loader_spec.lua: "errors when node_id is not a valid uuid". */
    @Test
    void errors_when_node_id_is_not_a_valid_uuid() {
        assertRefused(Map.of("node_id", "foobar"), "node_id");
    }

    /** 03-conf_loader_spec.lua: "accepts a valid UUID as node_id". */
    @Test
    void accepts_a_valid_uuid_as_node_id() {
        assertThat(load("node_id", "8b7de2ba-0477-4667-a811-8bca46073ca9").nodeId())
                .contains(UUID.fromString("8b7de2ba-0477-4667-a811-8bca46073ca9"));
    }

    /** 03-conf_loader_spec.lua: "errors on bad entries in headers". */
    @Test
    void errors_on_bad_entries_in_headers() {
        assertThatThrownBy(() -> load("headers", "server_tokens,Foo-Bar"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("headers")
                .hasMessageContaining("'Foo-Bar'");
    }

    /**
     * 03-conf_loader_spec.lua: SSL proxy "does not check SSL cert and key if SSL is off" (in the second check, a
     * listener host named "ssl", Kong's spec sets {@code proxy_ssl_cert}, which neither Kong nor Tollgate reads;
     * here {@code ssl_cert}).
     */
    @Test
    void ssl_proxy_does_not_check_ssl_cert_and_key_if_ssl_is_off() {
        TollgateConfig conf = load(Map.of("proxy_listen", "127.0.0.1:123", "ssl_cert", "/path/cert.pem"));
        assertThat(conf.proxyListen()).hasSize(1);

        conf = load(Map.of("proxy_listen", "ssl:23", "ssl_cert", "/path/cert.pem"));
        assertThat(conf.proxyListen().get(0).ssl()).isFalse();
    }

    /** 03-conf_loader_spec.lua: SSL proxy "requires both proxy SSL cert and key". */
    @Test
    void ssl_proxy_requires_both_proxy_ssl_cert_and_key() throws IOException {
        assertThatThrownBy(() -> load("ssl_cert", "/path/cert.pem"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ssl_cert_key must be specified");
        assertThatThrownBy(() -> load("ssl_cert_key", "/path/key.pem"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ssl_cert must be specified");

        Path cert = Files.writeString(dir.resolve("kong_spec.crt"), "certificate");
        Path key = Files.writeString(dir.resolve("kong_spec.key"), "key");
        TollgateConfig conf = load(Map.of("ssl_cert", cert.toString(), "ssl_cert_key", key.toString()));
        assertThat(conf.sslCert()).contains(cert.toString());
        assertThat(conf.sslCertKey()).contains(key.toString());
    }

    /** 03-conf_loader_spec.lua: SSL proxy "requires trusted CA cert file to exist". */
    @Test
    void ssl_proxy_requires_trusted_ca_cert_file_to_exist() {
        assertThatThrownBy(() -> load("lua_ssl_trusted_certificate", "/path/cert.pem"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("lua_ssl_trusted_certificate: failed loading certificate from /path/cert.pem");
    }

    /** A path to {@code file} relative to the working directory, as Kong's spec names its fixtures. */
    private static String relative(Path file) {
        return Path.of("").toAbsolutePath().relativize(file).toString();
    }

    /** 03-conf_loader_spec.lua: SSL proxy "requires SSL cert and key to exist" (Tollgate reports the first error). */
    @Test
    void ssl_proxy_requires_ssl_cert_and_key_to_exist() throws IOException {
        assertThatThrownBy(() -> load(Map.of("ssl_cert", "/path/cert.pem", "ssl_cert_key", "/path/cert_key.pem")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ssl_cert: failed loading certificate from /path/cert.pem");

        Path cert = Files.writeString(dir.resolve("kong_spec.crt"), "certificate");
        assertThatThrownBy(() -> load(Map.of("ssl_cert", relative(cert), "ssl_cert_key", "/path/cert_key.pem")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ssl_cert_key: failed loading key from /path/cert_key.pem");
    }

    /**
     * 03-conf_loader_spec.lua: SSL proxy "accepts several CA certs in lua_ssl_trusted_certificate, setting
     * lua_ssl_trusted_certificate_combined": the files as absolute paths, their certificates combined into one PEM
     * text (Kong's {@code .ca_combined} file; Tollgate keeps the text and writes a file only for PostgreSQL).
     */
    @Test
    void ssl_proxy_accepts_several_ca_certs_in_lua_ssl_trusted_certificate() throws IOException {
        String first = "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----";
        String second = "-----BEGIN CERTIFICATE-----\nREVG\n-----END CERTIFICATE-----";
        Path spec = Files.writeString(dir.resolve("kong_spec.crt"), first + "\n");
        Path clustering = Files.writeString(dir.resolve("kong_clustering.crt"), second + "\n");

        TrustedCertificates trusted = load("lua_ssl_trusted_certificate", relative(spec) + "," + relative(clustering))
                .postgres()
                .trustedCertificates();

        assertThat(trusted.files()).containsExactly(spec.toAbsolutePath(), clustering.toAbsolutePath());
        assertThat(trusted.system()).isFalse();
        assertThat(trusted.combinedPem()).contains(first + "\n" + second + "\n");

        TrustedCertificates withSystem =
                load("lua_ssl_trusted_certificate", "system," + spec).postgres().trustedCertificates();
        assertThat(withSystem.system()).isTrue();
        assertThat(withSystem.files()).containsExactly(spec.toAbsolutePath());
        assertThat(withSystem.combinedPem().orElseThrow())
                .startsWith(first + "\n")
                .contains("-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----");

        assertThatThrownBy(() -> load("lua_ssl_trusted_certificate", spec + ",/path/other.pem"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("lua_ssl_trusted_certificate: failed loading certificate from /path/other.pem");
    }

    /** 03-conf_loader_spec.lua: SSL proxy "resolves SSL cert/key to absolute path" (inline PEM is kept as it is). */
    @Test
    void ssl_proxy_resolves_ssl_cert_key_to_absolute_path() throws IOException {
        Path cert = Files.writeString(dir.resolve("kong_spec.crt"), "certificate");
        Path key = Files.writeString(dir.resolve("kong_spec.key"), "key");

        TollgateConfig conf = load(Map.of("ssl_cert", relative(cert), "ssl_cert_key", relative(key)));

        assertThat(conf.sslCert())
                .hasValueSatisfying(v -> assertThat(Path.of(v)).isAbsolute().isEqualTo(cert));
        assertThat(conf.sslCertKey())
                .hasValueSatisfying(v -> assertThat(Path.of(v)).isAbsolute().isEqualTo(key));

        String inline = "-----BEGIN PRIVATE KEY-----\nQUJD\n-----END PRIVATE KEY-----";
        assertThat(load(Map.of("ssl_cert", relative(cert), "ssl_cert_key", inline))
                        .sslCertKey())
                .contains(inline);
    }

    /** 03-conf_loader_spec.lua: SSL proxy "does not throw errors if the host doesn't have system certificates". */
    @Test
    void ssl_proxy_does_not_throw_errors_if_the_host_doesnt_have_system_certificates() {
        TollgateConfig conf = load("lua_ssl_trusted_certificate", "system");

        assertThat(conf.postgres().trustedCertificates()).isEqualTo(TrustedCertificates.SYSTEM);
    }

    /** 03-conf_loader_spec.lua: SSL status "supports HTTP/2". */
    @Test
    void ssl_status_supports_http2() throws IOException {
        TollgateConfig conf = load("status_listen", "127.0.0.1:123 ssl http2");

        assertThat(conf.statusListen()).containsExactly(new ListenEntry(address("127.0.0.1", 123), true, true));
    }

    /**
     * 03-conf_loader_spec.lua: "honors path if provided even if a default file exists" (the spec holds this case
     * twice).
     */
    @Test
    void honors_path_if_provided_even_if_a_default_file_exists() throws IOException {
        Path defaultFile = toStripConf();

        TollgateConfig conf = loader(Map.of(), defaultFile).load(testConf());

        assertThat(conf.database()).isEqualTo(DatabaseMode.POSTGRES);
        assertThat(conf.logLevel()).isEqualTo(LogLevel.NOTICE);
        assertThat(loader(Map.of(), defaultFile).load(null).logLevel()).isEqualTo(LogLevel.DEBUG);
    }

    // ---------------------------------------------------------------- pg_semaphore and pg connection pool options

    /** 03-conf_loader_spec.lua: "rejects a pg_max_concurrent_queries with a negative number". */
    @Test
    void rejects_a_pg_max_concurrent_queries_with_a_negative_number() {
        assertRefused(Map.of("pg_max_concurrent_queries", "-1"), "pg_max_concurrent_queries");
    }

    /** 03-conf_loader_spec.lua: "rejects a pg_max_concurrent_queries with a decimal". */
    @Test
    void rejects_a_pg_max_concurrent_queries_with_a_decimal() {
        assertRefused(Map.of("pg_max_concurrent_queries", "0.1"), "pg_max_concurrent_queries");
    }

    /** 03-conf_loader_spec.lua: "rejects a pg_keepalive_timeout with a negative number". */
    @Test
    void rejects_a_pg_keepalive_timeout_with_a_negative_number() {
        assertRefused(Map.of("pg_keepalive_timeout", "-1"), "pg_keepalive_timeout");
    }

    /** 03-conf_loader_spec.lua: "rejects a pg_keepalive_timeout with a decimal". */
    @Test
    void rejects_a_pg_keepalive_timeout_with_a_decimal() {
        assertRefused(Map.of("pg_keepalive_timeout", "0.1"), "pg_keepalive_timeout");
    }

    /** 03-conf_loader_spec.lua: "rejects a pg_pool_size with a negative number". */
    @Test
    void rejects_a_pg_pool_size_with_a_negative_number() {
        assertRefused(Map.of("pg_pool_size", "-1"), "pg_pool_size");
    }

    /** 03-conf_loader_spec.lua: "rejects a pg_pool_size with a decimal". */
    @Test
    void rejects_a_pg_pool_size_with_a_decimal() {
        assertRefused(Map.of("pg_pool_size", "0.1"), "pg_pool_size");
    }

    // ---------------------------------------------------------------- upstream keepalive properties

    /** 03-conf_loader_spec.lua: upstream keepalive properties "are accepted". */
    @Test
    void upstream_keepalive_properties_are_accepted() {
        TollgateConfig conf = load(Map.of(
                "upstream_keepalive_pool_size", "10",
                "upstream_keepalive_max_requests", "20",
                "upstream_keepalive_idle_timeout", "30"));

        assertThat(conf.upstreamKeepalivePoolSize()).isEqualTo(10);
        assertThat(conf.upstreamKeepaliveMaxRequests()).isEqualTo(20);
        assertThat(conf.upstreamKeepaliveIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    /** 03-conf_loader_spec.lua: "accepts upstream_keepalive_pool_size = 0". */
    @Test
    void accepts_upstream_keepalive_pool_size_0() {
        assertThat(load("upstream_keepalive_pool_size", "0").upstreamKeepalivePoolSize())
                .isZero();
    }

    /** 03-conf_loader_spec.lua: "accepts upstream_keepalive_max_requests = 0". */
    @Test
    void accepts_upstream_keepalive_max_requests_0() {
        assertThat(load("upstream_keepalive_max_requests", "0").upstreamKeepaliveMaxRequests())
                .isZero();
    }

    /** 03-conf_loader_spec.lua: "accepts upstream_keepalive_idle_timeout = 0". */
    @Test
    void accepts_upstream_keepalive_idle_timeout_0() {
        assertThat(load("upstream_keepalive_idle_timeout", "0").upstreamKeepaliveIdleTimeout())
                .isZero();
    }

    /** 03-conf_loader_spec.lua: upstream keepalive properties "rejects negative values". */
    @Test
    void upstream_keepalive_rejects_negative_values() {
        for (String property : List.of(
                "upstream_keepalive_pool_size", "upstream_keepalive_max_requests", "upstream_keepalive_idle_timeout")) {
            assertRefused(Map.of(property, "-1"), property);
        }
    }

    // ---------------------------------------------------------------- errors, remove_sensitive, numbers, comments

    /** 03-conf_loader_spec.lua: errors "returns inexistent file" (refused, naming the file; the wording differs). */
    @Test
    void errors_returns_inexistent_file() {
        assertThatThrownBy(() -> loader(Map.of()).load(Path.of("inexistent")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("inexistent");
    }

    /** 03-conf_loader_spec.lua: remove_sensitive() "replaces sensitive settings" ({@code pg_password}). */
    @Test
    void remove_sensitive_replaces_sensitive_settings() {
        TollgateConfig conf = load("pg_password", "hide_me");

        assertThat(conf.sanitised().get("pg_password")).isNotNull().isNotEqualTo("hide_me");
        assertThat(conf.toString()).doesNotContain("hide_me");
    }

    /** 03-conf_loader_spec.lua: remove_sensitive() "does not insert placeholder if no value". */
    @Test
    void remove_sensitive_does_not_insert_placeholder_if_no_value() {
        Map<String, ?> shown = load(Map.of()).sanitised();

        assertThat(shown).containsKey("pg_password");
        assertThat(shown.get("pg_password")).isNull();
    }

    /** 03-conf_loader_spec.lua: number as string "force the numeric pg_password/cassandra_password to a string". */
    @Test
    void force_the_numeric_pg_password_to_a_string() {
        assertThat(load("pg_password", "123456").pgPassword()).contains("123456");
    }

    /** 03-conf_loader_spec.lua: comments "are stripped". */
    @Test
    void comments_are_stripped() throws IOException {
        assertThat(loader(Map.of()).load(testConf()).pgPassword()).contains("foo#bar");
    }
}
