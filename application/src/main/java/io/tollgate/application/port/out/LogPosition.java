package io.tollgate.application.port.out;

/**
 * A position in the event log, in commit order: the writing transaction's id and the event's id within the log.
 * Positions compare by {@code (transactionId, eventId)}; {@link #START} is before every event.
 */
public record LogPosition(long transactionId, long eventId) implements Comparable<LogPosition> {

    public static final LogPosition START = new LogPosition(0, 0);

    @Override
    public int compareTo(LogPosition other) {
        int byTx = Long.compare(transactionId, other.transactionId);
        return byTx != 0 ? byTx : Long.compare(eventId, other.eventId);
    }
}
