package io.tollgate.bootstrap.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.DeclaredEntity;
import io.tollgate.domain.catalog.EntityKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void a_format_1_1_file_has_its_regex_route_paths_upgraded_as_kong_3_does() throws Exception {
        String routes = """
                services:
                - name: pets
                  host: pets.internal
                  routes:
                  - paths: ['/pets$', '/pets/(?<id>[^\\/]+)$', /plain/path-1.0_~x, '/a%2Eb%3F%7E(x)']
                routes:
                - paths: ['/v1/.*']
                """;
        DeclaredConfiguration legacy = read("_format_version: \"1.1\"\n" + routes);
        assertThat(legacy.entities().get(1).fields().get("paths"))
                .isEqualTo(List.of("~/pets$", "~/pets/(?<id>[^\\/]+)$", "/plain/path-1.0_~x", "~/a\\.b%3F~(x)"));
        assertThat(legacy.entities().get(2).fields().get("paths")).isEqualTo(List.of("~/v1/.*"));
        DeclaredConfiguration current = read("_format_version: \"3.0\"\n" + routes);
        assertThat(current.entities().get(2).fields().get("paths")).isEqualTo(List.of("/v1/.*"));
    }

    @Test
    void a_yaml_file_with_anchors_and_aliases_reads_as_json_would_type_it(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kong.yaml");
        Files.writeString(file, """
                _format_version: "3.0"
                services:
                - name: a
                  host: a.internal
                  port: 8080
                  tags: &shared [team-a, 2024-01-01, yes, '1', 1e5, +5]
                  routes:
                  - name: r
                    paths: [/r]
                    tags: *shared
                    regex_priority: 0
                consumers:
                - username: on
                  custom_id: 010
                  tags: *shared
                """);
        DeclarativeReader.Result result = DeclarativeReader.read(file);
        assertThat(result.problems()).isEmpty();
        List<DeclaredEntity> entities = result.configuration().entities();
        List<String> tags = List.of("team-a", "2024-01-01", "yes", "1", "1e5", "+5");
        assertThat(entities.get(0).fields()).containsEntry("tags", tags).containsEntry("port", 8080);
        assertThat(entities.get(1).fields()).containsEntry("tags", tags).containsEntry("regex_priority", 0);
        assertThat(entities.get(2).fields())
                .containsEntry("tags", tags)
                .containsEntry("username", "on")
                .containsEntry("custom_id", "010");

        Files.writeString(file, "_format_version: \"3.0\"\nservices: [ {name: a\n");
        assertThat(DeclarativeReader.read(file).problems())
                .singleElement()
                .asString()
                .startsWith("failed parsing");
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
