package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a node's {@code GET /metrics} (Admin API or {@code status_listen}), read as Kong's prometheus specs
 * read it: a series is written as Kong writes it, {@code name{label="value",…}}, and its value is the number after it.
 * A series matches a sample of the same name and the same labels with the same values; the order of the labels in
 * the text and the notation of the number ({@code 1} or {@code 1.0}) are not compared, as in Prometheus' text format
 * (Tollgate writes Kong's order and notation, which {@code PrometheusNodeIT} checks as text).
 *
 * @param body the exposition's text
 */
record PrometheusExposition(String body) {

    /** Kong's {@code UUID_PATTERN}, as a regular expression. */
    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample line: its name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    /** {@code GET <base>/metrics}, asserting Kong's 200. */
    static PrometheusExposition scrape(String base) {
        Http.Response response = Http.get(base + "/metrics");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new PrometheusExposition(response.body());
    }

    /** The samples of the exposition (comment lines left out). */
    List<Sample> samples() {
        return lines().stream()
                .filter(line -> !line.startsWith("#"))
                .map(PrometheusExposition::sample)
                .flatMap(Optional::stream)
                .toList();
    }

    /** The series' value, or empty when no sample has that name and exactly those labels. */
    OptionalDouble value(String series) {
        Sample wanted = sample(series + " 0").orElseThrow(() -> new IllegalArgumentException(series));
        return samples().stream()
                .filter(s -> s.name().equals(wanted.name()) && s.labels().equals(wanted.labels()))
                .mapToDouble(Sample::value)
                .findFirst();
    }

    /** Asserts that the series is there with this value. */
    void assertValue(String series, double expected) {
        assertThat(value(series)).as("%s in%n%s", series, body).hasValue(expected);
    }

    /** Whether a sample has that name and exactly those labels, each value matching its regular expression. */
    boolean has(String name, Map<String, String> labelPatterns) {
        return samples().stream().anyMatch(s -> matches(s, name, labelPatterns));
    }

    /** As {@link #has}, with a whole number of 0 or more as the value (Kong's {@code } %d+}). */
    boolean hasWhole(String name, Map<String, String> labelPatterns) {
        return samples().stream()
                .anyMatch(s -> matches(s, name, labelPatterns) && s.value() >= 0 && s.value() == Math.rint(s.value()));
    }

    private static boolean matches(Sample s, String name, Map<String, String> labelPatterns) {
        return s.name().equals(name)
                && s.labels().keySet().equals(labelPatterns.keySet())
                && labelPatterns.entrySet().stream()
                        .allMatch(e -> s.labels().get(e.getKey()).matches(e.getValue()));
    }

    /** The lines of the exposition. */
    List<String> lines() {
        return body.lines().toList();
    }

    private static Optional<Sample> sample(String line) {
        Matcher m = SAMPLE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> labels = new HashMap<>();
        if (m.group(2) != null) {
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
        }
        String value = m.group(3);
        double number = switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
        return Optional.of(new Sample(m.group(1), labels, number));
    }

    /** {@code name{k1="v1",k2="v2",…}} from {@code name, k1, v1, k2, v2, …}, labels in the order given. */
    static String series(String name, String... labels) {
        StringBuilder out = new StringBuilder(name).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(labels[i]).append("=\"").append(labels[i + 1]).append('"');
        }
        return out.append('}').toString();
    }

    /** Kong's {@code http_requests_total} series of a service/route/code/source/consumer in the default workspace. */
    static String requests(String service, String route, int code, String source, String consumer) {
        return series(
                "kong_http_requests_total",
                "service",
                service,
                "route",
                route,
                "code",
                Integer.toString(code),
                "source",
                source,
                "workspace",
                "default",
                "consumer",
                consumer);
    }
}
