package io.tollgate.application.port.in;

import java.util.Optional;

/**
 * Signs an Admin API request in against the cluster's admin accounts ({@code admin_auth}; Tollgate's, as Kong's
 * open-source Admin API has no authentication). A password signs in only a password account and a token only a token
 * account. Verified credentials are remembered for a few seconds, so most requests do not reach the database; an
 * account removed meanwhile keeps working on a node until its memory of it expires.
 */
public interface AuthenticateAdmin {

    /**
     * @return the signed-in account's name, or empty when the credential matches no account
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    Optional<String> authenticate(AdminCredential credential);
}
