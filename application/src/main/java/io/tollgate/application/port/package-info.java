/** Types shared by the primary and the secondary ports: pages of entities and the database-unavailable failure. */
@Port
@NullMarked
package io.tollgate.application.port;

import org.jmolecules.architecture.hexagonal.Port;
import org.jspecify.annotations.NullMarked;
