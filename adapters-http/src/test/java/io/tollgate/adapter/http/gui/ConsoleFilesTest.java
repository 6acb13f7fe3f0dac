package io.tollgate.adapter.http.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleFilesTest {

    @TempDir
    Path dir;

    private ClassLoader build() throws Exception {
        Path root = Files.createDirectories(dir.resolve(ConsoleFiles.ROOT).resolve("assets"));
        Files.writeString(
                root.getParent().resolve("index.html"),
                "<script src=\"/__gui_base__/kconfig.js\"></script><script src=\"/__console_base__/assets/a.js\">");
        Files.writeString(root.resolve("a.js"), "import('/__console_base__/assets/b.js')");
        Files.write(root.resolve("logo.png"), "/__console_base__/".getBytes(StandardCharsets.UTF_8));
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void markers_become_the_paths_the_console_is_served_under() throws Exception {
        ConsoleFiles root = new ConsoleFiles("", build());
        assertThat(root.present()).isTrue();
        assertThat(text(root.file("index.html")))
                .isEqualTo("<script src=\"/kconfig.js\"></script><script src=\"/console/assets/a.js\">");
        ConsoleFiles nested = new ConsoleFiles("/admin/gui", build());
        assertThat(text(nested.file("index.html")))
                .contains("\"/admin/gui/kconfig.js\"")
                .contains("\"/admin/gui/console/assets/a.js\"");
        assertThat(text(nested.file("assets/a.js"))).isEqualTo("import('/admin/gui/console/assets/b.js')");
    }

    @Test
    void binary_files_are_left_alone_and_missing_ones_or_directories_are_null() throws Exception {
        ConsoleFiles files = new ConsoleFiles("/x", build());
        assertThat(text(files.file("assets/logo.png"))).isEqualTo("/__console_base__/");
        assertThat(files.file("assets/missing.js")).isNull();
        assertThat(files.file("assets")).isNull();
        assertThat(new ConsoleFiles("", new URLClassLoader(new URL[0], null)).present())
                .isFalse();
    }
}
