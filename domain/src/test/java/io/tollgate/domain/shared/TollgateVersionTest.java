package io.tollgate.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TollgateVersionTest {
    @Test
    void versionIsTheFilteredMavenProjectVersion() {
        assertThat(TollgateVersion.current())
                .matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?")
                .isNotEqualTo("unknown");
    }
}
