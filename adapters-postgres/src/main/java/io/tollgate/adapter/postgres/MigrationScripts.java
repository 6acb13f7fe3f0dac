package io.tollgate.adapter.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * This version's schema migrations as Flyway sees them, read without Flyway: the {@code V<version>__<description>.sql}
 * resources under {@value #LOCATION} on the class path (a jar's entries or a directory's files), each with Flyway's
 * version string ({@code _} read as {@code .}) and Flyway's checksum (a CRC-32 of the script's lines in UTF-8, line
 * breaks and a leading byte-order mark left out, as a signed 32-bit int). What {@link CurrentSchema} compares with the
 * database's {@code flyway_schema_history}; any difference sends the start-up to Flyway, so an error here costs time,
 * never correctness.
 */
final class MigrationScripts {
    /** Where the scripts are, the same location Flyway is given. */
    static final String LOCATION = "db/migration";

    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.+\\.sql");

    private MigrationScripts() {}

    /**
     * The scripts on {@code classPath}.
     *
     * @return Flyway's version string of each script (e.g. {@code "14"}) mapped to its checksum
     * @throws UncheckedIOException when the class path cannot be read
     */
    static Map<String, Integer> on(ClassLoader classPath) {
        Map<String, Integer> scripts = new HashMap<>();
        try {
            for (String name : names(classPath)) {
                Matcher versioned = VERSIONED.matcher(name);
                if (versioned.matches()) {
                    scripts.put(versioned.group(1).replace('_', '.'), checksum(classPath, LOCATION + "/" + name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scripts;
    }

    /** The names of the files directly under {@link #LOCATION}, in every class path entry that has it. */
    private static List<String> names(ClassLoader classPath) throws IOException {
        List<String> names = new ArrayList<>();
        for (URL url : Collections.list(classPath.getResources(LOCATION))) {
            if (url.openConnection() instanceof JarURLConnection jar) {
                String prefix = LOCATION + "/";
                Enumeration<JarEntry> entries = jar.getJarFile().entries();
                while (entries.hasMoreElements()) {
                    String entry = entries.nextElement().getName();
                    if (entry.startsWith(prefix) && entry.indexOf('/', prefix.length()) < 0) {
                        names.add(entry.substring(prefix.length()));
                    }
                }
            } else if ("file".equals(url.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.forEach(file -> names.add(file.getFileName().toString()));
                } catch (URISyntaxException e) {
                    throw new IOException("unreadable class path entry " + url, e);
                }
            } else {
                throw new IOException("cannot list " + url);
            }
        }
        return names;
    }

    private static int checksum(ClassLoader classPath, String resource) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = classPath.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing " + resource);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
                crc.update(text.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }
}
