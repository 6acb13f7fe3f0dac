package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code return <constant>} Lua that {@code custom_fields_by_lua} evaluates without a Lua runtime. */
class LuaConstantTest {

    private static Object value(String code) {
        Optional<LuaConstant.Value> constant = LuaConstant.of(code);
        assertThat(constant).as(code).isPresent();
        return constant.orElseThrow().value();
    }

    @Test
    void keywords_and_numbers_as_luajit_and_cjson_give_them() {
        assertThat(value("return nil")).isNull();
        assertThat(value("  return true ")).isEqualTo(true);
        assertThat(value("return false;")).isEqualTo(false);
        assertThat(value("return 123")).isEqualTo(123L);
        assertThat(value("return -5")).isEqualTo(-5L);
        assertThat(value("return 1.5")).isEqualTo(1.5);
        assertThat(value("return 1e3")).isEqualTo(1000L);
        assertThat(value("return 0x1F")).isEqualTo(31L);
        assertThat(value("return .5")).isEqualTo(0.5);
        assertThat(value("return 1e300")).isEqualTo(1e300);
    }

    @Test
    void strings_with_luas_escapes_and_long_brackets() {
        assertThat(value("return 'bar'")).isEqualTo("bar");
        assertThat(value("return\"bar\"")).isEqualTo("bar");
        assertThat(value("return 'it\\'s \\\"x\\\"\\n\\t\\\\'")).isEqualTo("it's \"x\"\n\t\\");
        assertThat(value("return '\\65\\066\\x43'")).isEqualTo("ABC");
        assertThat(value("return '\\195\\169'")).isEqualTo("é");
        assertThat(value("return 'a\\z   b'")).isEqualTo("ab");
        assertThat(value("return '円'")).isEqualTo("円");
        assertThat(value("return [[x 'y' \"z\"]]")).isEqualTo("x 'y' \"z\"");
        assertThat(value("return [==[\na]]b]==]")).isEqualTo("a]]b");
        assertThat(value("return ''")).isEqualTo("");
    }

    @Test
    void any_other_code_is_not_a_constant() {
        for (String code : new String[] {
            "return ngx.var.request_id",
            "return kong.request.get_header('x')",
            "return 'a' .. 'b'",
            "return [[a]] .. [[b]]",
            "return 1 + 2",
            "return (1)",
            "return",
            "returned = 1",
            "return123",
            "local x = 1 return x",
            "return 'unterminated",
            "return 'bad \\q escape'",
            "return '\\256'",
            "return 'two\nlines'",
            "return nil -- comment",
            "return 0xFFFFFFFFFFFFFFFFFF",
            ""
        }) {
            assertThat(LuaConstant.of(code)).as(code).isEmpty();
        }
    }
}
