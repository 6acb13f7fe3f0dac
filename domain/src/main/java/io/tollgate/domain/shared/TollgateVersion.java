package io.tollgate.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version (the Maven project version), as shown by {@code tollgate version} and in {@code GET /}. */
public final class TollgateVersion {
    private static final String RESOURCE = "/tollgate-version.properties";

    private TollgateVersion() {}

    /**
     * @return the version, e.g. {@code 0.1.0-SNAPSHOT}, read from the Maven-filtered {@code tollgate-version.properties};
     *     {@code unknown} if the resource is missing (e.g. when run from unfiltered sources)
     * @throws UncheckedIOException if the resource exists but cannot be read
     */
    public static String current() {
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
