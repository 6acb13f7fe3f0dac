package io.tollgate.bootstrap.export;

import io.tollgate.adapter.postgres.LogState;
import io.tollgate.adapter.postgres.PastConfiguration;
import io.tollgate.adapter.postgres.PostgresDatabase;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.in.ExportConfiguration;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one configuration export, for {@code tollgate config export --at} ({@link #at}) and for a running node's
 * {@code GET /history/export} ({@link ExportConfiguration}, secrets redacted as the history endpoints redact them):
 * the event log's state at a moment ({@link LogState}) in {@link JsonConfigurationFormat}.
 */
public final class ConfigurationExport implements ExportConfiguration {

    private final PostgresDatabase database;
    private final DatabaseOutages outages;
    private final ConfigurationFormat format = JsonConfigurationFormat.redacted();

    /**
     * @param database the node's database, connected and migrated
     * @param outages the node's record of database outages (its connections fail fast during one)
     */
    public ConfigurationExport(PostgresDatabase database, DatabaseOutages outages) {
        this.database = Objects.requireNonNull(database, "database");
        this.outages = Objects.requireNonNull(outages, "outages");
    }

    /**
     * The whole configuration as the event log of {@code database} says it was at {@code at}.
     *
     * @throws io.tollgate.adapter.postgres.CompactedAway (an {@link IllegalArgumentException}) when {@code at} is
     *     before the log's compaction snapshot; its message names the earliest exportable moment
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public static PastConfiguration at(PostgresDatabase database, ExportMoment at) {
        return at(LogState.of(database), at);
    }

    private static PastConfiguration at(LogState log, ExportMoment at) {
        return switch (at) {
            case ExportMoment.Now now -> log.configurationNow();
            case ExportMoment.Epoch epoch -> log.configurationAt(epoch.moment());
            case ExportMoment.Position position -> log.configurationAt(position.position());
        };
    }

    @Override
    public Export export(@Nullable String at) {
        ExportMoment moment = at == null ? new ExportMoment.Now() : ExportMoment.parse(at, "at");
        PastConfiguration configuration = at(LogState.of(database, outages), moment);
        StringWriter out = new StringWriter();
        try {
            format.write(configuration, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return new Export(configuration.position().toString(), out.toString());
    }
}
