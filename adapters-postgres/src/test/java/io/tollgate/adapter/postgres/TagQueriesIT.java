package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.consumer;
import static io.tollgate.adapter.postgres.Fixtures.entity;
import static io.tollgate.adapter.postgres.Fixtures.route;
import static io.tollgate.adapter.postgres.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.TagFilter;
import io.tollgate.application.port.TagPage;
import io.tollgate.application.port.TagPageRequest;
import io.tollgate.application.port.TaggedEntity;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Services;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kong's tag filters on pages and the {@code /tags} listing, on a real PostgreSQL with the V4 GIN indexes. */
class TagQueriesIT extends DatabaseIT {

    private JooqTagIndex tags;

    @BeforeEach
    void tagIndex() {
        tags = new JooqTagIndex(db.dsl);
    }

    private Entity service(String name, String... tags) {
        Entity s = entity(Services.SCHEMA, Map.of("name", name, "host", name + ".example.com", "tags", List.of(tags)));
        writes.insert(s);
        return s;
    }

    private List<String> names(Page page) {
        return page.data().stream().map(e -> e.string("name")).sorted().toList();
    }

    private Page filtered(TagFilter.Mode mode, String... wanted) {
        return store.page(Services.SCHEMA, PageRequest.first(100).withTags(new TagFilter(List.of(wanted), mode)));
    }

    @Test
    void all_of_the_tags_and_any_of_the_tags() {
        service("ab", "a", "b");
        service("a", "a");
        service("bc", "b", "c");
        service("none");
        writes.insert(entity(Services.SCHEMA, Map.of("name", "null-tags", "host", "x.example.com")));

        assertThat(names(filtered(TagFilter.Mode.ALL, "a"))).containsExactly("a", "ab");
        assertThat(names(filtered(TagFilter.Mode.ALL, "a", "b"))).containsExactly("ab");
        assertThat(names(filtered(TagFilter.Mode.ALL, "a", "c"))).isEmpty();
        assertThat(names(filtered(TagFilter.Mode.ANY, "a", "c"))).containsExactly("a", "ab", "bc");
        assertThat(names(filtered(TagFilter.Mode.ANY, "zzz"))).isEmpty();
        assertThat(names(filtered(TagFilter.Mode.ALL, "it's", "\"quoted\""))).isEmpty();
        assertThat(store.page(Services.SCHEMA, PageRequest.first(100)).data()).hasSize(5);
    }

    @Test
    void tag_filters_combine_with_keyset_pagination_and_with_a_parent() {
        Entity s = service("svc");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Entity r = with(route("r" + i, s), Map.of("tags", i % 2 == 0 ? List.of("even", "x") : List.of("odd", "x")));
            writes.insert(r);
            if (i % 2 == 0) {
                expected.add(r.id().toString());
            }
        }
        writes.insert(with(route("orphan", null), Map.of("tags", List.of("even"))));
        List<String> seen = new ArrayList<>();
        PageRequest request =
                new PageRequest(2, null, "service", s.id(), new TagFilter(List.of("even"), TagFilter.Mode.ALL));
        do {
            Page page = store.page(Routes.SCHEMA, request);
            page.data().forEach(e -> seen.add(e.id().toString()));
            request = page.next() == null ? null : new PageRequest(2, page.next(), "service", s.id(), request.tags());
        } while (request != null);
        assertThat(seen).containsExactlyElementsOf(expected.stream().sorted().toList());
    }

    @Test
    void the_tags_listing_spans_every_tagged_table_in_keyset_pages() {
        Entity s = service("svc", "shared", "s-only");
        Entity c = entity(Consumers.SCHEMA, Map.of("username", "alice", "tags", List.of("shared")));
        writes.insert(c);
        writes.insert(consumer("untagged", null));
        List<TaggedEntity> expected = new ArrayList<>(List.of(
                new TaggedEntity("s-only", "services", s.id()),
                new TaggedEntity("shared", "services", s.id()),
                new TaggedEntity("shared", "consumers", c.id())));
        // PostgreSQL orders uuids by their unsigned bytes, as their lower-case text sorts (not as UUID.compareTo).
        expected.sort(Comparator.comparing((TaggedEntity t) -> t.entityId().toString())
                .thenComparing(TaggedEntity::entityName)
                .thenComparing(TaggedEntity::tag));

        List<TaggedEntity> seen = new ArrayList<>();
        TagPageRequest request = new TagPageRequest(1, null, null);
        int pages = 0;
        while (request != null) {
            TagPage page = tags.page(request);
            seen.addAll(page.data());
            pages++;
            request = page.next() == null ? null : new TagPageRequest(1, null, page.next());
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);

        assertThat(tags.page(new TagPageRequest(10, "shared", null)).data())
                .extracting(TaggedEntity::entityName)
                .containsExactlyInAnyOrder("services", "consumers");
        assertThat(tags.page(new TagPageRequest(10, "s-only", null)).data())
                .containsExactly(new TaggedEntity("s-only", "services", s.id()));
        assertThat(tags.page(new TagPageRequest(10, "nope", null))).isEqualTo(new TagPage(List.of(), null));
    }

    @Test
    void the_filters_use_the_gin_indexes() {
        for (int i = 0; i < 50; i++) {
            service("s" + i, "t" + i);
        }
        db.dsl.execute("ANALYZE services");
        String all = plan("SELECT id FROM services WHERE (entity -> 'tags') @> '[\"t1\"]'::jsonb");
        String any = plan("SELECT id FROM services WHERE (entity -> 'tags') ?| array['t1','t2']");
        assertThat(all).contains("services_tags_idx");
        assertThat(any).contains("services_tags_idx");
        assertThat(db.dsl.fetchValue("SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%\\_tags\\_idx'"))
                .as("one GIN index per tagged table")
                .isEqualTo(io.tollgate.domain.catalog.schemas.Schemas.ALL.stream()
                        .filter(schema -> schema.field("tags").isPresent())
                        .count());
    }

    private String plan(String sql) {
        return db.dsl.transactionResult(c -> {
            c.dsl().execute("SET LOCAL enable_seqscan = off");
            Result<Record> rows = c.dsl().fetch("EXPLAIN " + sql.replace("?|", "??|"));
            StringBuilder text = new StringBuilder();
            rows.forEach(r -> text.append(r.get(0)).append('\n'));
            return text.toString();
        });
    }
}
