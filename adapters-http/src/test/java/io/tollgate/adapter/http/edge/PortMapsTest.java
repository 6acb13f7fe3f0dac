package io.tollgate.adapter.http.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortMapsTest {

    @Test
    void maps_each_listening_port_to_the_forwarded_one_and_leaves_others() {
        PortMaps maps = PortMaps.parse(List.of("80:8000", " 443:8443 "));
        assertThat(maps.forwarded(8000)).isEqualTo(80);
        assertThat(maps.forwarded(8443)).isEqualTo(443);
        assertThat(maps.forwarded(9000)).isEqualTo(9000);
        assertThat(maps.entries()).containsExactly("80:8000", "443:8443");
        assertThat(PortMaps.NONE.forwarded(8000)).isEqualTo(8000);
    }

    @Test
    void refuses_what_is_not_a_pair_of_ports_as_kong_does() {
        for (String bad : List.of("80", "80-8000", "a:8000", "0:8000", "80:65536", "80:8000:1")) {
            assertThatThrownBy(() -> PortMaps.parse(List.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid port mapping (`port_maps`): " + bad);
        }
    }
}
