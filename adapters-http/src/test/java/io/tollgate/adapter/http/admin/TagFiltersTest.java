package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.port.TagFilter;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.Fields;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.InvalidRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagFiltersTest {

    private static Map<String, Deque<String>> query(String... tags) {
        return Map.of("tags", new ArrayDeque<>(List.of(tags)));
    }

    private static TagFilter parse(String raw) {
        return TagFilters.of(query(raw), Services.SCHEMA);
    }

    private static void rejected(EntitySchema schema, String raw, String why) {
        assertThatThrownBy(() -> TagFilters.of(query(raw), schema)).isInstanceOfSatisfying(InvalidRequest.class, e -> {
            assertThat(e.code()).isEqualTo(11);
            assertThat(e.fieldsName()).isEqualTo("options");
            assertThat(e.getMessage()).isEqualTo("invalid option (tags: " + why + ")");
            assertThat(e.fields()).isEqualTo(Map.of("tags", why));
        });
    }

    @Test
    void commas_mean_all_slashes_mean_any() {
        assertThat(parse("a")).isEqualTo(new TagFilter(List.of("a"), TagFilter.Mode.ALL));
        assertThat(parse("a,b,a")).isEqualTo(new TagFilter(List.of("a", "b"), TagFilter.Mode.ALL));
        assertThat(parse("a/b")).isEqualTo(new TagFilter(List.of("a", "b"), TagFilter.Mode.ANY));
        assertThat(parse("a,")).isEqualTo(new TagFilter(List.of("a"), TagFilter.Mode.ALL));
        assertThat(parse("é t~x")).isEqualTo(new TagFilter(List.of("é t~x"), TagFilter.Mode.ALL));
        assertThat(TagFilters.of(Map.of(), Services.SCHEMA)).isNull();
        assertThat(TagFilters.of(query("x", "y"), Services.SCHEMA)).isEqualTo(parse("x"));
    }

    @Test
    void kongs_errors() {
        rejected(Services.SCHEMA, "", "cannot be null");
        rejected(Services.SCHEMA, "a,b/c", "invalid filter syntax");
        rejected(Services.SCHEMA, ",a", "invalid filter syntax");
        rejected(Services.SCHEMA, "a//b", "invalid filter syntax");
        rejected(Services.SCHEMA, "a\tb", "invalid filter syntax");
        rejected(Services.SCHEMA, "1/2/3/4/5/6", "cannot query more than 5 tags");
        EntitySchema untagged =
                new EntitySchema(EntityKind.CONSUMERS, null, RecordSchema.of(Fields.id()), List.of(), Map.of());
        rejected(untagged, "a", "cannot be used with 'consumers'");
    }

    @Test
    void next_links_escape_like_nginx() {
        assertThat(TagFilters.carried(query("a,b c/é"))).isEqualTo("&tags=a%2Cb%20c%2F%C3%A9");
        assertThat(TagFilters.carried(Map.of())).isEmpty();
        assertThat(TagFilters.escape("A-z_0.9~")).isEqualTo("A-z_0.9~");
    }
}
