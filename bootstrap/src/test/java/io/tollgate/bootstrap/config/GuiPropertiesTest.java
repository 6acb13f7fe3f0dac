package io.tollgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kong Manager's properties: defaults, {@code off}, Kong's {@code admin_gui_path} rules, the directory. */
class GuiPropertiesTest {

    private static AdminGuiConfig parse(Map<Property, String> raw) {
        Map<Property, String> all = new HashMap<>(raw);
        all.putIfAbsent(Property.PREFIX, "/srv/tollgate");
        return ConfigParser.parse(all, warning -> {}).adminGui();
    }

    @Test
    void defaults_listen_on_loopback_8002_at_the_root_with_the_build_under_the_prefix() {
        AdminGuiConfig gui = parse(Map.of());
        assertThat(gui.listen()).hasSize(1);
        assertThat(gui.listen().get(0).toString()).isEqualTo("127.0.0.1:8002");
        assertThat(gui.path()).isEqualTo("/");
        assertThat(gui.apiUrl()).isEmpty();
        assertThat(gui.dir()).isEqualTo(Path.of("/srv/tollgate/gui"));
        assertThat(TollgateConfig.defaults().sanitised()).containsKeys("admin_gui_listen", "admin_gui_path");
    }

    @Test
    void off_means_no_listener_and_the_other_properties_are_kept() {
        AdminGuiConfig gui = parse(Map.of(
                Property.ADMIN_GUI_LISTEN, "off",
                Property.ADMIN_GUI_PATH, "/manager/v1",
                Property.ADMIN_GUI_API_URL, "https://admin.example:8444",
                Property.ADMIN_GUI_DIR, "km"));
        assertThat(gui.listen()).isEmpty();
        assertThat(gui.path()).isEqualTo("/manager/v1");
        assertThat(gui.apiUrl()).contains("https://admin.example:8444");
        assertThat(gui.dir()).isEqualTo(Path.of("/srv/tollgate/km"));
    }

    @Test
    void admin_gui_path_follows_kongs_rules() {
        for (var bad : List.of(
                List.of("manager", "must start with a slash ('/')"),
                List.of("/manager/", "must not end with a slash ('/')"),
                List.of("/man ager", "can only contain letters, digits, hyphens ('-'), underscores ('_'), and slashes"),
                List.of("/a//b", "must not contain continuous slashes ('/')"))) {
            assertThatThrownBy(() -> parse(Map.of(Property.ADMIN_GUI_PATH, bad.get(0))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("invalid admin_gui_path: \"" + bad.get(0) + "\" " + bad.get(1));
        }
    }
}
