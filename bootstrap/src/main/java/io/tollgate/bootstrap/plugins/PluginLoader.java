package io.tollgate.bootstrap.plugins;

import io.tollgate.application.plugin.bundled.BundledPlugins;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.bootstrap.config.ConfigException;
import io.tollgate.bootstrap.config.Property;
import io.tollgate.domain.plugin.PluginDefinition;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the node's plugins (Kong's {@code loaded_plugins}) and picks the enabled ones: the bundled plugins, the
 * {@link TollgatePlugin} providers {@link ServiceLoader} finds on the class path, and those of each
 * {@code <prefix>/plugins/*.jar} (one class loader per jar, whose parent is Tollgate's: a jar holds its plugin and the
 * libraries it needs, shaded; it sees Tollgate's SPI and the domain types).
 *
 * <p>Every failure stops start-up with a {@link ConfigException} whose message is one line: a jar that cannot be read
 * or whose provider cannot be loaded or instantiated (naming the jar and the cause), two plugins with one name, a
 * name in {@code plugins} that no plugin has.
 */
public final class PluginLoader {

    /** The directory under the prefix holding custom plugin jars: {@code plugins}, named like the property. */
    public static final String DIRECTORY = Property.PLUGINS.key();

    /** The {@code plugins} entry that stands for every bundled plugin. */
    public static final String BUNDLED = "bundled";

    private PluginLoader() {}

    /** A plugin found, with where it came from (for messages). */
    private record Found(TollgatePlugin plugin, String source) {}

    /**
     * The enabled plugins: {@code enabled}'s entries in order, {@code bundled} expanded to the bundled plugins.
     *
     * @param prefix the node's prefix ({@code <prefix>/plugins/*.jar} are read when the directory exists)
     * @param enabled the {@code plugins} property's names; empty for {@code off}
     * @param parent the class loader of Tollgate (the class path searched, and the jars' parent)
     * @throws ConfigException with a one-line message when a plugin cannot be loaded or an enabled one is missing
     */
    public static List<TollgatePlugin> load(Path prefix, List<String> enabled, ClassLoader parent) {
        Map<String, Found> available = new LinkedHashMap<>();
        List<String> bundled = new ArrayList<>();
        for (TollgatePlugin plugin : BundledPlugins.all()) {
            add(available, new Found(plugin, "bundled"));
            bundled.add(plugin.definition().name());
        }
        fromClassPath(parent).forEach(found -> add(available, found));
        for (Path jar : jars(prefix.resolve(DIRECTORY))) {
            fromJar(jar, parent).forEach(found -> add(available, found));
        }
        List<TollgatePlugin> result = new ArrayList<>();
        for (String name : enabled) {
            List<String> names = name.equals(BUNDLED) ? bundled : List.of(name);
            for (String n : names) {
                Found found = available.get(n);
                if (found == null) {
                    throw new ConfigException("plugin '" + n + "' is enabled in 'plugins' but not installed (not"
                            + " bundled, not on the class path, not in " + prefix.resolve(DIRECTORY) + ")");
                }
                if (!result.contains(found.plugin())) {
                    result.add(found.plugin());
                }
            }
        }
        return List.copyOf(result);
    }

    private static void add(Map<String, Found> available, Found found) {
        String name = found.plugin().definition().name();
        Found previous = available.putIfAbsent(name, found);
        if (previous != null) {
            throw new ConfigException(
                    "plugin '" + name + "' is defined twice: " + previous.source() + " and " + found.source());
        }
    }

    private static List<Found> fromClassPath(ClassLoader parent) {
        List<Found> found = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<TollgatePlugin> provider :
                    ServiceLoader.load(TollgatePlugin.class, parent).stream().toList()) {
                found.add(instantiate(
                        provider, "the class path (" + provider.type().getName() + ")"));
            }
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            throw new ConfigException("could not load a plugin from the class path: " + oneLine(e));
        }
        return found;
    }

    private static List<Found> fromJar(Path jar, ClassLoader parent) {
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // opened only to refuse a file that is not a jar with its own message
        } catch (IOException e) {
            throw new ConfigException("could not load plugin jar " + jar + ": " + oneLine(e));
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(
                    "plugin " + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent);
        } catch (MalformedURLException e) {
            throw new ConfigException("could not load plugin jar " + jar + ": " + oneLine(e));
        }
        List<Found> found = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<TollgatePlugin> provider :
                    ServiceLoader.load(TollgatePlugin.class, loader).stream().toList()) {
                if (provider.type().getClassLoader() == loader) {
                    found.add(instantiate(provider, "jar " + jar));
                }
            }
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            throw new ConfigException("could not load plugin jar " + jar + ": " + oneLine(e));
        }
        if (found.isEmpty()) {
            throw new ConfigException("could not load plugin jar " + jar + ": it declares no plugin (no "
                    + "META-INF/services/" + TollgatePlugin.class.getName() + " naming a class of the jar)");
        }
        return found;
    }

    private static Found instantiate(ServiceLoader.Provider<TollgatePlugin> provider, String source) {
        TollgatePlugin plugin = provider.get();
        PluginDefinition definition = plugin.definition();
        if (definition == null || !definition.name().matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalStateException(provider.type().getName() + " has an invalid plugin name: "
                    + (definition == null ? "no definition" : "'" + definition.name() + "'"));
        }
        return new Found(plugin, source);
    }

    private static List<Path> jars(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException("could not list " + directory + ": " + oneLine(e));
        }
    }

    /** The root cause as {@code Type: message}, on one line. */
    static String oneLine(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        String text = cause.getClass().getName() + (message == null ? "" : ": " + message);
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
