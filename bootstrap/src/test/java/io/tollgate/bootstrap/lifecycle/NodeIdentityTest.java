package io.tollgate.bootstrap.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {

    @TempDir
    Path prefix;

    @Test
    void theFirstStartWritesARandomIdThatLaterStartsReadBack() throws Exception {
        UUID first = NodeIdentity.resolve(prefix, Optional.empty());
        assertThat(Files.readString(prefix.resolve("tollgate.id")).strip()).isEqualTo(first.toString());
        assertThat(NodeIdentity.resolve(prefix, Optional.empty())).isEqualTo(first);
        assertThat(NodeIdentity.resolve(Files.createDirectory(prefix.resolve("other")), Optional.empty()))
                .isNotEqualTo(first);
    }

    @Test
    void aConfiguredIdWinsAndLeavesThePrefixAlone() {
        UUID configured = UUID.randomUUID();
        assertThat(NodeIdentity.resolve(prefix, Optional.of(configured))).isEqualTo(configured);
        assertThat(prefix.resolve("tollgate.id")).doesNotExist();
    }

    @Test
    void aDamagedFileIsAClearError() throws Exception {
        Files.writeString(prefix.resolve("tollgate.id"), "not-a-uuid\n");
        assertThatThrownBy(() -> NodeIdentity.resolve(prefix, Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invalid node id in " + prefix.resolve("tollgate.id"))
                .hasMessageContaining("\"not-a-uuid\" is not a UUID");
    }
}
