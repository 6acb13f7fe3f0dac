package io.tollgate.bootstrap;

import io.tollgate.bootstrap.config.TollgateConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node lifecycle behind the CLI: what {@code tollgate start} and {@code tollgate migrations} do once the
 * configuration is loaded and logging is set up. The bodies are placeholders until the Dagger wiring lands; keep
 * the signatures.
 */
public final class TollgateNode {
  private static final Logger LOG = LoggerFactory.getLogger(TollgateNode.class);

  private TollgateNode() {}

  /**
   * Starts a node (Kong's {@code kong start}): database (embedded or external), optionally the migrations, the
   * cluster-event follower, the proxy and Admin API listeners. Blocks until the node has shut down (e.g. on SIGTERM
   * through a shutdown hook): {@code Main} exits the JVM with the returned code as soon as this returns.
   *
   * @param config the loaded configuration
   * @param runMigrations whether to apply pending database migrations first ({@code false} with
   *     {@code --no-migrations})
   * @return the process exit code: 0 after a clean shutdown, 1 on a runtime failure
   */
  public static int start(TollgateConfig config, boolean runMigrations) {
    LOG.info("would start a node (migrations {}) with {}", runMigrations ? "on" : "off", config);
    return 0;
  }

  /**
   * Runs a migrations action (Kong's {@code kong migrations}) against the configured database and returns.
   *
   * @param config the loaded configuration
   * @param action {@code up} (apply pending migrations) or {@code status} (report applied and pending ones)
   * @return the process exit code: 0 on success, 1 on a runtime failure
   */
  public static int migrations(TollgateConfig config, String action) {
    LOG.info("would run migrations {} against the {} database", action, config.database().configValue());
    return 0;
  }
}
