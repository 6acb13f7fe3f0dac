package io.tollgate.application.port;

import io.tollgate.domain.shared.Rejection;
import java.util.Objects;

/**
 * An entity of a declarative configuration that cannot be written: the whole import is rolled back. The message is
 * {@code <path in the file>: <Kong's message>}, e.g.
 * {@code services[0].routes[1]: schema violation (paths.1: should start with: / (fixed path) or ~/ (regex path))}.
 */
public final class DeclarationRejected extends RuntimeException {

    private final String path;
    private final Rejection reason;

    /**
     * @param path the entity's path in the file ({@link DeclaredEntity#path()})
     * @param reason the domain's refusal (Kong's schema violation, unique violation, unresolved foreign key, …)
     */
    public DeclarationRejected(String path, Rejection reason) {
        super(path + ": " + reason.getMessage(), reason);
        this.path = Objects.requireNonNull(path, "path");
        this.reason = reason;
    }

    /** The entity's path in the file, e.g. {@code consumers[2].keyauth_credentials[0]}. */
    public String path() {
        return path;
    }

    /** Kong's error (code, name, fields). */
    public Rejection reason() {
        return reason;
    }
}
