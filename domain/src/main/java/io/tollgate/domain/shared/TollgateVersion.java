package io.tollgate.domain.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The build's version (the Maven project version): the one string {@code tollgate version}, {@code GET /}'s
 * {@code version}, the bundled plugins' {@code version} and the proxy's {@code Server} / {@code Via} tokens show, as
 * Kong shows its own version in all of them.
 */
public final class TollgateVersion {
    private static final String RESOURCE = "/tollgate-version.properties";
    private static final String CURRENT = read();

    private TollgateVersion() {}

    /**
     * @return the version, e.g. {@code 0.1.0-SNAPSHOT}, read once from the Maven-filtered
     *     {@code tollgate-version.properties}; {@code unknown} if the resource is missing (e.g. when run from unfiltered
     *     sources). A resource that exists but cannot be read fails the class's initialisation.
     */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = TollgateVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
