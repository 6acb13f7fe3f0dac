/** What the application needs from the outside: the entity store, the event log, transactions, the node cache. */
@SecondaryPort
@NullMarked
package io.tollgate.application.port.out;

import org.jmolecules.architecture.hexagonal.SecondaryPort;
import org.jspecify.annotations.NullMarked;
