/**
 * Kong's vaults at use: resolving {@code {vault://…}} references to secrets while building what the proxy uses
 * ({@link io.tollgate.application.vault.VaultSecrets}), through the installed vaults
 * ({@link io.tollgate.application.port.out.SecretVault}).
 */
@Application
@NullMarked
package io.tollgate.application.vault;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
