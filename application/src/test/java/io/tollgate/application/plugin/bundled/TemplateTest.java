package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.application.proxy.NoJson;
import io.tollgate.application.proxy.plugin.PluginPhases;
import io.tollgate.application.proxy.plugin.PluginsHolder;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The transformer templates (Kong's request-transformer docs: headers, query_params, uri_captures, shared). */
class TemplateTest {

    private static PluginContext context(FakeExchange exchange) {
        return PluginPhases.withBundledPlugins(
                        new PluginsHolder(new InMemoryEntityStore()),
                        new InMemoryEntityStore(),
                        new InMemoryNodeCache(),
                        new WorkspaceId(UUID.randomUUID()),
                        NoJson.CODEC,
                        new DatabaseOutages())
                .begin(exchange);
    }

    @Test
    void placeholders_render_request_values_defaults_and_escapes() {
        PluginContext request = context(FakeExchange.get("/x?user=ann&tag=a&tag=b")
                .header("X-Token", "t1")
                .header("x_kind", "book"));
        request.shared().put("tenant", "acme");
        Template.Source context = Template.Source.of(request);

        assertThat(Template.render("Bearer $(headers[\"x-token\"])", context)).isEqualTo("Bearer t1");
        assertThat(Template.render("$(headers.x_kind)/$(query_params.user)", context))
                .isEqualTo("book/ann");
        assertThat(Template.render("$(query_params['tag'])", context)).isEqualTo("a, b");
        assertThat(Template.render("$(shared.tenant)", context)).isEqualTo("acme");
        assertThat(Template.render("$(headers.missing or 'none')|$(headers.missing)|", context))
                .isEqualTo("none||");
        assertThat(Template.render("$(uri_captures[1] or \"-\")", context))
                .as("no route yet")
                .isEqualTo("-");
        assertThat(Template.render("literal \\$(headers.x_kind)", context)).isEqualTo("literal $(headers.x_kind)");
        assertThat(Template.render("plain", context)).isEqualTo("plain");
        assertThat(Template.render("$('$(uri_captures.user1)')|$(\"(a)\")", context))
                .as("a quoted string renders as it is, parentheses included")
                .isEqualTo("$(uri_captures.user1)|(a)");
    }

    @Test
    void headers_render_as_the_request_came_even_after_rules_changed_them() {
        PluginContext request = context(FakeExchange.get("/").header("X-Old", "before"));
        Template.Source source = Template.Source.of(request);
        request.removeHeader("X-Old");
        request.setHeader("X-New", "now");

        assertThat(Template.render("$(headers['x-old'])|$(headers['x-new'])", source))
                .isEqualTo("before|");
    }

    @Test
    void a_lua_expression_tollgate_does_not_evaluate_is_refused() {
        Template.Source context = Template.Source.of(context(FakeExchange.get("/")));
        assertThatThrownBy(() -> Template.render("$(os.getenv('HOME'))", context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported template expression");
    }

    @Test
    void url_encoded_args_decode_and_encode_in_order() {
        Map<String, java.util.List<String>> args = UrlEncodedArgs.decode("a=1&b=x+y&a=2&flag&c=%C3%A9");
        assertThat(args)
                .containsExactly(
                        Map.entry("a", java.util.List.of("1", "2")),
                        Map.entry("b", java.util.List.of("x y")),
                        Map.entry("flag", java.util.List.of("")),
                        Map.entry("c", java.util.List.of("é")));
        assertThat(UrlEncodedArgs.encode(args)).isEqualTo("a=1&a=2&b=x%20y&flag=&c=%C3%A9");
        assertThat(UrlEncodedArgs.encode(Map.of())).isNull();
    }
}
