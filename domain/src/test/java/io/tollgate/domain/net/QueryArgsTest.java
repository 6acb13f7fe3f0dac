package io.tollgate.domain.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryArgsTest {

    @Test
    void reads_args_as_kongs_get_query() {
        assertThat(QueryArgs.parse("hello=there&gimme-an-echo=anything%20will+do&flag&a=1&a=2&=x&e=&bad=%zz"))
                .containsExactly(
                        Map.entry("hello", "there"),
                        Map.entry("gimme-an-echo", "anything will do"),
                        Map.entry("flag", true),
                        Map.entry("a", List.of("1", "2")),
                        Map.entry("e", ""),
                        Map.entry("bad", "%zz"));
        assertThat(QueryArgs.parse(null)).isEmpty();
        assertThat(QueryArgs.parse("")).isEmpty();
    }
}
