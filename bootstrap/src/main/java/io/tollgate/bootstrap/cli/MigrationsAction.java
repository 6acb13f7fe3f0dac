package io.tollgate.bootstrap.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The actions of {@code tollgate migrations}, Kong's {@code kong migrations} sub-commands. */
public enum MigrationsAction {
    /** Kong's {@code bootstrap}: on an empty database, run every migration; else say it is already bootstrapped. */
    BOOTSTRAP,
    /** Kong's {@code up}: run the pending migrations of a bootstrapped database. */
    UP,
    /** Kong's {@code finish}: Tollgate's migrations have no second phase, so there is never anything to finish. */
    FINISH,
    /** Kong's {@code list}: the executed and the pending migrations; exit 3 when not bootstrapped, 5 when pending. */
    LIST,
    /** Kong's {@code reset}: drop every object of the schema (asks first unless {@code --yes}). */
    RESET,
    /** Tollgate's earlier name for {@code list}; always exits 0. */
    STATUS;

    /** Exit code of {@code list} when the database has not been bootstrapped (Kong's 3). */
    public static final int NEEDS_BOOTSTRAP = 3;
    /** Exit code of {@code list} when migrations are pending (Kong's 5, "new migrations"). */
    public static final int PENDING = 5;

    /** The name on the command line, e.g. {@code bootstrap}. */
    public String command() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action named {@code command} on the command line, if any. */
    static Optional<MigrationsAction> of(String command) {
        return Arrays.stream(values()).filter(a -> a.command().equals(command)).findFirst();
    }
}
