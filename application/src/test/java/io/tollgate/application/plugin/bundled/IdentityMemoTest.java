package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityMemoTest {

    @Test
    void keepsAValuePerInstanceNotPerEqualValue() {
        IdentityMemo<Map<String, Object>, String> memo = new IdentityMemo<>(8);
        Map<String, Object> first = new HashMap<>(Map.of("minute", 5));
        Map<String, Object> equalButNew = new HashMap<>(Map.of("minute", 5));

        memo.put(first, "compiled from first");

        assertThat(memo.get(first)).isEqualTo("compiled from first");
        assertThat(memo.get(equalButNew)).isNull(); // a replaced entity or config never reads its predecessor's value
    }

    @Test
    void startsOverOnceFull() {
        IdentityMemo<Object, Integer> memo = new IdentityMemo<>(2);
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        memo.put(a, 1);
        memo.put(b, 2);

        memo.put(c, 3);

        assertThat(memo.size()).isEqualTo(1);
        assertThat(memo.get(a)).isNull();
        assertThat(memo.get(c)).isEqualTo(3);
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new IdentityMemo<>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
