package io.tollgate.bootstrap.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.plugin.bundled.BundledPlugins;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.bootstrap.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery of plugins: bundled, {@code <prefix>/plugins/*.jar}, the {@code plugins} property, broken jars. */
class PluginLoaderTest {

    @TempDir
    Path prefix;

    final ClassLoader parent = PluginLoaderTest.class.getClassLoader();

    static List<String> names(List<TollgatePlugin> plugins) {
        return plugins.stream().map(p -> p.definition().name()).toList();
    }

    /** A jar holding one compiled plugin class {@code test.<className>} with the given body, and its services file. */
    Path pluginJar(String jarName, String className, String body) throws IOException {
        Path sources = Files.createTempDirectory(prefix, "src");
        Path source = sources.resolve(className + ".java");
        Files.writeString(source, "package test;\n" + body);
        Path classes = Files.createTempDirectory(prefix, "classes");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                source.toString());
        assertThat(status).as("the test plugin compiles").isZero();
        Path jar =
                Files.createDirectories(prefix.resolve(PluginLoader.DIRECTORY)).resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + TollgatePlugin.class.getName()));
            out.write(("test." + className + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    static String plugin(String className, String name, String constructorBody) {
        return """
                import io.tollgate.application.plugin.spi.*;
                import io.tollgate.domain.plugin.PluginDefinition;
                import io.tollgate.domain.schema.RecordSchema;
                public class %s implements TollgatePlugin, PluginHandler {
                    public %s() { %s }
                    public PluginDefinition definition() {
                        return new PluginDefinition("%s", 10, "1.0.0", RecordSchema.of(), false);
                    }
                    public PluginHandler handler(PluginEnvironment environment) { return this; }
                }
                """.formatted(className, className, constructorBody, name);
    }

    @Test
    void bundledStandsForTheBundledPluginsAndOffForNone() {
        assertThat(names(PluginLoader.load(prefix, List.of("bundled"), parent)))
                .containsExactlyElementsOf(names(BundledPlugins.all()))
                .contains("key-auth", "request-termination", "correlation-id");
        assertThat(PluginLoader.load(prefix, List.of(), parent)).isEmpty();
        assertThat(names(PluginLoader.load(prefix, List.of("correlation-id"), parent)))
                .containsExactly("correlation-id");
    }

    @Test
    void aJarInThePrefixPluginsDirectoryIsFoundButOnlyEnabledWhenListed() throws IOException {
        pluginJar("hello.jar", "Hello", plugin("Hello", "hello", ""));

        assertThat(names(PluginLoader.load(prefix, List.of("bundled"), parent))).doesNotContain("hello");
        List<TollgatePlugin> enabled = PluginLoader.load(prefix, List.of("bundled", "hello"), parent);
        List<String> expected = new ArrayList<>(names(BundledPlugins.all()));
        expected.add("hello");
        assertThat(names(enabled)).containsExactlyElementsOf(expected);
        assertThat(enabled.get(enabled.size() - 1).getClass().getClassLoader()).isNotSameAs(parent);
    }

    @Test
    void anEnabledPluginNobodyHasStopsStartUp() {
        assertThatThrownBy(() -> PluginLoader.load(prefix, List.of("bundled", "nope"), parent))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("plugin 'nope' is enabled in 'plugins' but not installed");
    }

    @Test
    void aJarThatIsNotAJarStopsStartUpWithOneLineNamingIt() throws IOException {
        Path jar = Files.createDirectories(prefix.resolve("plugins")).resolve("broken.jar");
        try (OutputStream out = Files.newOutputStream(jar)) {
            out.write("not a zip".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> PluginLoader.load(prefix, List.of("bundled"), parent))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("could not load plugin jar " + jar + ": java.util.zip.ZipException")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aPluginWhoseConstructorThrowsStopsStartUpNamingTheJarAndTheCause() throws IOException {
        Path jar = pluginJar(
                "angry.jar", "Angry", plugin("Angry", "angry", "throw new IllegalStateException(\"no way\");"));

        assertThatThrownBy(() -> PluginLoader.load(prefix, List.of("bundled"), parent))
                .isInstanceOf(ConfigException.class)
                .hasMessage("could not load plugin jar " + jar + ": java.lang.IllegalStateException: no way");
    }

    @Test
    void aPluginNamedLikeABundledOneIsRefused() throws IOException {
        Path jar = pluginJar("clash.jar", "Clash", plugin("Clash", "key-auth", ""));

        assertThatThrownBy(() -> PluginLoader.load(prefix, List.of("bundled"), parent))
                .isInstanceOf(ConfigException.class)
                .hasMessage("plugin 'key-auth' is defined twice: bundled and jar " + jar);
    }
}
