package io.tollgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    final List<String> warnings = new ArrayList<>();

    private ConfigLoader loader(Map<String, String> env, Path... defaultFiles) {
        return new ConfigLoader(env, List.of(defaultFiles), warnings::add);
    }

    private Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void withoutAnySourceEveryPropertyHasItsDefault() {
        TollgateConfig config = loader(Map.of(), dir.resolve("absent.conf")).load(null);

        assertThat(config).isEqualTo(TollgateConfig.defaults());
        assertThat(config.prefix())
                .isEqualTo(Path.of(".tollgate").toAbsolutePath().normalize());
        assertThat(config.database()).isEqualTo(DatabaseMode.EMBEDDED);
        assertThat(config.pgHost()).isEqualTo("127.0.0.1");
        assertThat(config.pgPort()).isEqualTo(5432);
        assertThat(config.pgUser()).isEqualTo("kong");
        assertThat(config.pgPassword()).isEmpty();
        assertThat(config.pgDatabase()).isEqualTo("kong");
        assertThat(config.pgSchema()).isEmpty();
        assertThat(config.pgTimeout()).isEqualTo(Duration.ofMillis(5000));
        assertThat(config.proxyListen())
                .extracting(Listeners::format)
                .containsExactly("0.0.0.0:8000", "0.0.0.0:8443 http2 ssl");
        assertThat(config.adminListen())
                .extracting(Listeners::format)
                .containsExactly("127.0.0.1:8001", "127.0.0.1:8444 http2 ssl");
        assertThat(config.sslCert()).isEmpty();
        assertThat(config.sslCertKey()).isEmpty();
        assertThat(config.dbUpdateFrequency()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.dbUpdatePropagation()).isZero();
        assertThat(config.dbCacheTtl()).isZero();
        assertThat(config.dbCacheNegTtl()).isZero();
        assertThat(config.memCacheSize()).isEqualTo(128L * 1024 * 1024);
        assertThat(config.logLevel()).isEqualTo(LogLevel.NOTICE);
        assertThat(warnings).isEmpty();
    }

    @Test
    void fileOverridesDefaultsAndHonoursCommentsAndBlankLines() throws IOException {
        Path conf = file(
                "kong.conf",
                "# a Kong-style file",
                "",
                "pg_host = db.internal   # trailing comment",
                "pg_port=6432",
                "   pg_user = gateway",
                "pg_password = pa#ss",
                "#pg_database = ignored",
                "pg_schema = # nothing but a comment",
                "log_level = debug\t# tab before the comment");

        TollgateConfig config = loader(Map.of()).load(conf);

        assertThat(config.pgHost()).isEqualTo("db.internal");
        assertThat(config.pgPort()).isEqualTo(6432);
        assertThat(config.pgUser()).isEqualTo("gateway");
        assertThat(config.pgPassword()).contains("pa#ss");
        assertThat(config.pgDatabase()).isEqualTo("kong");
        assertThat(config.pgSchema()).isEmpty();
        assertThat(config.logLevel()).isEqualTo(LogLevel.DEBUG);
    }

    @Test
    void environmentOverridesTheFileAndTollgateWinsOverKong() throws IOException {
        Path conf = file("kong.conf", "pg_host = from-file", "pg_user = file-user", "pg_database = file-db");
        Map<String, String> env = Map.of(
                "TOLLGATE_PG_HOST", "tollgate-host",
                "KONG_PG_HOST", "kong-host",
                "KONG_PG_USER", "kong-user");

        TollgateConfig config = loader(env).load(conf);

        assertThat(config.pgHost()).isEqualTo("tollgate-host");
        assertThat(config.pgUser()).isEqualTo("kong-user");
        assertThat(config.pgDatabase()).isEqualTo("file-db");
    }

    @Test
    void valuesAreTrimmedAndEmptyMeansNotSetSoTheLowerSourceApplies() throws IOException {
        Path conf = file("kong.conf", "pg_host = from-file", "pg_user =   ");
        Map<String, String> env = Map.of(
                "TOLLGATE_PG_HOST", "   ",
                "KONG_PG_HOST", "  kong-host  ",
                "TOLLGATE_PG_DATABASE", "");

        TollgateConfig config = loader(env).load(conf);

        assertThat(config.pgHost()).isEqualTo("kong-host");
        assertThat(config.pgUser()).isEqualTo("kong");
        assertThat(config.pgDatabase()).isEqualTo("kong");
    }

    @Test
    void overridesWinOverEverySourceAndMustNameKnownProperties() throws IOException {
        Path conf = file("kong.conf", "admin_listen = 127.0.0.1:9001");
        ConfigLoader loader = loader(Map.of("TOLLGATE_ADMIN_LISTEN", "127.0.0.1:9002"));

        assertThat(loader.load(conf, Map.of("admin_listen", "127.0.0.1:0")).adminListen())
                .extracting(Listeners::format)
                .containsExactly("127.0.0.1:0");
        assertThatThrownBy(() -> loader.load(conf, Map.of("no_such_thing", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown property: no_such_thing");
    }

    @Test
    void withoutAGivenFileTheFirstExistingDefaultFileIsRead() throws IOException {
        Path second = file("second.conf", "pg_host = second");
        Path third = file("third.conf", "pg_host = third");

        TollgateConfig config =
                loader(Map.of(), dir.resolve("missing.conf"), second, third).load(null);

        assertThat(config.pgHost()).isEqualTo("second");
    }

    @Test
    void aGivenFileReplacesTheDefaultFiles() throws IOException {
        Path fallback = file("default.conf", "pg_host = default", "pg_user = default-user");
        Path given = file("given.conf", "pg_host = given");

        TollgateConfig config = loader(Map.of(), fallback).load(given);

        assertThat(config.pgHost()).isEqualTo("given");
        assertThat(config.pgUser()).isEqualTo("kong");
    }

    @Test
    void aMissingGivenFileIsAnError() {
        Path missing = dir.resolve("nope.conf");

        assertThatThrownBy(() -> loader(Map.of()).load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no file at: " + missing);
        assertThatThrownBy(() -> loader(Map.of()).load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("no file at: ");
    }

    @Test
    void unknownPropertiesInTheFileAreIgnoredWithAWarning() throws IOException {
        Path conf = file("kong.conf", "nginx_worker_processes = auto", "pg_host = db");

        TollgateConfig config = loader(Map.of()).load(conf);

        assertThat(config.pgHost()).isEqualTo("db");
        assertThat(warnings).containsExactly("unknown property \"nginx_worker_processes\" in " + conf + " is ignored");
    }

    @Test
    void routerFlavorIsKongsTraditionalCompatibleAndRefusesExpressions() throws IOException {
        assertThat(loader(Map.of()).load(null).sanitised()).containsEntry("router_flavor", "traditional_compatible");

        TollgateConfig traditional = loader(Map.of()).load(file("t.conf", "router_flavor = traditional"));
        assertThat(traditional.sanitised()).containsEntry("router_flavor", "traditional_compatible");
        assertThat(warnings)
                .containsExactly("router_flavor = traditional: Tollgate's router matches as traditional_compatible"
                        + " (Kong's default in 3.x)");

        assertThatThrownBy(() -> loader(Map.of()).load(file("e.conf", "router_flavor = expressions")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("router_flavor")
                .hasMessageContaining("is not supported");
        assertThatThrownBy(() -> loader(Map.of()).load(file("x.conf", "router_flavor = fancy")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not one of traditional_compatible, traditional, expressions");
    }

    @Test
    void invalidValuesInTheFileAreReportedWithTheirPropertyName() throws IOException {
        Path conf = file("kong.conf", "db_update_frequency = abc");

        assertThatThrownBy(() -> loader(Map.of()).load(conf))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid db_update_frequency: \"abc\" is not a number of seconds");
    }

    @Test
    void negativeTtlFallsBackToTheTtlOnlyWhenUnset() {
        assertThat(loader(Map.of("TOLLGATE_DB_CACHE_TTL", "30")).load(null).dbCacheNegTtl())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(loader(Map.of("TOLLGATE_DB_CACHE_TTL", "30", "KONG_DB_CACHE_NEG_TTL", "2.5"))
                        .load(null)
                        .dbCacheNegTtl())
                .isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void sslCertAndItsKeyGoTogether() throws IOException {
        assertThatThrownBy(
                        () -> loader(Map.of("TOLLGATE_SSL_CERT", "/etc/x.crt")).load(null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssl_cert_key")
                .hasMessageContaining("ssl_cert");
        Path crt = Files.writeString(dir.resolve("x.crt"), "certificate");
        Path key = Files.writeString(dir.resolve("x.key"), "key");
        TollgateConfig both = loader(Map.of("KONG_SSL_CERT", crt.toString(), "KONG_SSL_CERT_KEY", key.toString()))
                .load(null);
        assertThat(both.sslCert()).contains(crt.toString());
        assertThat(both.sanitised()).containsEntry("ssl_cert_key", "******");
    }

    @Test
    void logFormatAndProxyErrorLogDefaultToTextOnStandardErrorAndResolveFilesAgainstThePrefix() throws IOException {
        TollgateConfig defaults = loader(Map.of()).load(null);
        assertThat(defaults.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(defaults.errorLog()).isEqualTo(new ErrorLog.Stderr());

        TollgateConfig config = loader(Map.of(
                        "TOLLGATE_PREFIX", dir.toString(),
                        "TOLLGATE_LOG_FORMAT", "JSON",
                        "KONG_PROXY_ERROR_LOG", "logs/error.log"))
                .load(null);
        assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(config.errorLog()).isEqualTo(new ErrorLog.File(dir.resolve("logs/error.log")));
        assertThat(config.sanitised())
                .containsEntry("log_format", "json")
                .containsEntry("proxy_error_log", dir.resolve("logs/error.log").toString());
        assertThat(loader(Map.of("TOLLGATE_PROXY_ERROR_LOG", "/dev/stdout"))
                        .load(null)
                        .errorLog())
                .isEqualTo(new ErrorLog.Stdout());
    }

    @Test
    void anUnknownLogFormatOrAnOffErrorLogIsRefusedNamingTheProperty() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> loader(Map.of("TOLLGATE_LOG_FORMAT", "xml")).load(null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid log_format: \"xml\" is not one of text, json");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> loader(Map.of("TOLLGATE_PROXY_ERROR_LOG", "off")).load(null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid proxy_error_log");
    }

    @Test
    void vaultEnvPrefixIsKongsKongVaultEnvPrefixUnsetByDefaultAndCheckedAsTheEnvVaultsPrefix() throws IOException {
        assertThat(TollgateConfig.defaults().vaultEnvPrefix()).isEmpty();
        assertThat(TollgateConfig.defaults().sanitised()).containsEntry("vault_env_prefix", null);
        TollgateConfig config =
                loader(Map.of("KONG_VAULT_ENV_PREFIX", "SECRETS_")).load(file("kong.conf"));
        assertThat(config.vaultEnvPrefix()).contains("SECRETS_");
        assertThat(config.sanitised()).containsEntry("vault_env_prefix", "SECRETS_");
        assertThat(loader(Map.of())
                        .load(file("empty.conf", "vault_env_prefix ="))
                        .vaultEnvPrefix())
                .isEmpty();
        Path bad = file("bad.conf", "vault_env_prefix = 1-bad");
        assertThatThrownBy(() -> loader(Map.of()).load(bad))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("vault_env_prefix");
    }
}
