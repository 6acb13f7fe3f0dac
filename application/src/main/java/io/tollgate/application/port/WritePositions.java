package io.tollgate.application.port;

import java.util.OptionalLong;

/**
 * The event-log position of the calling thread's last committed write, for Tollgate's {@code X-Tollgate-Log-Position}
 * response header on Admin API writes (read your writes across the cluster: {@code GET /clustering/await?position=P}
 * returns once every active node has applied it). The position is the log's commit number read just after the write
 * committed, so it covers the write (and possibly others that committed meanwhile).
 */
public interface WritePositions {

    /** Forgets the calling thread's last position; call when a request starts. */
    void clear();

    /** The commit number after the calling thread's last write since {@link #clear()}; empty when it wrote nothing. */
    OptionalLong last();
}
