package io.tollgate.adapter.postgres;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * TLS to PostgreSQL: Kong's {@code pg_ssl}, {@code pg_ssl_verify} and {@code pg_ssl_required} (and the replica's
 * {@code pg_ro_ssl}, {@code pg_ro_ssl_verify}), as the PostgreSQL JDBC driver's {@code sslmode}.
 *
 * @param mode how TLS is used
 * @param trustedCertificates a PEM file of the certificate authorities to trust for {@link Mode#VERIFY_FULL} (Kong's
 *     {@code lua_ssl_trusted_certificate}); {@code null} for the JVM's default trust store (the system's authorities)
 */
public record PostgresTls(Mode mode, @Nullable Path trustedCertificates) {

    /** Plain connections (Kong's {@code pg_ssl = off}, its default). */
    public static final PostgresTls DISABLED = new PostgresTls(Mode.DISABLE, null);

    /** How TLS is used, the driver's {@code sslmode}. */
    public enum Mode {
        /** {@code pg_ssl = off}: plain connections ({@code sslmode=disable}). */
        DISABLE("disable"),
        /**
         * {@code pg_ssl = on} alone: TLS when the server offers it, plain otherwise, no certificate check (Kong treats
         * {@code pg_ssl} as a hint; {@code sslmode=prefer}).
         */
        PREFER("prefer"),
        /** {@code pg_ssl_required = on}: TLS or no connection, no certificate check ({@code sslmode=require}). */
        REQUIRE("require"),
        /**
         * {@code pg_ssl_verify = on}: TLS, the server's certificate chain checked against the trusted authorities and
         * its name against {@code pg_host} ({@code sslmode=verify-full}); a verified connection is always a TLS one.
         */
        VERIFY_FULL("verify-full");

        private final String sslmode;

        Mode(String sslmode) {
            this.sslmode = sslmode;
        }

        /** @return the driver's {@code sslmode} value */
        public String sslmode() {
            return sslmode;
        }
    }

    public PostgresTls {
        Objects.requireNonNull(mode, "mode");
    }

    /**
     * Kong's three flags as one mode: off when {@code ssl} is off (the others are ignored, as Kong does), else
     * verify-full when {@code verify}, require when {@code required}, prefer otherwise.
     *
     * @param trustedCertificates Kong's {@code lua_ssl_trusted_certificate} PEM file, or {@code null}
     */
    public static PostgresTls of(boolean ssl, boolean verify, boolean required, @Nullable Path trustedCertificates) {
        if (!ssl) {
            return DISABLED;
        }
        Mode mode = verify ? Mode.VERIFY_FULL : required ? Mode.REQUIRE : Mode.PREFER;
        return new PostgresTls(mode, mode == Mode.VERIFY_FULL ? trustedCertificates : null);
    }

    /**
     * Sets the driver's TLS properties: {@code sslmode}; for verify-full the trusted authorities, from the PEM file
     * ({@code sslrootcert}) or the JVM's default trust store ({@code sslfactory=DefaultJavaSSLFactory}); without
     * verification the driver's non-validating factory, so a self-signed server certificate is accepted as Kong does
     * with {@code pg_ssl_verify = off}.
     */
    void applyTo(Properties driver) {
        driver.setProperty("sslmode", mode.sslmode());
        switch (mode) {
            case DISABLE -> {}
            case PREFER, REQUIRE -> driver.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
            case VERIFY_FULL -> {
                if (trustedCertificates != null) {
                    driver.setProperty("sslrootcert", trustedCertificates.toString());
                } else {
                    driver.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
                }
            }
        }
    }
}
