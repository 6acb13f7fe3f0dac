package io.tollgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.bootstrap.config.ConfigException;
import io.tollgate.bootstrap.config.ConfigLoader;
import io.tollgate.bootstrap.config.Property;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.lifecycle.ReloadReply;
import io.tollgate.bootstrap.lifecycle.ReloadRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloadTest {
    final List<EdgeSettings> applied = new ArrayList<>();
    final Map<String, String> values = new HashMap<>();

    private TollgateConfig load() {
        return new ConfigLoader(Map.of(), List.of(), w -> {}).load(null, values);
    }

    private ConfigReload reload(TollgateConfig started) {
        return new ConfigReload(started, file -> load(), ConfigReload.Targets.edgeOnly(applied::add));
    }

    @Test
    void appliesTheEdgeRulesKeepsTheListenerLimitsAndNamesWhatNeedsARestart() {
        values.put("nginx_http_client_header_timeout", "5s");
        ConfigReload reload = reload(load());
        values.put("headers", "off");
        values.put("trusted_ips", "10.0.0.0/8");
        values.put("nginx_http_client_header_timeout", "9s");
        values.put("nginx_http_client_body_timeout", "7s");
        values.put("pg_password", "changed");

        ReloadReply reply = reload.reload(ReloadRequest.of(Optional.empty()));

        assertThat(reply.ok()).isTrue();
        assertThat(reply.text())
                .isEqualTo("Tollgate reloaded: applied trusted_ips, headers, nginx_http_client_body_timeout\n"
                        + "changed since start, applied only by a restart: pg_password,"
                        + " nginx_http_client_header_timeout");
        assertThat(applied).singleElement().satisfies(edge -> {
            assertThat(edge.headers()).isEqualTo(load().edge().headers());
            assertThat(edge.trustedIps().isEmpty()).isFalse();
            assertThat(edge.clientHeaderTimeoutMs()).isEqualTo(5_000);
            assertThat(edge.clientBodyTimeoutMs())
                    .as("read per request: applied")
                    .isEqualTo(7_000);
        });
        assertThat(reply.text()).doesNotContain("changed\"");

        ReloadReply again = reload.reload(ReloadRequest.of(Optional.empty()));
        assertThat(again.text()).startsWith("Tollgate reloaded: nothing to apply\n");
        assertThat(applied).hasSize(1);
    }

    @Test
    void showsTheReloadedValuesAndKeepsThoseOnlyARestartApplies() {
        values.put("mem_cache_size", "64m");
        TollgateConfig started = load();
        List<Map<String, ?>> shown = new ArrayList<>();
        ConfigReload reload = new ConfigReload(
                started,
                file -> load(),
                new ConfigReload.Targets(
                        applied::add,
                        level -> {},
                        ConfigReload.DefaultCertificateSwap.NONE,
                        next -> {},
                        (next, configuration) -> shown.add(configuration)));
        values.put("headers", "off");
        values.put("log_level", "debug");
        values.put("mem_cache_size", "32m");

        assertThat(reload.reload(ReloadRequest.of(Optional.empty())).ok()).isTrue();

        assertThat(shown).singleElement().satisfies(configuration -> {
            assertThat(configuration.get("headers")).isEqualTo(List.of("off"));
            assertThat(configuration.get("log_level")).isEqualTo("debug");
            assertThat(configuration.get("mem_cache_size"))
                    .isEqualTo(started.sanitised().get("mem_cache_size"));
            assertThat(configuration.keySet()).isEqualTo(started.sanitised().keySet());
        });
    }

    @Test
    void appliesTheFollowersAndTheCachesTimingsWhenOneOfThemChanged() {
        List<TollgateConfig> timed = new ArrayList<>();
        ConfigReload reload = new ConfigReload(
                load(),
                file -> load(),
                new ConfigReload.Targets(
                        applied::add,
                        level -> {},
                        ConfigReload.DefaultCertificateSwap.NONE,
                        timed::add,
                        (next, shown) -> {}));
        values.put("headers", "off");
        assertThat(reload.reload(ReloadRequest.of(Optional.empty())).ok()).isTrue();
        assertThat(timed).as("no timing changed").isEmpty();

        values.put("db_update_frequency", "0.5");
        values.put("db_cache_ttl", "30");
        ReloadReply reply = reload.reload(ReloadRequest.of(Optional.empty()));

        assertThat(reply.text())
                .isEqualTo("Tollgate reloaded: applied db_update_frequency, db_cache_ttl, db_cache_neg_ttl");
        assertThat(timed).singleElement().satisfies(next -> {
            assertThat(next.dbUpdateFrequency()).isEqualTo(Duration.ofMillis(500));
            assertThat(next.dbCacheTtl()).isEqualTo(Duration.ofSeconds(30));
            assertThat(next.dbCacheNegTtl()).as("falls back to db_cache_ttl").isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void anInvalidConfigurationAppliesNothing() {
        ConfigReload reload = new ConfigReload(
                load(),
                file -> {
                    throw new ConfigException("invalid headers: \"x\" is not a header");
                },
                ConfigReload.Targets.edgeOnly(applied::add));

        ReloadReply reply = reload.reload(new ReloadRequest("id-1", Optional.empty()));

        assertThat(reply)
                .isEqualTo(new ReloadReply(
                        "id-1", false, "Error: invalid headers: \"x\" is not a header (nothing was applied)"));
        assertThat(applied).isEmpty();
    }

    @Test
    void aRenewedDefaultCertificateIsAppliedEvenAtTheSamePathsAndABadOneAppliesNothing() {
        List<String> swapped = new ArrayList<>();
        List<ConfigReload.DefaultCertificateSwap> prepared = new ArrayList<>();
        ConfigReload reload = new ConfigReload(
                load(),
                file -> load(),
                new ConfigReload.Targets(
                        applied::add,
                        level -> {},
                        next -> prepared.get(0).prepare(next),
                        next -> {},
                        (next, shown) -> {}));

        prepared.add(next -> Optional.of(() -> swapped.add("renewed")));
        values.put("headers", "off");
        ReloadReply renewed = reload.reload(ReloadRequest.of(Optional.empty()));
        assertThat(renewed.text()).isEqualTo("Tollgate reloaded: applied headers, ssl_cert");
        assertThat(swapped).containsExactly("renewed");

        prepared.set(0, next -> {
            throw new IllegalArgumentException("the default TLS certificate or its key is not valid PEM");
        });
        values.put("headers", "server_tokens");
        ReloadReply refused = reload.reload(ReloadRequest.of(Optional.empty()));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.text())
                .isEqualTo("Error: invalid ssl_cert: the default TLS certificate or its key is not valid PEM"
                        + " (nothing was applied)");
        assertThat(applied)
                .as("the headers of the refused reload are not applied")
                .hasSize(1);

        prepared.set(0, ConfigReload.DefaultCertificateSwap.NONE);
        assertThat(reload.reload(ReloadRequest.of(Optional.empty())).text())
                .isEqualTo("Tollgate reloaded: applied headers");
        assertThat(swapped).hasSize(1);
    }

    @Test
    void everySecretPropertyIsComparedWithoutBeingShown(@TempDir Path dir) throws IOException {
        TollgateConfig defaults = load();
        assertThat(ConfigReload.changed(defaults, defaults)).isEmpty();
        assertThat(Arrays.stream(Property.values()).filter(Property::sensitive))
                .allSatisfy(p ->
                        assertThat(ConfigReload.changed(defaults, defaults)).doesNotContain(p));
        values.put(
                "ssl_cert",
                Files.writeString(dir.resolve("a.pem"), "certificate").toString());
        values.put(
                "ssl_cert_key", Files.writeString(dir.resolve("a.key"), "key").toString());
        TollgateConfig one = load();
        values.put(
                "ssl_cert_key", Files.writeString(dir.resolve("b.key"), "key").toString());
        assertThat(ConfigReload.changed(one, load())).containsExactly(Property.SSL_CERT_KEY);
    }
}
