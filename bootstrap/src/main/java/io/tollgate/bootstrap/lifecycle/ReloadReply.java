package io.tollgate.bootstrap.lifecycle;

import java.util.Optional;

/**
 * A node's answer to a {@link ReloadRequest}: whether the new configuration was valid (and what was applied) and the
 * text the command prints.
 *
 * @param id the request's id
 * @param ok {@code false} when the configuration could not be read or was invalid: nothing was applied
 * @param text what {@code tollgate reload} prints, one or more lines
 */
public record ReloadReply(String id, boolean ok, String text) {

    /** The reply file's text: the id, {@code ok} or {@code error}, then the message lines. */
    String encode() {
        return id + "\n" + (ok ? "ok" : "error") + "\n" + text;
    }

    /** Reads a reply file's text; empty when it is incomplete. */
    static Optional<ReloadReply> parse(String text) {
        String[] lines = text.split("\n", 3);
        if (lines.length < 3 || !(lines[1].equals("ok") || lines[1].equals("error"))) {
            return Optional.empty();
        }
        return Optional.of(new ReloadReply(lines[0], lines[1].equals("ok"), lines[2].strip()));
    }
}
