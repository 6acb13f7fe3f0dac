package io.tollgate.application.vault;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The vault references one snapshot (the TLS certificates, the plugins index) was built from: resolves them through
 * {@link VaultSecrets}, logs one that does not resolve (Kong's warning {@code unable to resolve reference}, naming
 * the reference and where it is used, never a secret), and keeps the earliest time one is due for resolving again
 * ({@link #due()}). {@link #reset()} starts a full build; a patch adds to the current times.
 */
public final class SecretUse {

    private static final System.Logger LOG = System.getLogger(SecretUse.class.getName());

    private final VaultSecrets secrets;
    private final LongSupplier nanoClock;
    /** When a reference of the current snapshot is due ({@link System#nanoTime()} terms), or {@code MAX_VALUE}. */
    private volatile long dueAt = Long.MAX_VALUE;

    /**
     * @param secrets the resolver
     * @param nanoClock {@link System#nanoTime()} or a test clock, the same as the resolver's
     */
    public SecretUse(VaultSecrets secrets, LongSupplier nanoClock) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Forgets the times of the previous build (call at the start of a full build). */
    public void reset() {
        dueAt = Long.MAX_VALUE;
    }

    /** Whether a reference of the current build is due for resolving again. */
    public boolean due() {
        long at = dueAt;
        return at != Long.MAX_VALUE && nanoClock.getAsLong() - at >= 0;
    }

    /**
     * Runs {@code rebuild} when a reference of the current build is due ({@link #due()}): the rotation step of a
     * snapshot holder.
     *
     * @return whether it rebuilt
     */
    public boolean rebuildIfDue(Runnable rebuild) {
        if (!due()) {
            return false;
        }
        rebuild.run();
        return true;
    }

    /**
     * {@code value} itself, or the secret when it is a reference; {@code null} when the reference does not resolve.
     *
     * @param where what uses the value, for the warning (e.g. {@code certificate <id> field key})
     */
    public @Nullable String resolve(String where, String value) {
        Resolution resolution = secrets.resolveIfReference(value);
        long refresh = resolution.refreshAtNanos();
        synchronized (this) {
            if (refresh != Long.MAX_VALUE && (dueAt == Long.MAX_VALUE || refresh - dueAt < 0)) {
                dueAt = refresh;
            }
        }
        return switch (resolution) {
            case Resolution.Resolved resolved -> resolved.value();
            case Resolution.Unresolved unresolved -> {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "unable to resolve reference {0} of {1}: {2}",
                        value,
                        where,
                        unresolved.reason());
                yield null;
            }
        };
    }
}
