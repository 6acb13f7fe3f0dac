package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.PluginContext;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The Kong PDK getters {@code custom_fields_by_lua} may return, read from a request in the log phase. */
class LuaGetterTest {

    private static final PluginContext CONTEXT = (PluginContext) Proxy.newProxyInstance(
            PluginContext.class.getClassLoader(),
            new Class<?>[] {PluginContext.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "header" -> Map.of("h1", "one", "x-my-header", "mine").get((String) args[0]);
                case "method" -> "POST";
                case "path" -> "/a%2Fb";
                case "host" -> "example.test";
                case "scheme" -> "https";
                case "clientIp" -> "10.0.0.7";
                case "responseStatus" -> 201;
                case "responseHeaderValues" ->
                    "content-type".equalsIgnoreCase((String) args[0]) ? List.of("text/plain", "text/html") : List.of();
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private static @Nullable Object read(String code) {
        assertThat(LuaGetter.of(code)).as(code).isPresent();
        return LuaGetter.of(code).orElseThrow().apply(CONTEXT);
    }

    @Test
    void kongs_documented_get_header_and_the_other_getters() {
        assertThat(read("return kong.request.get_header('h1')")).isEqualTo("one");
        assertThat(read("return kong.request.get_header(\"h1\");")).isEqualTo("one");
        assertThat(read("return kong.request.get_header('x_my_header')")).isEqualTo("mine");
        assertThat(read("return kong.request.get_header('absent')")).isNull();
        assertThat(read(" return kong.request.get_method() ")).isEqualTo("POST");
        assertThat(read("return kong.request.get_path()")).isEqualTo("/a%2Fb");
        assertThat(read("return kong.request.get_host()")).isEqualTo("example.test");
        assertThat(read("return kong.request.get_scheme()")).isEqualTo("https");
        assertThat(read("return kong.client.get_forwarded_ip()")).isEqualTo("10.0.0.7");
        assertThat(read("return kong.response.get_status()")).isEqualTo(201L);
        assertThat(read("return kong.response.get_header('Content-Type')")).isEqualTo("text/plain");
        assertThat(read("return kong.response.get_header('absent')")).isNull();
    }

    @Test
    void any_other_code_is_not_a_getter() {
        for (String code : new String[] {
            "return kong.request.get_header()",
            "return kong.request.get_method('x')",
            "return kong.request.get_header(name)",
            "return kong.request.get_header('a' .. 'b')",
            "return kong.request.get_header('h1') or 'none'",
            "return kong.request.get_headers()",
            "return kong.service.get_header('h1')",
            "return ngx.var.request_id",
            "kong.request.get_method()",
            "returnkong.request.get_method()"
        }) {
            assertThat(LuaGetter.of(code)).as(code).isEmpty();
        }
    }
}
