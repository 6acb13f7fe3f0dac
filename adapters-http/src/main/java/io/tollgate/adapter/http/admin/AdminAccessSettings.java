package io.tollgate.adapter.http.admin;

import java.util.Objects;

/**
 * The Admin API's access settings, bound by bootstrap from the configuration.
 *
 * @param mode {@code admin_auth}: when not {@link AdminAuthMode#OFF}, every request but a CORS preflight needs an admin
 *     account's credentials ({@link AdminAccess}), and CORS allows only the {@code admin_gui_url} origins
 *     ({@link Cors})
 */
public record AdminAccessSettings(AdminAuthMode mode) {

    /** {@code admin_auth = off}. */
    public static final AdminAccessSettings OFF = new AdminAccessSettings(AdminAuthMode.OFF);

    public AdminAccessSettings {
        Objects.requireNonNull(mode, "mode");
    }
}
