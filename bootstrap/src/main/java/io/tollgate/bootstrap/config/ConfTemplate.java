package io.tollgate.bootstrap.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commented configuration file shipped in the distribution as {@code conf/tollgate.conf} (the counterpart of
 * Kong's {@code kong.conf.default}): every {@link Property} in declaration order with its description and its built-in
 * default, each {@code key = value} line commented out, so the file as shipped changes nothing and a user uncomments
 * what they change. Generated at build time from the enum itself, so it cannot drift from what the code reads.
 */
public final class ConfTemplate {

    /** Width the descriptions are wrapped at, in characters, {@code "# "} included. */
    static final int WIDTH = 100;

    private ConfTemplate() {}

    /**
     * @param version the Tollgate version named in the header, e.g. {@code 0.1.0}
     * @return the template's text, lines ending in {@code \n}
     */
    public static String render(String version) {
        StringBuilder out = new StringBuilder();
        out.append("# Tollgate ")
                .append(version)
                .append(" configuration file (tollgate.conf)\n")
                .append("#\n")
                .append("# Every property Tollgate reads is listed below with its built-in default, commented out:\n")
                .append("# uncomment a line and edit it to change a value. Kong's property names, units and syntax\n")
                .append("# (key = value, # begins a comment). Each property can also be set in the environment as\n")
                .append("# TOLLGATE_<KEY> or Kong's KONG_<KEY>, which wins over this file. A property with no value\n")
                .append(
                        "# after '=' is unset by default. Start a node with it: bin/tollgate start -c conf/tollgate.conf\n");
        for (Property property : Property.values()) {
            out.append('\n');
            for (String line : wrap(property.description(), WIDTH - 2)) {
                out.append("# ").append(line).append('\n');
            }
            out.append('#').append(property.key()).append(" =");
            property.defaultValue().ifPresent(value -> out.append(' ').append(value));
            out.append('\n');
        }
        return out.toString();
    }

    /** Greedy word wrap; a word longer than the width gets a line of its own. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * Writes the template; the build calls it at {@code package} for the distribution archive.
     *
     * @param args the output file, then the version
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ConfTemplate <output file> <version>");
        }
        Path file = Path.of(args[0]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(args[1]), StandardCharsets.UTF_8);
    }
}
