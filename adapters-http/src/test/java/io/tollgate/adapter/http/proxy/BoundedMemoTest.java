package io.tollgate.adapter.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {

    private final List<String> made = new ArrayList<>();

    private String upper(String key) {
        made.add(key);
        return key.equals("none") ? null : key.toUpperCase();
    }

    @Test
    void computesAKeysResultOnceWhileThereIsRoom() {
        BoundedMemo<String, String> memo = new BoundedMemo<>(2, this::upper);

        assertThat(memo.get("a")).isEqualTo("A");
        assertThat(memo.get("a")).isEqualTo("A");
        assertThat(made).containsExactly("a");
    }

    @Test
    void keepsNoNullResultAndNothingPastItsCapacity() {
        BoundedMemo<String, String> memo = new BoundedMemo<>(2, this::upper);
        memo.get("none");
        memo.get("none");
        memo.get("a");
        memo.get("b");
        memo.get("c");
        memo.get("c");

        assertThat(memo.size()).isEqualTo(2);
        assertThat(made).containsExactly("none", "none", "a", "b", "c", "c");
        assertThat(memo.get("a")).isEqualTo("A");
        assertThat(made).hasSize(6);
    }
}
