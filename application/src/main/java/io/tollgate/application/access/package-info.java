/**
 * Admin API access ({@code admin_auth}): signing requests in against the cluster's admin accounts
 * ({@link io.tollgate.application.access.AdminAuthentication}) and managing those accounts
 * ({@link io.tollgate.application.access.AdminAccountManagement}).
 */
@Application
@NullMarked
package io.tollgate.application.access;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
