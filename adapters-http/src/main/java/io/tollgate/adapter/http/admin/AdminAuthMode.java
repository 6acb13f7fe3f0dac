package io.tollgate.adapter.http.admin;

import java.util.Locale;

/**
 * Tollgate's {@code admin_auth}: whether and how the Admin API asks for credentials (Kong's open-source Admin API never
 * does; Kong Enterprise's RBAC reads the {@code Kong-Admin-Token} header).
 */
public enum AdminAuthMode {
    /** No authentication, as Kong (the default; keep the Admin API on loopback). */
    OFF,
    /** HTTP Basic with a password account's name and password. */
    BASIC,
    /** A token account's token in {@code Kong-Admin-Token} or {@code Authorization: Bearer}. */
    TOKEN;

    /** The configuration value: {@code off}, {@code basic} or {@code token}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
