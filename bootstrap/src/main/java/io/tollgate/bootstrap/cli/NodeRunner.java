package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.config.TollgateConfig;

/**
 * What the CLI calls once the configuration is loaded and logging applied; {@code Main} binds it to
 * {@code TollgateNode}, tests to a recording fake.
 */
public interface NodeRunner {
    /**
     * {@code tollgate start}: runs a node until it shuts down.
     *
     * @param runMigrations {@code false} when {@code --no-migrations} is given
     * @return the exit code (0 ok, 1 runtime failure)
     */
    int start(TollgateConfig config, boolean runMigrations);

    /**
     * {@code tollgate migrations <action>}.
     *
     * @param action {@code up} or {@code status}
     * @return the exit code (0 ok, 1 runtime failure)
     */
    int migrations(TollgateConfig config, String action);

    /**
     * {@code tollgate db compact}: compacts the event log once with the configuration's {@code event_log_retention}.
     *
     * @return the exit code (0 ok, 1 runtime failure)
     */
    int compact(TollgateConfig config);
}
