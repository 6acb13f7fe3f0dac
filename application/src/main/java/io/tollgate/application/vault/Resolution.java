package io.tollgate.application.vault;

import java.util.Objects;

/** The outcome of resolving a vault reference ({@link VaultSecrets#resolve}). */
public sealed interface Resolution {

    /** When to resolve again, in {@link System#nanoTime()} terms; {@link Long#MAX_VALUE} for never. */
    long refreshAtNanos();

    /**
     * The secret.
     *
     * @param value the secret (never logged)
     * @param refreshAtNanos the vault's {@code ttl} after the read, or never
     */
    record Resolved(String value, long refreshAtNanos) implements Resolution {
        public Resolved {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Resolved[value=******, refreshAtNanos=" + refreshAtNanos + "]";
        }
    }

    /**
     * No secret: Kong logs a warning and uses {@code nil} for the field.
     *
     * @param reason what failed, naming the reference (never a secret)
     * @param refreshAtNanos the vault's {@code neg_ttl} after the read, or never
     */
    record Unresolved(String reason, long refreshAtNanos) implements Resolution {}
}
