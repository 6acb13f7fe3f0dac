package io.tollgate.bootstrap.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.DeclaredEntity;
import io.tollgate.domain.catalog.EntityKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading decK's nesting, foreign keys written as names or ids, and structural problems named by their path. */
class DeclarativeReaderTest {

    @Test
    void nested_entities_follow_their_parent_with_the_implied_reference() throws Exception {
        DeclaredConfiguration read = read("""
                _format_version: "3.0"
                _info: {select_tags: [team-a]}
                services:
                - name: billing
                  host: billing.internal
                  routes:
                  - name: api
                    paths: [/billing]
                    plugins:
                    - name: key-auth
                consumers:
                - username: alice
                  keyauth_credentials: [{key: k1}]
                certificates:
                - cert: c
                  key: k
                  snis: [a.example.com]
                plugins:
                - name: cors
                  service: billing
                  consumer: 6f1c2c40-8d2a-4b4e-9f6e-2f6d1f0b8a11
                """);
        List<DeclaredEntity> entities = read.entities();
        assertThat(entities)
                .extracting(DeclaredEntity::path)
                .containsExactly(
                        "services[0]",
                        "services[0].routes[0]",
                        "services[0].routes[0].plugins[0]",
                        "consumers[0]",
                        "consumers[0].keyauth_credentials[0]",
                        "certificates[0]",
                        "certificates[0].snis[0]",
                        "plugins[0]");
        assertThat(entities.get(1).parent()).isEqualTo(new DeclaredEntity.Parent("service", 0));
        assertThat(entities.get(2).parent()).isEqualTo(new DeclaredEntity.Parent("route", 1));
        assertThat(entities.get(4).parent()).isEqualTo(new DeclaredEntity.Parent("consumer", 3));
        assertThat(entities.get(6).kind()).isEqualTo(EntityKind.SNIS);
        assertThat(entities.get(6).fields()).containsEntry("name", "a.example.com");
        assertThat(entities.get(5).fields()).doesNotContainKey("snis");
        assertThat(entities.get(7).fields())
                .containsEntry("service", Map.of("name", "billing"))
                .containsEntry("consumer", Map.of("id", "6f1c2c40-8d2a-4b4e-9f6e-2f6d1f0b8a11"));
        assertThat(entities.get(0).fields()).containsEntry("tags", List.of("team-a"));
        assertThat(read.transform()).isTrue();
    }

    @Test
    void structural_problems_name_their_path() throws Exception {
        DeclarativeReader.Result result = DeclarativeReader.of(document("""
                services:
                - name: s
                  routes: {name: not-a-list}
                - just a string
                widgets: []
                _transform: maybe
                """));
        assertThat(result.configuration()).isNull();
        assertThat(result.problems())
                .containsExactly(
                        "_format_version: required field missing",
                        "_transform: expected a boolean",
                        "services[0].routes: expected an array",
                        "services[1]: expected a record",
                        "widgets: unknown field");
    }

    private static DeclaredConfiguration read(String yaml) throws Exception {
        DeclarativeReader.Result result = DeclarativeReader.of(document(yaml));
        assertThat(result.problems()).isEmpty();
        return result.configuration();
    }

    private static Map<String, Object> document(String yaml) throws Exception {
        return DeclarativeFiles.yaml().readValue(yaml, new TypeReference<Map<String, Object>>() {});
    }
}
