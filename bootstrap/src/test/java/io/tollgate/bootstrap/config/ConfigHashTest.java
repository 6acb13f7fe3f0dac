package io.tollgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigHashTest {

    private static String hash(Map<String, String> overrides) {
        return ConfigHash.of(new ConfigLoader(Map.of(), List.of(), w -> {}).load(null, overrides));
    }

    @Test
    void equalBehaviourHashesEquallyWhateverTheSecretsAndNodeLocalProperties() {
        String base = hash(Map.of());
        assertThat(base).matches("[0-9a-f]{32}");
        assertThat(hash(Map.of())).isEqualTo(base);
        assertThat(hash(Map.of(
                        "pg_password", "s3cret",
                        "prefix", "/elsewhere",
                        "proxy_listen", "127.0.0.1:9000",
                        "admin_listen", "127.0.0.1:9001",
                        "node_id", "6f1a3c2e-0b4d-4e5f-8a9b-0c1d2e3f4a5b")))
                .isEqualTo(base);
    }

    @Test
    void aDifferentSettingHashesDifferently() {
        assertThat(hash(Map.of("db_update_frequency", "1"))).isNotEqualTo(hash(Map.of()));
        assertThat(hash(Map.of("plugins", "off"))).isNotEqualTo(hash(Map.of()));
    }
}
