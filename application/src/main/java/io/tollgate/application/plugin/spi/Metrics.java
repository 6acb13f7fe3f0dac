package io.tollgate.application.plugin.spi;

import java.util.List;

/**
 * The node's metrics registry as plugins see it (what Kong's prometheus plugin keeps in its shared dictionary), served
 * in Prometheus' text format on the Admin API's {@code GET /metrics}. Thread-safe.
 *
 * <p>A family is declared once, with fixed label names, and answers a <em>child</em> per list of label values. Look a
 * child up once and keep it (e.g. in a map keyed by a small record of ids): recording through a kept child allocates
 * nothing, while {@code labels(...)} may. Declaring a family that exists (same name, type and label names) returns the
 * existing one, so handlers made again (tests, several nodes in one JVM) share it.
 *
 * <p>Names follow Prometheus' rules ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}); a counter's name ends in {@code _total} (the
 * exposition shows it as declared). Values are plain numbers: the unit belongs in the name ({@code _ms},
 * {@code _bytes}).
 */
public interface Metrics {

    /** A registry that records nothing: what {@link PluginEnvironment#metrics()} answers on a node without one. */
    Metrics NONE = new Metrics() {
        @Override
        public Counter counter(String name, String help, List<String> labelNames) {
            return values -> amount -> {};
        }

        @Override
        public Histogram histogram(String name, String help, List<String> labelNames, List<Double> upperBounds) {
            return values -> value -> {};
        }
    };

    /**
     * A counter family (Prometheus' {@code counter}: only goes up).
     *
     * @param name e.g. {@code kong_http_requests_total}
     * @param help the {@code # HELP} line
     * @param labelNames the label names, in order; may be empty
     * @throws IllegalArgumentException when the name or a label name is not valid, or a family of that name exists
     *     with another type or other labels
     */
    Counter counter(String name, String help, List<String> labelNames);

    /**
     * A histogram family (Prometheus' classic {@code histogram}: cumulative {@code _bucket{le}}, {@code _sum},
     * {@code _count}).
     *
     * @param upperBounds the buckets' inclusive upper bounds, ascending ({@code +Inf} is added)
     * @throws IllegalArgumentException as {@link #counter}, or when the bounds are not ascending
     */
    Histogram histogram(String name, String help, List<String> labelNames, List<Double> upperBounds);

    /** A counter family; {@link #labels} answers the child of one list of label values. */
    @FunctionalInterface
    interface Counter {
        /**
         * The child of these label values (one per label name, in order; {@code ""} for an absent value).
         *
         * @throws IllegalArgumentException when the number of values differs from the number of label names
         */
        CounterChild labels(String... values);
    }

    /** One time series of a counter. */
    @FunctionalInterface
    interface CounterChild {
        /**
         * Adds {@code amount}.
         *
         * @throws IllegalArgumentException when {@code amount} is negative
         */
        void inc(double amount);

        /** Adds one. */
        default void inc() {
            inc(1);
        }
    }

    /** A histogram family; {@link #labels} answers the child of one list of label values. */
    @FunctionalInterface
    interface Histogram {
        /**
         * The child of these label values (as {@link Counter#labels}).
         *
         * @throws IllegalArgumentException when the number of values differs from the number of label names
         */
        HistogramChild labels(String... values);
    }

    /** One time series of a histogram. */
    @FunctionalInterface
    interface HistogramChild {
        /** Records one observation, in the family's unit. */
        void observe(double value);
    }
}
