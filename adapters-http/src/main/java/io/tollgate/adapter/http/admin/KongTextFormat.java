package io.tollgate.adapter.http.admin;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus' text format 0.0.4 written as Kong's prometheus plugin writes it, so a text match against Kong's output
 * (its specs, scripts that grep a scrape) matches Tollgate's too:
 * <ul>
 * <li>every series line is sorted by its text, over the whole exposition (Kong sorts its shared dict's keys), and a
 *     family's {@code # HELP} and {@code # TYPE} come before its first line;</li>
 * <li>labels in the order Kong declares them for its node-level families ({@link KongLabelOrder}), a recorded
 *     family's in the order it was declared with, others in the order of the snapshot (by name); {@code le} last; a
 *     value escapes only {@code \} and {@code "}, as Kong does;</li>
 * <li>a histogram's buckets in increasing order (sorted on zero-padded bounds, as Kong stores them), each {@code le}
 *     written as Lua prints the number ({@code 5}, {@code 0.5}, {@code +Inf}), then {@code _count} and
 *     {@code _sum} lines;</li>
 * <li>numbers as Lua's {@code tostring} prints them (C's {@code %.14g}): {@code 1}, {@code 28002592}, {@code 0.25},
 *     {@code 1e+15};</li>
 * <li>a counter under its full name ({@code kong_http_requests_total}), and Kong's counters whose names do not end
 *     in {@code _total} (the client's untyped families) typed {@code counter} as Kong types
 *     them.</li>
 * </ul>
 * Gauges, counters, untyped families and classic histograms are written; other snapshot kinds (summaries, info and
 * state sets, which no Tollgate family uses) are refused with {@link IllegalArgumentException}.
 */
public final class KongTextFormat {

    /**
     * The exposition's {@code Content-Type}, as Kong's {@code /metrics} answers it: the plugin sets {@code text/plain}
     * and the admin and status servers' {@code charset UTF-8} appends the charset. Prometheus reads a text type
     * without {@code version} as this format.
     */
    public static final String CONTENT_TYPE = "text/plain; charset=UTF-8";

    private KongTextFormat() {}

    /** One series line: the text it is sorted by, the text written, and its family. */
    private record Line(String sortKey, String text, Family family) {}

    /** A family's comment lines and its declared label order (empty when none). */
    private record Family(String name, String help, String type, List<String> labelOrder) {}

    /**
     * Writes {@code snapshots} to {@code out} (UTF-8), each family's labels in the order {@code declared} gives for
     * its name (a counter's under its {@code _total} name; an empty list for a family with no declared order), unless
     * it is one of Kong's node-level families.
     *
     * @throws IOException when {@code out} fails
     * @throws IllegalArgumentException for a summary, info or state-set family
     */
    public static void write(OutputStream out, MetricSnapshots snapshots, Function<String, List<String>> declared)
            throws IOException {
        List<Line> lines = new ArrayList<>();
        for (MetricSnapshot snapshot : snapshots) {
            lines(snapshot, declared, lines);
        }
        lines.sort(Comparator.comparing(Line::sortKey));
        StringBuilder text = new StringBuilder(lines.size() * 96);
        Set<String> seen = new HashSet<>();
        for (Line line : lines) {
            Family family = line.family();
            if (seen.add(family.name())) {
                text.append("# HELP ")
                        .append(family.name())
                        .append(' ')
                        .append(help(family.help()))
                        .append('\n');
                text.append("# TYPE ")
                        .append(family.name())
                        .append(' ')
                        .append(family.type())
                        .append('\n');
            }
            text.append(line.text()).append('\n');
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void lines(MetricSnapshot snapshot, Function<String, List<String>> declared, List<Line> lines) {
        String base = snapshot.getMetadata().getPrometheusName();
        String help = snapshot.getMetadata().getHelp() == null
                ? ""
                : snapshot.getMetadata().getHelp();
        switch (snapshot) {
            case CounterSnapshot counter ->
                plainLines(
                        family(base.endsWith("_total") ? base : base + "_total", help, "counter", declared),
                        counter.getDataPoints(),
                        CounterSnapshot.CounterDataPointSnapshot::getValue,
                        lines);
            case GaugeSnapshot gauge ->
                plainLines(
                        family(base, help, "gauge", declared),
                        gauge.getDataPoints(),
                        GaugeSnapshot.GaugeDataPointSnapshot::getValue,
                        lines);
            case UnknownSnapshot untyped ->
                plainLines(
                        family(base, help, "counter", declared),
                        untyped.getDataPoints(),
                        UnknownSnapshot.UnknownDataPointSnapshot::getValue,
                        lines);
            case HistogramSnapshot histogram -> {
                Family family = family(base, help, "histogram", declared);
                for (HistogramSnapshot.HistogramDataPointSnapshot point : histogram.getDataPoints()) {
                    histogramLines(family, point, lines);
                }
            }
            default ->
                throw new IllegalArgumentException(
                        "no Kong text for " + snapshot.getClass().getSimpleName() + " " + base);
        }
    }

    private static Family family(String name, String help, String type, Function<String, List<String>> declared) {
        return new Family(name, help, type, declared.apply(name));
    }

    /** One line per point: {@code name{labels} value}. */
    private static <P extends DataPointSnapshot> void plainLines(
            Family family, List<P> points, ToDoubleFunction<P> value, List<Line> lines) {
        for (P point : points) {
            String series = family.name() + labels(family, point.getLabels(), null);
            lines.add(new Line(series, series + ' ' + number(value.applyAsDouble(point)), family));
        }
    }

    private static void histogramLines(
            Family family, HistogramSnapshot.HistogramDataPointSnapshot point, List<Line> lines) {
        String labels = labels(family, point.getLabels(), null);
        ClassicHistogramBuckets buckets = point.getClassicBuckets();
        String padding = bucketPadding(buckets);
        long cumulative = 0;
        for (int i = 0; i < buckets.size(); i++) {
            cumulative += buckets.getCount(i);
            double bound = buckets.getUpperBound(i);
            boolean infinite = bound == Double.POSITIVE_INFINITY;
            String sortLe = infinite ? "Inf" : String.format(Locale.ROOT, padding, bound);
            String shownLe = infinite ? "+Inf" : number(bound);
            String name = family.name() + "_bucket";
            lines.add(new Line(
                    name + labels(family, point.getLabels(), sortLe),
                    name + labels(family, point.getLabels(), shownLe) + ' ' + cumulative,
                    family));
        }
        String count = family.name() + "_count" + labels;
        lines.add(new Line(count, count + ' ' + number(point.getCount()), family));
        String sum = family.name() + "_sum" + labels;
        lines.add(new Line(sum, sum + ' ' + number(point.hasSum() ? point.getSum() : 0), family));
    }

    /**
     * The {@code printf} pattern that makes every finite bound of these buckets sort in numeric order as text: as many
     * digits before and after the point as the widest bound needs.
     */
    private static String bucketPadding(ClassicHistogramBuckets buckets) {
        int order = 1;
        int precision = 1;
        for (int i = 0; i < buckets.size(); i++) {
            double bound = buckets.getUpperBound(i);
            if (Double.isFinite(bound)) {
                String plain = BigDecimal.valueOf(Math.abs(bound))
                        .setScale(6, RoundingMode.HALF_EVEN)
                        .stripTrailingZeros()
                        .toPlainString();
                int dot = plain.indexOf('.');
                order = Math.max(order, dot < 0 ? plain.length() : dot);
                precision = Math.max(precision, dot < 0 ? 0 : plain.length() - dot - 1);
            }
        }
        return "%0" + (order + precision + 1) + "." + precision + "f";
    }

    /** {@code {a="x",b="y"}} in Kong's order, {@code le} last when given; empty without labels. */
    private static String labels(Family family, Labels labels, String le) {
        if (labels.size() == 0 && le == null) {
            return "";
        }
        StringBuilder text = new StringBuilder("{");
        for (String name : KongLabelOrder.of(family.name(), labels, family.labelOrder())) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(name).append("=\"").append(escape(labels.get(name))).append('"');
        }
        if (le != null) {
            text.append(text.length() > 1 ? "," : "").append("le=\"").append(le).append('"');
        }
        return text.append('}').toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String help(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** A number as Lua's {@code tostring} prints it (C's {@code %.14g}). */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(14, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 14) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String sign = exponent < 0 ? "-" : "+";
            int digits = Math.abs(exponent);
            return mantissa.toPlainString() + "e" + sign + (digits < 10 ? "0" : "") + digits;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
