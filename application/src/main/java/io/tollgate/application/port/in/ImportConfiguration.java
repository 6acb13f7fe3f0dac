package io.tollgate.application.port.in;

import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.ImportProgress;
import io.tollgate.application.port.ImportReport;

/** Kong's {@code kong config db_import}: a declarative configuration written as a whole. */
public interface ImportConfiguration {

    /**
     * Writes every entity of {@code configuration} in one transaction, all or nothing, kinds in dependency order
     * (each kind in file order). An entity is matched with a stored one by its {@code id}, else by its unique fields
     * ({@code name}, {@code username}, a credential's {@code key}, …), else by its natural key below its parent (a
     * target's {@code target}, an ACL's {@code group}, a plugin's name and scope); a matched entity equal to the stored
     * one (timestamps aside) is skipped, so importing the same file again appends no event. Each created or updated
     * entity appends one event, which every node applies. Nothing is deleted.
     *
     * @return the counts per kind and the number of events appended
     * @throws io.tollgate.application.port.DeclarationRejected naming the first entity (by its path in the file) that
     *     cannot be written, with Kong's message; nothing is written then
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database fails
     */
    default ImportReport apply(DeclaredConfiguration configuration) {
        return apply(configuration, ImportProgress.NONE);
    }

    /**
     * {@link #apply(DeclaredConfiguration)}, telling {@code progress} of every entity checked.
     *
     * @throws io.tollgate.application.port.DeclarationRejected as {@link #apply(DeclaredConfiguration)}
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database fails
     */
    ImportReport apply(DeclaredConfiguration configuration, ImportProgress progress);
}
