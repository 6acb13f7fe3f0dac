package io.tollgate.application.port;

import java.util.Comparator;
import java.util.Optional;

/**
 * Where an event stands in the configuration history: the commit number of the transaction that wrote it and its id
 * in the event log, compared in that order (the log's commit order). Shown as {@code "<commit>:<eventId>"}.
 */
public record HistoryPosition(long commit, long eventId) implements Comparable<HistoryPosition> {

    private static final Comparator<HistoryPosition> ORDER =
            Comparator.comparingLong(HistoryPosition::commit).thenComparingLong(HistoryPosition::eventId);

    public HistoryPosition {
        if (commit < 0 || eventId < 0) {
            throw new IllegalArgumentException("a history position is never negative: " + commit + ":" + eventId);
        }
    }

    @Override
    public int compareTo(HistoryPosition other) {
        return ORDER.compare(this, other);
    }

    /** {@code "<commit>:<eventId>"}. */
    @Override
    public String toString() {
        return commit + ":" + eventId;
    }

    /** The position written as {@link #toString()}, or empty when {@code text} is not one. */
    public static Optional<HistoryPosition> parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 1 || colon == text.length() - 1) {
            return Optional.empty();
        }
        try {
            long tx = Long.parseLong(text.substring(0, colon));
            long id = Long.parseLong(text.substring(colon + 1));
            return tx < 0 || id < 0 ? Optional.empty() : Optional.of(new HistoryPosition(tx, id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
