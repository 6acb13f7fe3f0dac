package io.tollgate.adapter.http.admin;

import org.jspecify.annotations.Nullable;

/**
 * A request the Admin API answers with a plain Kong error: a status and, unless {@code null}, a
 * {@code {"message": …}} body (Kong's non-DAO errors such as {@code 404 {"message":"Not found"}}).
 */
final class ClientError extends RuntimeException {

    private final int status;

    ClientError(int status, @Nullable String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ClientError notFound() {
        return new ClientError(404, "Not found");
    }

    static ClientError methodNotAllowed() {
        return new ClientError(405, "Method not allowed");
    }

    static ClientError badRequest(String message) {
        return new ClientError(400, message);
    }

    /** Kong answers an unsupported body type with 415 and no body. */
    static ClientError unsupportedMediaType() {
        return new ClientError(415, null);
    }

    int status() {
        return status;
    }
}
