package io.tollgate.application.port.out;

import java.util.regex.Pattern;

/**
 * A position in the event log, in commit order: the writing transaction's commit number (its place among the log's
 * commits; for events written before commit numbers existed, the transaction's id, which keeps their old positions)
 * and the event's id within the log. Positions compare by {@code (commit, eventId)}; {@link #START} is before
 * every event.
 *
 * <p>Written as text {@code <commit>:<eventId>} (both unsigned decimal, e.g. {@code 1234:56}): {@link #toString()}
 * writes it, {@link #parse(String)} reads it back. Operators see and type positions in this form.
 */
public record LogPosition(long commit, long eventId) implements Comparable<LogPosition> {

    public static final LogPosition START = new LogPosition(0, 0);

    private static final Pattern FORM = Pattern.compile("[0-9]{1,20}:[0-9]{1,19}");

    @Override
    public int compareTo(LogPosition other) {
        int byCommit = Long.compare(commit, other.commit);
        return byCommit != 0 ? byCommit : Long.compare(eventId, other.eventId);
    }

    /**
     * Reads {@code <commit>:<eventId>}, e.g. {@code 1234:56} ({@code 0:0} is {@link #START}).
     *
     * @throws IllegalArgumentException when {@code text} is not two unsigned decimal numbers joined by {@code :}
     */
    public static LogPosition parse(String text) {
        String why = "a log position is written <commit number>:<event id>, e.g. 1234:56; got '" + text + "'";
        if (!FORM.matcher(text).matches()) {
            throw new IllegalArgumentException(why);
        }
        int colon = text.indexOf(':');
        try {
            return new LogPosition(
                    Long.parseUnsignedLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException e) { // out of range
            throw new IllegalArgumentException(why, e);
        }
    }

    /** {@code <commit>:<eventId>}, the form {@link #parse(String)} reads. */
    @Override
    public String toString() {
        return Long.toUnsignedString(commit) + ":" + eventId;
    }
}
