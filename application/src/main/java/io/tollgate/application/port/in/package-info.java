/** What the outside may ask of the application: administer entities, inspect the cache, describe the node, proxy. */
@PrimaryPort
@NullMarked
package io.tollgate.application.port.in;

import org.jmolecules.architecture.hexagonal.PrimaryPort;
import org.jspecify.annotations.NullMarked;
